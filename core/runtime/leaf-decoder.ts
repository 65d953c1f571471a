import type { SampleQuality, SampleTime, SampleValue } from '../cache';
import {
  QUALITY_BITS,
  bitsToFlags,
  bitsToText,
  dbposFromBits,
  timestampFromFields,
  toTypedValue,
  type EnumNames,
  type TypeName,
} from '../iec61850';
import type { MmsValue } from '../mms';
import { toHex } from '../shared';

/**
 * Turns the MMS value of one leaf into what the cache keeps, for the type the project gives the point.
 * One decoder is compiled per point at connect time, so the per-value cost is one switch and no lookup.
 * A value whose MMS type does not fit the point's type is an error (the IED or the project is wrong),
 * returned as text, never guessed.
 */
export type LeafDecoder = (value: MmsValue) => SampleValue | string;

const num = (v: number | bigint): number | undefined => {
  if (typeof v === 'number') return v;
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
};

function mismatch(type: TypeName, value: MmsValue): string {
  return `the IED sent ${value.type === 'bit-string' ? `a ${value.bitLength}-bit bit-string` : `a ${value.type}`} where the project expects ${type}`;
}

function integer(type: TypeName): LeafDecoder {
  return (v) => {
    if (v.type !== 'integer' && v.type !== 'unsigned') return mismatch(type, v);
    const n = num(v.value);
    return n === undefined ? { display: String(v.value), numeric: null } : { display: n, numeric: n };
  };
}

/** Enum names by ordinal (the project's from SCL EnumVal, or the standard ones); else the ordinal is shown. */
function enumeration(names: EnumNames | undefined): LeafDecoder {
  return (v) => {
    if (v.type !== 'integer' && v.type !== 'unsigned') return mismatch('enum', v);
    const n = num(v.value);
    if (n === undefined) return { display: String(v.value), numeric: null };
    return { display: names?.get(n) ?? n, numeric: n };
  };
}

export function leafDecoder(type: TypeName, enumNames?: EnumNames): LeafDecoder {
  switch (type) {
    case 'boolean':
      return (v) => (v.type === 'boolean' ? { display: v.value, numeric: v.value ? 1 : 0 } : mismatch(type, v));
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return integer(type);
    case 'float32':
    case 'float64':
      // NaN and infinities are shown as text and have no numeric form (JSON cannot carry them).
      return (v) =>
        v.type !== 'float'
          ? mismatch(type, v)
          : Number.isFinite(v.value)
            ? { display: v.value, numeric: v.value }
            : { display: String(v.value), numeric: null };
    case 'dbpos':
      return (v) => {
        if (v.type !== 'bit-string') return mismatch(type, v);
        const d = dbposFromBits(v);
        return d === undefined ? `the IED sent a ${v.bitLength}-bit Dbpos` : { display: d.name, numeric: d.value };
      };
    case 'enum':
      return enumeration(enumNames);
    case 'quality':
      return (v) => {
        if (v.type !== 'bit-string') return mismatch(type, v);
        const q = qualityOf(v);
        return { display: q.raw, numeric: q.raw };
      };
    case 'timestamp':
      return (v) => {
        if (v.type !== 'utc-time') return mismatch(type, v);
        const t = timeOf(v);
        return { display: t.iso, numeric: t.epochMs };
      };
    case 'bitstring':
      return (v) =>
        v.type === 'bit-string'
          ? { display: bitsToText(v), numeric: v.bitLength <= 31 ? bitsToFlags(v, v.bitLength) : null }
          : mismatch(type, v);
    case 'octetstring':
      return (v) => (v.type === 'octet-string' ? { display: toHex(v.value), numeric: null } : mismatch(type, v));
    case 'visiblestring':
    case 'unicodestring':
      return (v) =>
        v.type === 'visible-string' || v.type === 'mms-string' ? { display: v.value, numeric: null } : mismatch(type, v);
    case 'struct':
    case 'array':
      // A constructed point is shown as its JSON text; outputs that need a number have none.
      return (v) => ({ display: JSON.stringify(toTypedValue(v).value), numeric: null });
  }
}

/** The FCD's `q` (IEC 61850-8-1: BIT STRING of 13 bits). */
export function qualityOf(v: Extract<MmsValue, { type: 'bit-string' }>): SampleQuality {
  const knownBits = Math.min(QUALITY_BITS, v.bitLength);
  return { raw: bitsToFlags(v, QUALITY_BITS), knownBits };
}

/** The FCD's `t` (MMS UtcTime). */
export function timeOf(v: Extract<MmsValue, { type: 'utc-time' }>): SampleTime {
  const ts = timestampFromFields(v.seconds, v.fraction, v.quality);
  return {
    epochMs: ts.epochMs,
    iso: ts.iso,
    leapSecondsKnown: ts.leapSecondsKnown,
    clockFailure: ts.clockFailure,
    clockNotSynchronized: ts.clockNotSynchronized,
    accuracy: ts.timeAccuracyBits,
  };
}
