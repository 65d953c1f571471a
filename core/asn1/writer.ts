import { Asn1Error } from './errors';
import type { BinaryTimeValue, UtcTimeValue } from './primitives';

const latin1Encode = (text: string, what: string): Uint8Array => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff)
      throw new Asn1Error(
        'bad-value',
        `${what} cannot hold the character U+${c.toString(16).padStart(4, '0')} at index ${i}`,
      );
    out[i] = c;
  }
  return out;
};
const utf8Encoder = new TextEncoder();
/** Scratch for IEEE 754 conversion; writes are synchronous, so one is enough. */
const scratch = new DataView(new ArrayBuffer(8));

/**
 * A BER encoder that writes forward into one growing buffer. A constructed element is opened with
 * `begin` and closed with `end`: one length octet is reserved, and when the contents turn out longer
 * than 127 octets they are moved up to make room for the long form. Encodings are minimal (shortest
 * length form, minimal integers), as DER would have them, because some IEDs accept nothing else.
 */
export class BerWriter {
  private buf: Uint8Array;
  private pos = 0;
  private readonly open: number[] = [];

  constructor(initialSize = 256) {
    this.buf = new Uint8Array(initialSize);
  }

  get length(): number {
    return this.pos;
  }

  /** The encoding so far, copied; the writer can be reset and reused. */
  finish(): Uint8Array {
    if (this.open.length > 0)
      throw new Error(`BerWriter.finish with ${this.open.length} constructed elements still open`);
    return this.buf.slice(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
    this.open.length = 0;
  }

  /** Opens a constructed element; its contents are everything written until the matching `end()`. */
  begin(cls: number, tag: number): this {
    this.identifier(cls, true, tag);
    this.ensure(1);
    this.open.push(this.pos);
    this.buf[this.pos++] = 0;
    return this;
  }

  end(): this {
    const lengthAt = this.open.pop();
    if (lengthAt === undefined) throw new Error('BerWriter.end without begin');
    const length = this.pos - lengthAt - 1;
    if (length < 0x80) {
      this.buf[lengthAt] = length;
      return this;
    }
    const extra = lengthOctets(length);
    this.ensure(extra);
    this.buf.copyWithin(lengthAt + 1 + extra, lengthAt + 1, this.pos);
    this.pos += extra;
    this.buf[lengthAt] = 0x80 | extra;
    for (let i = extra; i >= 1; i--) this.buf[lengthAt + i] = (length >>> ((extra - i) * 8)) & 0xff;
    return this;
  }

  /** A primitive element with the given contents octets. */
  primitive(cls: number, tag: number, contents: Uint8Array): this {
    this.identifier(cls, false, tag);
    this.lengthField(contents.length);
    this.bytes(contents);
    return this;
  }

  /** Pre-encoded TLVs (e.g. an MMS PDU inside a presentation PDV), copied as they are. */
  raw(encoded: Uint8Array): this {
    return this.bytes(encoded);
  }

  null(cls: number, tag: number): this {
    this.identifier(cls, false, tag);
    return this.byte(0);
  }

  boolean(cls: number, tag: number, value: boolean): this {
    this.identifier(cls, false, tag);
    // TRUE as 0x01, not 0xff: some IEDs accept only 0x01.
    return this.byte(1).byte(value ? 1 : 0);
  }

  integer(cls: number, tag: number, value: number | bigint): this {
    if (typeof value !== 'number' || value !== (value | 0)) {
      return this.primitive(cls, tag, integerContents(value));
    }
    // 32-bit values (nearly all of them) are written in place, most significant octet first.
    const n =
      value < -0x800000 || value > 0x7fffff
        ? 4
        : value < -0x8000 || value > 0x7fff
          ? 3
          : value < -0x80 || value > 0x7f
            ? 2
            : 1;
    this.header(cls, false, tag, n);
    for (let i = n - 1; i >= 0; i--) this.buf[this.pos++] = (value >> (i * 8)) & 0xff;
    return this;
  }

  /** MMS Unsigned: an INTEGER that is never negative (a leading 0x00 keeps the top bit clear). */
  unsigned(cls: number, tag: number, value: number | bigint): this {
    if (value < 0) throw new Asn1Error('bad-value', `Unsigned cannot hold ${value}`);
    return this.integer(cls, tag, value);
  }

  bitString(cls: number, tag: number, bitLength: number, bits: Uint8Array): this {
    const octets = bitStringOctets(bitLength, bits);
    const unused = octets * 8 - bitLength;
    this.header(cls, false, tag, 1 + octets);
    const buf = this.buf;
    buf[this.pos++] = unused;
    for (let i = 0; i < octets; i++) buf[this.pos++] = bits[i] as number;
    if (unused > 0) buf[this.pos - 1] = (buf[this.pos - 1] as number) & (0xff << unused);
    return this;
  }

  octetString(cls: number, tag: number, value: Uint8Array): this {
    return this.primitive(cls, tag, value);
  }

  /** VisibleString, GraphicString and other 8-bit strings. */
  latin1String(cls: number, tag: number, value: string): this {
    for (let i = 0; i < value.length; i++) {
      if (value.charCodeAt(i) > 0xff) return this.primitive(cls, tag, latin1Encode(value, 'an 8-bit string'));
    }
    this.header(cls, false, tag, value.length);
    for (let i = 0; i < value.length; i++) this.buf[this.pos++] = value.charCodeAt(i);
    return this;
  }

  utf8String(cls: number, tag: number, value: string): this {
    return this.primitive(cls, tag, utf8Encoder.encode(value));
  }

  objectIdentifier(cls: number, tag: number, arcs: readonly number[]): this {
    return this.primitive(cls, tag, objectIdentifierContents(arcs));
  }

  /** MMS FloatingPoint: the exponent width (8 or 11), then IEEE 754 big-endian. */
  mmsFloat(cls: number, tag: number, value: number, width: 32 | 64): this {
    const octets = width === 32 ? 4 : 8;
    if (width === 32) scratch.setFloat32(0, value);
    else scratch.setFloat64(0, value);
    this.header(cls, false, tag, 1 + octets);
    this.buf[this.pos++] = width === 32 ? 8 : 11;
    for (let i = 0; i < octets; i++) this.buf[this.pos++] = scratch.getUint8(i);
    return this;
  }

  /** UtcTime: 4 octets of seconds, 3 of fraction (2^-24 s), the TimeQuality octet. */
  utcTime(cls: number, tag: number, t: UtcTimeValue): this {
    this.header(cls, false, tag, 8);
    this.uint(t.seconds >>> 0, 4);
    this.uint(t.fraction & 0xffffff, 3);
    this.buf[this.pos++] = t.quality & 0xff;
    return this;
  }

  /** TimeOfDay: 4 octets of ms since midnight, then 2 of days since 1984-01-01 when given. */
  binaryTime(cls: number, tag: number, t: BinaryTimeValue): this {
    this.header(cls, false, tag, t.days === undefined ? 4 : 6);
    this.uint(t.msOfDay >>> 0, 4);
    if (t.days !== undefined) this.uint(t.days & 0xffff, 2);
    return this;
  }

  /** Identifier and length octets, with room reserved for `length` contents octets after them. */
  private header(cls: number, constructed: boolean, tag: number, length: number): void {
    this.identifier(cls, constructed, tag);
    this.lengthField(length);
    this.ensure(length);
  }

  /** An unsigned value of `octets` octets, big-endian, into space already reserved. */
  private uint(value: number, octets: number): void {
    for (let i = octets - 1; i >= 0; i--) this.buf[this.pos++] = (value / 2 ** (i * 8)) & 0xff;
  }

  private identifier(cls: number, constructed: boolean, tag: number): void {
    const first = (cls << 6) | (constructed ? 0x20 : 0);
    if (tag < 31) {
      this.byte(first | tag);
      return;
    }
    this.byte(first | 0x1f);
    const octets: number[] = [];
    for (let t = tag; t > 0; t = Math.floor(t / 128)) octets.unshift(t % 128);
    for (let i = 0; i < octets.length; i++)
      this.byte((octets[i] as number) | (i < octets.length - 1 ? 0x80 : 0));
  }

  private lengthField(length: number): void {
    if (length < 0x80) {
      this.byte(length);
      return;
    }
    const n = lengthOctets(length);
    this.byte(0x80 | n);
    for (let i = n - 1; i >= 0; i--) this.byte((length >>> (i * 8)) & 0xff);
  }

  private byte(b: number): this {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = b;
    return this;
  }

  private bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

function lengthOctets(length: number): number {
  if (length < 0x100) return 1;
  if (length < 0x10000) return 2;
  if (length < 0x1000000) return 3;
  return 4;
}

/** Minimal two's-complement contents of an INTEGER (X.690 8.3.2). */
export function integerContents(value: number | bigint): Uint8Array {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new Asn1Error('bad-value', `INTEGER must be a safe integer, got ${value}`);
    if (value >= -128 && value <= 127) return Uint8Array.of(value & 0xff);
    value = BigInt(value);
  }
  const out: number[] = [];
  let v = value;
  for (;;) {
    const b = Number(v & 0xffn);
    out.unshift(b);
    v >>= 8n;
    if ((v === 0n && (b & 0x80) === 0) || (v === -1n && (b & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

/** Octets a BIT STRING of `bitLength` bits occupies, checking `bits` holds them. */
function bitStringOctets(bitLength: number, bits: Uint8Array): number {
  if (!Number.isSafeInteger(bitLength) || bitLength < 0)
    throw new Asn1Error('bad-value', `a BIT STRING cannot have ${bitLength} bits`);
  const octets = (bitLength + 7) >>> 3;
  if (bits.length < octets)
    throw new Asn1Error(
      'bad-value',
      `a BIT STRING of ${bitLength} bits needs ${octets} octets, got ${bits.length}`,
    );
  return octets;
}

/** BIT STRING contents: the unused-bits octet, then the bits with the unused ones cleared. */
export function bitStringContents(bitLength: number, bits: Uint8Array): Uint8Array {
  const octets = bitStringOctets(bitLength, bits);
  const out = new Uint8Array(1 + octets);
  const unused = octets * 8 - bitLength;
  out[0] = unused;
  out.set(bits.subarray(0, octets), 1);
  if (unused > 0) out[octets] = (out[octets] as number) & (0xff << unused);
  return out;
}

export function objectIdentifierContents(arcs: readonly number[]): Uint8Array {
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined || first > 2 || (first < 2 && second > 39)) {
    throw new Asn1Error('bad-value', `OBJECT IDENTIFIER ${arcs.join('.')} is not valid`);
  }
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    if (!Number.isSafeInteger(arc) || arc < 0)
      throw new Asn1Error('bad-value', `OBJECT IDENTIFIER arc ${arc} is not valid`);
    const octets: number[] = [];
    for (let a = arc; ; a = Math.floor(a / 128)) {
      octets.unshift((a % 128) | (octets.length > 0 ? 0x80 : 0));
      if (a < 128) break;
    }
    out.push(...octets);
  }
  return Uint8Array.from(out);
}
