import {
  Asn1Error,
  BerReader,
  BerWriter,
  TagClass,
  decodeBigInteger,
  decodeBigUnsigned,
  decodeBinaryTime,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeUnsigned,
  decodeMmsFloat,
  decodeOctetString,
  decodeUtcTime,
  decodeUtf8String,
  decodeLatin1String,
  formatTag,
  type Tlv,
} from '../asn1';
import type { MmsValue } from './value';

const C = TagClass.context;

/**
 * ISO 9506-2 with the IEC 61850-8-1 additions:
 *
 *   Data ::= CHOICE {
 *     array          [1] IMPLICIT SEQUENCE OF Data,
 *     structure      [2] IMPLICIT SEQUENCE OF Data,
 *     boolean        [3] IMPLICIT BOOLEAN,
 *     bit-string     [4] IMPLICIT BIT STRING,
 *     integer        [5] IMPLICIT INTEGER,
 *     unsigned       [6] IMPLICIT INTEGER,        -- shall not be negative
 *     floating-point [7] IMPLICIT FloatingPoint,
 *     octet-string   [9] IMPLICIT OCTET STRING,
 *     visible-string [10] IMPLICIT VisibleString,
 *     generalized-time [11] IMPLICIT GeneralizedTime,
 *     binary-time    [12] IMPLICIT TimeOfDay,
 *     bcd            [13] IMPLICIT INTEGER,
 *     booleanArray   [14] IMPLICIT BIT STRING,
 *     objId          [15] IMPLICIT OBJECT IDENTIFIER,
 *     mMSString      [16] IMPLICIT MMSString,
 *     utc-time       [17] IMPLICIT UtcTime }
 *
 * IEC 61850 uses every alternative but generalized-time, bcd, booleanArray and objId; those are refused
 * with an error naming the alternative, so a device that sends one is reported, not misread.
 */
export const DataTag = {
  array: 1,
  structure: 2,
  boolean: 3,
  bitString: 4,
  integer: 5,
  unsigned: 6,
  floatingPoint: 7,
  octetString: 9,
  visibleString: 10,
  generalizedTime: 11,
  binaryTime: 12,
  bcd: 13,
  booleanArray: 14,
  objId: 15,
  mmsString: 16,
  utcTime: 17,
} as const;

const UNSUPPORTED: Record<number, string> = {
  11: 'generalized-time',
  13: 'bcd',
  14: 'booleanArray',
  15: 'objId',
};

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * INTEGER / Unsigned contents as a number while exact, as a bigint beyond 2^53, so int64/uint64 keep
 * every bit. Up to 6 octets always fit a double, and that is nearly every value, so BigInt is only
 * touched for the long ones.
 */
function decodeWideInteger(reader: BerReader, tlv: Tlv, unsigned: boolean): number | bigint {
  if (tlv.end - tlv.valueStart <= 6)
    return unsigned ? decodeUnsigned(reader, tlv) : decodeInteger(reader, tlv);
  const v = unsigned ? decodeBigUnsigned(reader, tlv) : decodeBigInteger(reader, tlv);
  return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v;
}

/**
 * Decodes one `Data` element. Structures are walked with an explicit stack, not recursion, so depth is
 * bounded by the reader's maxDepth and a hostile nesting cannot overflow the call stack.
 */
export function decodeData(reader: BerReader, tlv: Tlv): MmsValue {
  if (tlv.cls !== C) {
    throw new Asn1Error(
      'unexpected-tag',
      `expected a Data alternative (context tag), found ${formatTag(tlv.cls, tlv.tag)}`,
      tlv.start,
    );
  }
  if (tlv.tag !== DataTag.array && tlv.tag !== DataTag.structure) return decodeScalar(reader, tlv);
  interface Frame {
    reader: BerReader;
    items: MmsValue[];
    tag: number;
  }
  const root: Frame = { reader: reader.children(tlv, 'Data'), items: [], tag: tlv.tag };
  const stack: Frame[] = [root];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    if (!top.reader.hasMore()) {
      stack.pop();
      const value = constructed(top);
      const parent = stack[stack.length - 1];
      if (!parent) return value;
      parent.items.push(value);
      continue;
    }
    const child = top.reader.next('a Data element');
    if (child.cls === C && (child.tag === DataTag.array || child.tag === DataTag.structure)) {
      stack.push({ reader: top.reader.children(child, 'Data'), items: [], tag: child.tag });
    } else if (child.cls !== C) {
      throw new Asn1Error(
        'unexpected-tag',
        `expected a Data alternative (context tag), found ${formatTag(child.cls, child.tag)}`,
        child.start,
      );
    } else {
      top.items.push(decodeScalar(top.reader, child));
    }
  }
}

