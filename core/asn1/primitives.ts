import { Asn1Error } from './errors';
import type { BerReader, Tlv } from './reader';
import { formatTag } from './tag';

/*
 * Decoders for the contents octets of primitive elements. Each takes the reader that produced the TLV
 * (its buffer holds the octets) and checks the length the type allows before reading.
 */

function primitive(reader: BerReader, tlv: Tlv, what: string): Uint8Array {
  checkPrimitive(tlv, what);
  return reader.value(tlv);
}

/*
 * The hot decoders (integer, boolean, float, UtcTime) read straight from the reader's buffer at the
 * TLV's offsets: a subarray or DataView per value costs more than the decoding itself.
 */
function checkPrimitive(tlv: Tlv, what: string): void {
  if (tlv.constructed)
    throw new Asn1Error('bad-tag', `${what} ${formatTag(tlv.cls, tlv.tag)} must be primitive`, tlv.start);
}

/** Shared scratch for IEEE 754 conversion; decoders are synchronous, so one is enough. */
const scratch = new DataView(new ArrayBuffer(8));

function badValue(tlv: Tlv, message: string): never {
  throw new Asn1Error('bad-value', `${formatTag(tlv.cls, tlv.tag)} ${message}`, tlv.valueStart);
}

/** BOOLEAN (X.690 8.2): one octet, any non-zero value is TRUE. */
export function decodeBoolean(reader: BerReader, tlv: Tlv): boolean {
  checkPrimitive(tlv, 'BOOLEAN');
  const length = tlv.end - tlv.valueStart;
  if (length !== 1) badValue(tlv, `BOOLEAN must have 1 octet, has ${length}`);
  return reader.bytes[tlv.valueStart] !== 0;
}

/** NULL (X.690 8.8): no contents. */
export function decodeNull(reader: BerReader, tlv: Tlv): null {
  if (primitive(reader, tlv, 'NULL').length !== 0) badValue(tlv, 'NULL must be empty');
  return null;
}

/** INTEGER (X.690 8.3) as a number; values beyond ±2^53 are refused (use decodeBigInteger). */
export function decodeInteger(reader: BerReader, tlv: Tlv): number {
  checkPrimitive(tlv, 'INTEGER');
  const { valueStart, end } = tlv;
  if (end === valueStart) badValue(tlv, 'INTEGER has no contents octets');
  // Up to 6 octets (48 bits) is always exact in a double; 7 octets already reach 2^55.
  if (end - valueStart > 6) {
    const big = decodeBigInteger(reader, tlv);
    if (big > MAX_SAFE || big < MIN_SAFE) {
      badValue(tlv, `INTEGER ${big} is beyond the safe integer range`);
    }
    return Number(big);
  }
  const bytes = reader.bytes;
  const first = bytes[valueStart] as number;
  let n = first >= 0x80 ? first - 256 : first;
  for (let i = valueStart + 1; i < end; i++) n = n * 256 + (bytes[i] as number);
  return n;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** INTEGER of any size (int64 values of IEC 61850, 64-bit counters). */
export function decodeBigInteger(reader: BerReader, tlv: Tlv): bigint {
  const v = primitive(reader, tlv, 'INTEGER');
  if (v.length === 0) badValue(tlv, 'INTEGER has no contents octets');
  if (v.length > 16) badValue(tlv, `INTEGER of ${v.length} octets is too large`);
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  if (((v[0] as number) & 0x80) !== 0) n -= 1n << BigInt(v.length * 8);
  return n;
}

/**
 * MMS Unsigned (an INTEGER that must not be negative). Servers put a leading 0x00 before values with
 * the top bit set, as X.690 requires; a negative value is refused.
 */
export function decodeUnsigned(reader: BerReader, tlv: Tlv): number {
  const n = decodeInteger(reader, tlv);
  if (n < 0) badValue(tlv, 'Unsigned value is negative');
  return n;
}

export function decodeBigUnsigned(reader: BerReader, tlv: Tlv): bigint {
  const v = decodeBigInteger(reader, tlv);
  if (v < 0n) badValue(tlv, 'Unsigned value is negative');
  return v;
}

export interface BitStringValue {
  /** Number of significant bits. */
  bitLength: number;
  /** The bits, first bit in the most significant bit of the first octet; unused bits are zero. */
  bytes: Uint8Array;
}

/**
 * BIT STRING (X.690 8.6): an initial octet counting the unused bits of the last octet (0..7), then the
 * bits. An empty bit string is the single octet 00; some IEDs send it, so it decodes to length 0.
 */
export function decodeBitString(reader: BerReader, tlv: Tlv): BitStringValue {
  checkPrimitive(tlv, 'BIT STRING');
  const { valueStart, end } = tlv;
  if (end === valueStart) badValue(tlv, 'BIT STRING has no initial octet');
  const unused = reader.bytes[valueStart] as number;
  if (unused > 7) badValue(tlv, `BIT STRING says ${unused} unused bits (at most 7)`);
  if (end === valueStart + 1 && unused !== 0) badValue(tlv, 'an empty BIT STRING must have 0 unused bits');
  // A copy, so the caller may keep it after the PDU buffer is reused.
  const bytes = reader.bytes.slice(valueStart + 1, end);
  if (unused > 0) bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) & (0xff << unused);
  return { bitLength: bytes.length * 8 - unused, bytes };
}

