import {
  DBPOS_NAMES,
  dbposToBits,
  qualityToBits,
  timeQualityToByte,
  timestampToFields,
  type EnumNames,
} from '../iec61850';
import { typeMismatch, type MmsTypeSpec, type MmsValue } from '../mms';
import { RelayGateError, fromHex } from '../shared';

/** What the simulator knows about a leaf besides its MMS type. */
export interface LeafMeta {
  /** SCL bType (`Dbpos`, `Enum`, `Quality` …); absent for a model cloned from a live IED. */
  readonly bType?: string;
  /** Ordinal → EnumVal name, for an Enum. */
  readonly enumNames?: EnumNames;
}

/** Time quality of the simulator's clock: leap seconds known, synchronised, 10 bits of accuracy. */
export const SIM_TIME_QUALITY = timeQualityToByte({ timeAccuracyBits: 10 });

export function utcTime(epochMs: number, quality = SIM_TIME_QUALITY): MmsValue {
  const f = timestampToFields({ epochMs });
  return { type: 'utc-time', seconds: f.seconds, fraction: f.fraction, quality };
}

function fail(message: string): never {
  throw new RelayGateError('sim', 'bad-value', message);
}

const SCL_DBPOS: Readonly<Record<string, number>> = { intermediate: 0, 'intermediate-state': 0, off: 1, open: 1, on: 2, closed: 2, bad: 3, 'bad-state': 3 };

/** The ordinal of an enum name (or of a number given as text). */
function enumOrdinal(text: string, meta: LeafMeta | undefined): number | undefined {
  for (const [ord, name] of meta?.enumNames ?? []) if (name === text) return ord;
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) ? n : undefined;
}

/*
 * MMS values are never changed in place (a new value replaces the old one), so the zero values that
 * most leaves of a model start with are shared: a 50-IED model starts half a million leaves.
 */
const FALSE: MmsValue = { type: 'boolean', value: false };
const ZERO_INT: MmsValue = { type: 'integer', value: 0 };
const ZERO_UINT: MmsValue = { type: 'unsigned', value: 0 };
const ZERO_F32: MmsValue = { type: 'float', value: 0, width: 32 };
const ZERO_F64: MmsValue = { type: 'float', value: 0, width: 64 };
const EMPTY_VISIBLE: MmsValue = { type: 'visible-string', value: '' };
const EMPTY_MMS: MmsValue = { type: 'mms-string', value: '' };
const zeroBits = new Map<number, MmsValue>();
const zeroOctets = new Map<number, MmsValue>();
let startTime: { ms: number; value: MmsValue } | undefined;

function cached(map: Map<number, MmsValue>, key: number, make: () => MmsValue): MmsValue {
  let v = map.get(key);
  if (!v) map.set(key, (v = make()));
  return v;
}

/** The zero value of a type: false, 0, '', empty, good quality, the start time. */
export function zeroValue(spec: MmsTypeSpec, meta: LeafMeta | undefined, nowMs: number): MmsValue {
  switch (spec.type) {
    case 'boolean':
      return FALSE;
    case 'integer':
    case 'unsigned': {
      const first = meta?.enumNames ? Math.min(...meta.enumNames.keys()) : 0;
      if (!Number.isFinite(first) || first === 0) return spec.type === 'integer' ? ZERO_INT : ZERO_UINT;
      return { type: spec.type, value: first };
    }
    case 'float':
      return spec.formatWidth === 64 ? ZERO_F64 : ZERO_F32;
    case 'bit-string': {
      const n = Math.abs(spec.size);
      return cached(zeroBits, n, () => ({ type: 'bit-string', bitLength: n, bytes: new Uint8Array((n + 7) >> 3) }));
    }
    case 'octet-string': {
      const n = Math.max(0, spec.size);
      return cached(zeroOctets, n, () => ({ type: 'octet-string', value: new Uint8Array(n) }));
    }
    case 'visible-string':
      return EMPTY_VISIBLE;
    case 'mms-string':
      return EMPTY_MMS;
    case 'utc-time':
      if (startTime?.ms !== nowMs) startTime = { ms: nowMs, value: utcTime(nowMs) };
      return startTime.value;
    case 'binary-time':
      return { type: 'binary-time', msOfDay: 0, ...(spec.withDate ? { days: 0 } : {}) };
    case 'structure':
      return { type: 'structure', members: spec.components.map((c) => zeroValue(c.spec, undefined, nowMs)) };
    case 'array':
      return { type: 'array', elements: Array.from({ length: spec.elementCount }, () => zeroValue(spec.element, undefined, nowMs)) };
    default:
      fail(`no value for MMS type ${spec.type}`);
  }
}

/**
 * A leaf value from text, as SCL `Val` elements and scenario files write it: `true`, `12.5`, an enum
 * name (`on`, `sbo-with-enhanced-security`), a Dbpos (`on`/`closed`, `off`/`open`, `intermediate`,
 * `bad`), a bit string as 0/1 text, octets as hex, a time as ISO 8601. Throws sim/bad-value.
 */
