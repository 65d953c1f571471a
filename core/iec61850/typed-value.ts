import { RelayGateError, toHex } from '../shared';
import type { TypeName } from './basic-type';
import type { ValueType } from './value-type';
import { bitsToText } from './bits';
import { dbposFromBits, type DbposName } from './dbpos';
import { enumValue, standardEnumNames, type EnumNames } from './enum-value';
import type { MmsValue } from '../mms';
import { formatQuality, qualityFromBits, type Quality } from './quality';
import { entryTimeFromFields, timestampFromFields, type EntryTime, type Timestamp } from './timestamp';
import { safeNumber } from './value-access';

/** What JSON can carry: the display values of typed values are always this. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

type IntTypeName = 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32';

interface Base {
  /** The type the hint asked for when the value did not fit it; the value is then typed by what it is. */
  readonly mismatch?: TypeName;
}

/** A value with its CONVENTIONS.md type name and a JSON-safe display value. */
export type TypedValue = Base &
  (
    | { readonly type: 'boolean'; readonly value: boolean }
    /** A decimal string when the integer is beyond ±2^53. */
    | { readonly type: IntTypeName; readonly value: number | string }
    /** 'NaN', 'Infinity' or '-Infinity' as strings. */
    | { readonly type: 'float32' | 'float64'; readonly value: number | string }
    /** null when the device sent fewer than 2 bits. */
    | { readonly type: 'dbpos'; readonly value: DbposName | null; readonly ordinal: number | null }
    /** The EnumVal name when known, else the ordinal. */
    | {
        readonly type: 'enum';
        readonly value: string | number;
        readonly ordinal: number;
        readonly name?: string;
      }
    | { readonly type: 'quality'; readonly value: string; readonly quality: Quality }
    | {
        readonly type: 'timestamp';
        readonly value: string | null;
        readonly timestamp?: Timestamp;
        readonly entryTime?: EntryTime;
      }
    /** Bits as 0/1 text, first bit first. */
    | { readonly type: 'bitstring'; readonly value: string; readonly bitLength: number }
    /** Hex. */
    | { readonly type: 'octetstring'; readonly value: string }
    | { readonly type: 'visiblestring' | 'unicodestring'; readonly value: string }
    /** Display: an object by member name when every member is named, else an array. */
    | { readonly type: 'struct'; readonly value: JsonValue; readonly members: readonly TypedMember[] }
    | {
        readonly type: 'array';
        readonly value: readonly JsonValue[];
        readonly elements: readonly TypedValue[];
      }
  );

export interface TypedMember {
  readonly name?: string;
  readonly value: TypedValue;
}

export interface TypedValueOptions {
  /** The attribute's own name (`q`, `t`, `stVal`): lets q, t and a 2-bit stVal be typed without SCL. */
  readonly name?: string;
  /** The data object around it (`Mod`, `Health`): finds standard enum names without SCL. */
  readonly doName?: string;
}

const MAX_DEPTH = 32;

/**
 * Types an MMS value. With no type, 61850 names decide where the standard fixes them: a 13-bit `q` is a
 * quality, `t` a timestamp, a 2-bit `stVal` a Dbpos, and an integer `stVal` of Mod, Beh or Health an
 * enum. Everything else is typed by what MMS says it is.
 */
export function toTypedValue(
  value: MmsValue,
  type?: ValueType | TypeName,
  options: TypedValueOptions = {},
): TypedValue {
  const hint: ValueType | undefined = typeof type === 'string' ? { kind: 'basic', type } : type;
  return typed(value, hint, options.name, options.doName, 0);
}

function typed(
  value: MmsValue,
  hint: ValueType | undefined,
  name: string | undefined,
  doName: string | undefined,
  depth: number,
): TypedValue {
  if (depth > MAX_DEPTH)
    throw new RelayGateError('iec61850', 'too-deep', `value nested deeper than ${MAX_DEPTH} levels`);
  if (value.type === 'structure') return struct(value.members, hint, doName, depth);
  if (value.type === 'array') return array(value.elements, hint, doName, depth);
  const wanted = hint?.kind === 'basic' ? hint.type : undefined;
  if (hint?.kind === 'basic' && hint.fromMms === true) {
    const named = byName(value, name, doName);
    if (named !== undefined) return named;
  }
  if (wanted !== undefined) {
    const fitted = fit(value, wanted, hint?.kind === 'basic' ? hint.enumNames : undefined);
    if (fitted !== undefined) return fitted;
  }
  const natural = byName(value, name, doName) ?? naturalType(value);
  return hint === undefined ? natural : { ...natural, mismatch: mismatchName(hint) };
}

function struct(
  members: readonly MmsValue[],
  hint: ValueType | undefined,
  doName: string | undefined,
  depth: number,
): TypedValue {
  const names = hint?.kind === 'struct' ? hint.members : undefined;
  const typedMembers = members.map((member, i): TypedMember => {
    const spec = names?.[i];
    const value = typed(member, spec?.type, spec?.name, doName, depth + 1);
    return spec === undefined ? { value } : { name: spec.name, value };
  });
  const allNamed = names !== undefined && names.length === members.length;
  const display: JsonValue = allNamed
    ? Object.fromEntries(typedMembers.map((m) => [m.name ?? '', m.value.value]))
    : typedMembers.map((m) => m.value.value);
  const mismatch = hint !== undefined && hint.kind !== 'struct' ? { mismatch: mismatchName(hint) } : {};
  return { type: 'struct', value: display, members: typedMembers, ...mismatch };
}