/** OCTET STRING (X.690 8.7), copied so the caller may keep it after the PDU buffer is reused. */
export function decodeOctetString(reader: BerReader, tlv: Tlv): Uint8Array {
  return primitive(reader, tlv, 'OCTET STRING').slice();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Octets as ISO 8859-1 (each octet is the code point of the same number). Not TextDecoder('latin1'):
 * the Encoding Standard maps that label to windows-1252, which turns 0x80..0x9f into other
 * characters that would not encode back to the same octets. Short strings (names) are built directly.
 */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 4096) {
    const end = Math.min(to, i + 4096);
    if (end - i <= 16) {
      for (let j = i; j < end; j++) out += String.fromCharCode(bytes[j] as number);
    } else out += String.fromCharCode(...bytes.subarray(i, end));
  }
  return out;
}

/** VisibleString (ISO 646 printable characters 0x20..0x7e); other octets are refused. */
export function decodeVisibleString(reader: BerReader, tlv: Tlv): string {
  checkPrimitive(tlv, 'VisibleString');
  const bytes = reader.bytes;
  for (let i = tlv.valueStart; i < tlv.end; i++) {
    const c = bytes[i] as number;
    if (c < 0x20 || c > 0x7e) {
      throw new Asn1Error(
        'bad-value',
        `VisibleString has a non-printable octet 0x${c.toString(16).padStart(2, '0')}`,
        i,
      );
    }
  }
  return latin1(bytes, tlv.valueStart, tlv.end);
}

/**
 * GraphicString, VisibleString values from devices and other 8-bit strings passed through as
 * ISO 8859-1 (ACSE passwords, AP invocation names); any octet is accepted and re-encodes to itself.
 */
export function decodeLatin1String(reader: BerReader, tlv: Tlv): string {
  checkPrimitive(tlv, 'character string');
  return latin1(reader.bytes, tlv.valueStart, tlv.end);
}

/** UTF8String (MMS `MMSString` carries UTF-8 in IEC 61850 Unicode strings). */
export function decodeUtf8String(reader: BerReader, tlv: Tlv): string {
  try {
    return utf8.decode(primitive(reader, tlv, 'UTF8String'));
  } catch (err) {
    if (err instanceof Asn1Error) throw err;
    return badValue(tlv, 'is not valid UTF-8');
  }
}

/** OBJECT IDENTIFIER (X.690 8.19): first octet(s) = 40*X + Y, then base-128 arcs. */
export function decodeObjectIdentifier(reader: BerReader, tlv: Tlv): number[] {
  const v = primitive(reader, tlv, 'OBJECT IDENTIFIER');
  if (v.length === 0) badValue(tlv, 'OBJECT IDENTIFIER has no contents octets');
  const arcs: number[] = [];
  let arc = 0;
  let octets = 0;
  for (let i = 0; i < v.length; i++) {
    const b = v[i] as number;
    if (octets === 0 && b === 0x80) badValue(tlv, 'OBJECT IDENTIFIER arc has a leading 0x80 octet');
    if (++octets > 7) badValue(tlv, 'OBJECT IDENTIFIER arc is too large');
    arc = arc * 128 + (b & 0x7f);
    if ((b & 0x80) !== 0) continue;
    if (arcs.length === 0) {
      const first = arc < 80 ? Math.floor(arc / 40) : 2;
      arcs.push(first, arc - first * 40);
    } else arcs.push(arc);
    arc = 0;
    octets = 0;
  }
  if (octets !== 0) badValue(tlv, 'OBJECT IDENTIFIER ends inside an arc');
  return arcs;
}