function constructed(frame: { items: MmsValue[]; tag: number }): MmsValue {
  return frame.tag === DataTag.array
    ? { type: 'array', elements: frame.items }
    : { type: 'structure', members: frame.items };
}

function decodeScalar(reader: BerReader, tlv: Tlv): MmsValue {
  switch (tlv.tag) {
    case DataTag.boolean:
      return { type: 'boolean', value: decodeBoolean(reader, tlv) };
    case DataTag.bitString: {
      const { bitLength, bytes } = decodeBitString(reader, tlv);
      return { type: 'bit-string', bitLength, bytes };
    }
    case DataTag.integer:
      return { type: 'integer', value: decodeWideInteger(reader, tlv, false) };
    case DataTag.unsigned:
      return { type: 'unsigned', value: decodeWideInteger(reader, tlv, true) };
    case DataTag.floatingPoint: {
      const f = decodeMmsFloat(reader, tlv);
      return { type: 'float', value: f.value, width: f.width };
    }
    case DataTag.octetString:
      return { type: 'octet-string', value: decodeOctetString(reader, tlv) };
    case DataTag.visibleString:
      // Lenient on purpose: IEDs put Latin-1 text (°, ä) in VisibleString values, and refusing it would
      // fail a whole Read response. Names (Identifiers) stay strict in their own decoders.
      return { type: 'visible-string', value: decodeLatin1String(reader, tlv) };
    case DataTag.binaryTime: {
      const t = decodeBinaryTime(reader, tlv);
      return t.days === undefined
        ? { type: 'binary-time', msOfDay: t.msOfDay }
        : { type: 'binary-time', msOfDay: t.msOfDay, days: t.days };
    }
    case DataTag.mmsString:
      return { type: 'mms-string', value: decodeUtf8String(reader, tlv) };
    case DataTag.utcTime: {
      const t = decodeUtcTime(reader, tlv);
      return { type: 'utc-time', seconds: t.seconds, fraction: t.fraction, quality: t.quality };
    }
    default: {
      const name = UNSUPPORTED[tlv.tag];
      const what =
        name === undefined
          ? `an unknown Data alternative ${formatTag(tlv.cls, tlv.tag)}`
          : `the Data alternative ${name} ${formatTag(tlv.cls, tlv.tag)}, which IEC 61850 does not use`;
      throw new Asn1Error('bad-value', `cannot decode ${what}`, tlv.start);
    }
  }
}

/** Decodes a whole buffer holding exactly one `Data` element. */
export function decodeDataBytes(bytes: Uint8Array): MmsValue {
  const reader = new BerReader(bytes);
  const value = decodeData(reader, reader.next('a Data element'));
  reader.end('the Data element');
  return value;
}

/** Writes one `Data` element. Recursion depth follows the value, which the caller built. */
export function writeData(w: BerWriter, v: MmsValue): void {
  switch (v.type) {
    case 'array':
      w.begin(C, DataTag.array);
      for (const e of v.elements) writeData(w, e);
      w.end();
      return;
    case 'structure':
      w.begin(C, DataTag.structure);
      for (const m of v.members) writeData(w, m);
      w.end();
      return;
    case 'boolean':
      w.boolean(C, DataTag.boolean, v.value);
      return;
    case 'bit-string':
      w.bitString(C, DataTag.bitString, v.bitLength, v.bytes);
      return;
    case 'integer':
      w.integer(C, DataTag.integer, v.value);
      return;
    case 'unsigned':
      w.unsigned(C, DataTag.unsigned, v.value);
      return;
    case 'float':
      w.mmsFloat(C, DataTag.floatingPoint, v.value, v.width);
      return;
    case 'octet-string':
      w.octetString(C, DataTag.octetString, v.value);
      return;
    case 'visible-string':
      w.latin1String(C, DataTag.visibleString, v.value);
      return;
    case 'mms-string':
      w.utf8String(C, DataTag.mmsString, v.value);
      return;
    case 'binary-time':
      w.binaryTime(C, DataTag.binaryTime, v);
      return;
    case 'utc-time':
      w.utcTime(C, DataTag.utcTime, v);
      return;
  }
}

export function encodeData(v: MmsValue): Uint8Array {
  const w = new BerWriter(64);
  writeData(w, v);
  return w.finish();
}