function array(
  elements: readonly MmsValue[],
  hint: ValueType | undefined,
  doName: string | undefined,
  depth: number,
): TypedValue {
  const element = hint?.kind === 'array' ? hint.element : undefined;
  const typedElements = elements.map((e) => typed(e, element, undefined, doName, depth + 1));
  const mismatch = hint !== undefined && hint.kind !== 'array' ? { mismatch: mismatchName(hint) } : {};
  return { type: 'array', value: typedElements.map((e) => e.value), elements: typedElements, ...mismatch };
}

function mismatchName(hint: ValueType): TypeName {
  return hint.kind === 'basic' ? hint.type : hint.kind;
}

/** The value as the hinted type, or undefined when it does not fit. */
function fit(value: MmsValue, wanted: TypeName, names: EnumNames | undefined): TypedValue | undefined {
  switch (wanted) {
    case 'boolean':
      return value.type === 'boolean' ? { type: 'boolean', value: value.value } : undefined;
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return value.type === 'integer' || value.type === 'unsigned'
        ? { type: wanted, value: intDisplay(value.value) }
        : undefined;
    case 'float32':
    case 'float64':
      return value.type === 'float' ? { type: wanted, value: floatDisplay(value.value) } : undefined;
    case 'enum':
      return value.type === 'integer' || value.type === 'unsigned'
        ? enumTyped(value.value, names)
        : undefined;
    case 'dbpos':
      return value.type === 'bit-string' ? dbposTyped(value) : undefined;
    case 'quality':
      return value.type === 'bit-string' ? qualityTyped(value) : undefined;
    case 'timestamp':
      return value.type === 'utc-time' || value.type === 'binary-time' ? timeTyped(value) : undefined;
    case 'bitstring':
      return value.type === 'bit-string'
        ? { type: 'bitstring', value: bitsToText(value), bitLength: value.bitLength }
        : undefined;
    case 'octetstring':
      return value.type === 'octet-string' ? { type: 'octetstring', value: toHex(value.value) } : undefined;
    case 'visiblestring':
    case 'unicodestring':
      return value.type === 'visible-string' || value.type === 'mms-string'
        ? { type: wanted, value: value.value }
        : undefined;
    case 'struct':
    case 'array':
      return undefined; // constructed values never reach here
  }
}

/** Types that IEC 61850-7-3 fixes by attribute name. */
function byName(
  value: MmsValue,
  name: string | undefined,
  doName: string | undefined,
): TypedValue | undefined {
  // subQ is the substituted quality (FC SV), a Quality like q.
  if ((name === 'q' || name === 'subQ') && value.type === 'bit-string' && value.bitLength === 13)
    return qualityTyped(value);
  if (name === 'stVal' && value.type === 'bit-string' && value.bitLength === 2) return dbposTyped(value);
  if (name === 'stVal' && (value.type === 'integer' || value.type === 'unsigned') && doName !== undefined) {
    const names = standardEnumNames(doName);
    if (names !== undefined) return enumTyped(value.value, names);
  }
  return undefined;
}

/** The type name MMS itself implies. Integers widen to int32/int64 and uint32 without SCL. */
function naturalType(value: Exclude<MmsValue, { type: 'structure' | 'array' }>): TypedValue {
  switch (value.type) {
    case 'boolean':
      return { type: 'boolean', value: value.value };
    case 'integer': {
      const n = safeNumber(value.value);
      const int32 = n !== undefined && n >= -0x80000000 && n <= 0x7fffffff;
      return { type: int32 ? 'int32' : 'int64', value: intDisplay(value.value) };
    }
    case 'unsigned':
      return { type: 'uint32', value: intDisplay(value.value) };
    case 'float':
      return { type: value.width === 64 ? 'float64' : 'float32', value: floatDisplay(value.value) };
    case 'bit-string':
      return { type: 'bitstring', value: bitsToText(value), bitLength: value.bitLength };
    case 'octet-string':
      return { type: 'octetstring', value: toHex(value.value) };
    case 'visible-string':
      return { type: 'visiblestring', value: value.value };
    case 'mms-string':
      return { type: 'unicodestring', value: value.value };
    case 'utc-time':
    case 'binary-time':
      return timeTyped(value);
  }
}

function intDisplay(value: number | bigint): number | string {
  return safeNumber(value) ?? String(value);
}

function floatDisplay(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function enumTyped(ordinal: number | bigint, names: EnumNames | undefined): TypedValue {
  const n = safeNumber(ordinal);
  if (n === undefined) return { type: 'int64', value: String(ordinal), mismatch: 'enum' };
  const e = enumValue(n, names);
  return e.name === undefined
    ? { type: 'enum', value: n, ordinal: n }
    : { type: 'enum', value: e.name, ordinal: n, name: e.name };
}

function dbposTyped(bits: { bitLength: number; bytes: Uint8Array }): TypedValue {
  const d = dbposFromBits(bits);
  return { type: 'dbpos', value: d?.name ?? null, ordinal: d?.value ?? null };
}

function qualityTyped(bits: { bitLength: number; bytes: Uint8Array }): TypedValue {
  const quality = qualityFromBits(bits);
  return { type: 'quality', value: formatQuality(quality), quality };
}

function timeTyped(value: Extract<MmsValue, { type: 'utc-time' | 'binary-time' }>): TypedValue {
  if (value.type === 'utc-time') {
    const timestamp = timestampFromFields(value.seconds, value.fraction, value.quality);
    return { type: 'timestamp', value: timestamp.iso, timestamp };
  }
  const entryTime = entryTimeFromFields(value.msOfDay, value.days);
  return { type: 'timestamp', value: entryTime.iso, entryTime };
}