export function valueFromText(text: string, spec: MmsTypeSpec, meta: LeafMeta | undefined): MmsValue {
  const t = text.trim();
  switch (spec.type) {
    case 'boolean':
      if (/^(true|1)$/i.test(t)) return { type: 'boolean', value: true };
      if (/^(false|0)$/i.test(t)) return { type: 'boolean', value: false };
      return fail(`'${text}' is not a boolean`);
    case 'integer':
    case 'unsigned': {
      const n = spec.type === 'integer' && meta?.enumNames ? enumOrdinal(t, meta) : Number(t);
      if (n === undefined || !Number.isInteger(n)) return fail(`'${text}' is not ${meta?.enumNames ? 'one of the enum names' : 'an integer'}`);
      return { type: spec.type, value: n };
    }
    case 'float': {
      const n = Number(t);
      if (t === '' || Number.isNaN(n)) return fail(`'${text}' is not a number`);
      return { type: 'float', value: spec.formatWidth === 64 ? n : Math.fround(n), width: spec.formatWidth === 64 ? 64 : 32 };
    }
    case 'bit-string':
      return bitStringFromText(t, spec, meta);
    case 'octet-string':
      return { type: 'octet-string', value: fromHex(t.replace(/^0x/i, '')) };
    case 'visible-string':
    case 'mms-string':
      return { type: spec.type, value: text };
    case 'utc-time': {
      const ms = Date.parse(t);
      if (Number.isNaN(ms)) return fail(`'${text}' is not an ISO 8601 time`);
      return utcTime(ms);
    }
    default:
      return fail(`cannot read '${text}' as MMS type ${spec.type}`);
  }
}

function bitStringFromText(t: string, spec: Extract<MmsTypeSpec, { type: 'bit-string' }>, meta: LeafMeta | undefined): MmsValue {
  const size = Math.abs(spec.size);
  if (meta?.bType === 'Dbpos' || (size === 2 && t in SCL_DBPOS)) {
    const v = SCL_DBPOS[t] ?? DBPOS_NAMES.indexOf(t as (typeof DBPOS_NAMES)[number]);
    if (v === undefined || v < 0) return fail(`'${t}' is not a Dbpos (intermediate, open/off, closed/on, bad)`);
    return { type: 'bit-string', ...dbposToBits(v) };
  }
  if (!/^[01]*$/.test(t) || t.length > size) return fail(`'${t}' is not a bit string of at most ${size} bits`);
  const padded = spec.size > 0 ? t.padEnd(size, '0') : t;
  const bytes = new Uint8Array((padded.length + 7) >> 3);
  for (let i = 0; i < padded.length; i++) if (padded[i] === '1') bytes[i >> 3]! |= 0x80 >> (i & 7);
  return { type: 'bit-string', bitLength: padded.length, bytes };
}

/** A good, process quality: 13 bits, all zero. */
export const GOOD_QUALITY: MmsValue = { type: 'bit-string', ...qualityToBits(0) };

/** An MmsValue given as such (an object with a `type`), e.g. by a test or a saved model. */
function isMmsValue(v: unknown): v is MmsValue {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/**
 * A leaf value from what an API caller or a scenario gives: a boolean, a number (a Dbpos 0..3 for a
 * Dbpos, an ordinal for an enum), text as {@link valueFromText} reads it, or an MmsValue of the leaf's
 * type. Throws sim/bad-value naming what does not fit.
 */
export function valueFromJs(input: unknown, spec: MmsTypeSpec, meta: LeafMeta | undefined): MmsValue {
  if (isMmsValue(input)) {
    const why = typeMismatch(spec, input);
    if (why) fail(why);
    return input;
  }
  if (typeof input === 'string') return valueFromText(input, spec, meta);
  if (typeof input === 'boolean') {
    if (spec.type !== 'boolean') fail(`a boolean does not fit MMS type ${spec.type}`);
    return { type: 'boolean', value: input };
  }
  if (typeof input === 'number') {
    if (spec.type === 'float') return { type: 'float', value: spec.formatWidth === 64 ? input : Math.fround(input), width: spec.formatWidth === 64 ? 64 : 32 };
    if (spec.type === 'integer' || spec.type === 'unsigned') {
      if (!Number.isInteger(input)) fail(`${input} is not an integer`);
      return { type: spec.type, value: input };
    }
    if (spec.type === 'bit-string' && Math.abs(spec.size) === 2) return { type: 'bit-string', ...dbposToBits(input) };
    if (spec.type === 'utc-time') return utcTime(input);
    if (spec.type === 'boolean') return { type: 'boolean', value: input !== 0 };
  }
  return fail(`${JSON.stringify(input)} does not fit MMS type ${spec.type}`);
}