/**
 * MMS FloatingPoint (ISO 9506-2): `FloatingPoint ::= OCTET STRING` holding one octet with the
 * exponent width (8 for IEEE 754 single, 11 for double), then the IEEE 754 value, big-endian.
 */
export function decodeMmsFloat(reader: BerReader, tlv: Tlv): { value: number; width: 32 | 64 } {
  checkPrimitive(tlv, 'FloatingPoint');
  const bytes = reader.bytes;
  const at = tlv.valueStart;
  const length = tlv.end - at;
  const exponentWidth = bytes[at];
  if (length === 5) {
    if (exponentWidth !== 8)
      badValue(tlv, `single-precision FloatingPoint must have exponent width 8, has ${exponentWidth}`);
    for (let i = 0; i < 4; i++) scratch.setUint8(i, bytes[at + 1 + i] as number);
    return { value: scratch.getFloat32(0), width: 32 };
  }
  if (length === 9) {
    if (exponentWidth !== 11)
      badValue(tlv, `double-precision FloatingPoint must have exponent width 11, has ${exponentWidth}`);
    for (let i = 0; i < 8; i++) scratch.setUint8(i, bytes[at + 1 + i] as number);
    return { value: scratch.getFloat64(0), width: 64 };
  }
  return badValue(tlv, `FloatingPoint must have 5 or 9 octets, has ${length}`);
}

export interface UtcTimeValue {
  /** Seconds since 1970-01-01T00:00:00Z. */
  seconds: number;
  /** Fraction of the second, in units of 2^-24 s. */
  fraction: number;
  /** The TimeQuality octet (leapSecondsKnown, clockFailure, clockNotSynchronized, accuracy). */
  quality: number;
}

/** MMS UtcTime (IEC 61850-8-1 8.1.3.7): `UtcTime ::= OCTET STRING (SIZE(8))` = 4 s + 3 fraction + 1 quality. */
export function decodeUtcTime(reader: BerReader, tlv: Tlv): UtcTimeValue {
  checkPrimitive(tlv, 'UtcTime');
  const at = tlv.valueStart;
  if (tlv.end - at !== 8) badValue(tlv, `UtcTime must have 8 octets, has ${tlv.end - at}`);
  const b = reader.bytes;
  return {
    seconds:
      (b[at] as number) * 0x1000000 +
      (((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)),
    fraction: ((b[at + 4] as number) << 16) | ((b[at + 5] as number) << 8) | (b[at + 6] as number),
    quality: b[at + 7] as number,
  };
}

export interface BinaryTimeValue {
  /** Milliseconds since midnight. */
  msOfDay: number;
  /** Days since 1984-01-01, present in the 6-octet form (TimeOfDay with date). */
  days?: number;
}

/** MMS TimeOfDay / BinaryTime: `OCTET STRING (SIZE(4|6))` = ms of day, then optionally days since 1984. */
export function decodeBinaryTime(reader: BerReader, tlv: Tlv): BinaryTimeValue {
  const v = primitive(reader, tlv, 'BinaryTime');
  if (v.length !== 4 && v.length !== 6) badValue(tlv, `BinaryTime must have 4 or 6 octets, has ${v.length}`);
  const view = new DataView(v.buffer, v.byteOffset, v.length);
  const msOfDay = view.getUint32(0);
  if (msOfDay >= 86_400_000) badValue(tlv, `BinaryTime has ${msOfDay} ms of day (more than a day)`);
  return v.length === 6 ? { msOfDay, days: view.getUint16(4) } : { msOfDay };
}
