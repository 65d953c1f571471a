import type { PointConfig } from '../contract';
import { DBPOS_NAMES } from '../iec61850';
import type { ScaleSpec } from '../outputs';

/**
 * The values a check drives at the source, one per step, different from the value before and from
 * point to point, chosen so that a mistake shows: a register pair read in the wrong word order, a
 * neighbour's register, a wrong gain or offset all give another number. Pure: the caller gives what the
 * point was before.
 */
export type Driven = boolean | number | string;

type TypeName = PointConfig['type'];

/** Engineering ranges of the IEC 61850 integer types (int64 and uint32 as far as a double is exact). */
const IEC_RANGE: Partial<Record<TypeName, readonly [number, number]>> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2 ** 53), 2 ** 53],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 2 ** 32 - 1],
};

/** Raw ranges of the Modbus number types (floats: kept well inside float32 so nothing clamps). */
const RAW_RANGE: Readonly<Record<ScaleSpec['type'], readonly [number, number]>> = {
  bool: [0, 1],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  float32: [-1e6, 1e6],
  float64: [-1e9, 1e9],
  dbpos: [0, 3],
  enum: [-32768, 32767],
};

const DBPOS_ORDER = [1, 2, 0, 3] as const;

/** Beh test (3) and test/blocked (4) would put the LN's other points in test: a Beh point is not driven there. */
const TEST_BEHAVIOURS = new Set([3, 4]);

export interface DriveInput {
  readonly type: TypeName;
  /** The data object's name (`Beh`, `Pos`); some values mean something to the gateway there. */
  readonly doName: string;
  /** Enum ordinals known (the project's names, the standard ones, the IED's); empty when none. */
  readonly enumOrdinals: readonly number[];
  /** The point's Modbus scaling in each map checked (the gateway's, a client's); empty when unmapped. */
  readonly scales: readonly ScaleSpec[];
  /** The point's index among those driven, so neighbours get different values. */
  readonly index: number;
  /** 0, 1, 2: the step. */
  readonly step: number;
  /** What the source holds now; null when unknown. */
  readonly previous: Driven | null;
}

/** The value to drive, or why the point's type cannot be driven. */
export function driveValue(d: DriveInput): { value: Driven } | { notDriven: string } {
  switch (d.type) {
    case 'boolean':
      return { value: d.previous === null ? d.step % 2 === 0 : !d.previous };
    case 'dbpos':
      return { value: cycle(DBPOS_ORDER, d) };
    case 'enum': {
      const ordinals = d.doName === 'Beh' ? d.enumOrdinals.filter((o) => !TEST_BEHAVIOURS.has(o)) : d.enumOrdinals;
      return { value: cycle(ordinals.length > 1 ? ordinals : [1, 2], d) };
    }
    case 'visiblestring':
    case 'unicodestring':
      return { value: `rg${d.index}${'abc'[d.step % 3]}` };
    case 'float32':
    case 'float64':
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return { value: numberValue(d) };
    default:
      return { notDriven: `a ${d.type} point has no value to drive (verify drives booleans, numbers, Dbpos, enums and strings)` };
  }
}

/** The text the gateway shows for a Dbpos ordinal. */
export function dbposName(ordinal: number): string {
  return DBPOS_NAMES[ordinal] ?? String(ordinal);
}

function cycle(order: readonly number[], d: DriveInput): number {
  for (let k = 0; k < order.length; k++) {
    const v = order[(d.index + d.step + k) % order.length] as number;
    if (v !== d.previous) return v;
  }
  return order[0] as number;
}

/**
 * A number whose raw register value is distinct per point and step: 100.25 + 10·index + 2.5·step in a
 * float register, 101 + 10·index + step in an integer one, folded into what both the Modbus type and the
 * IEC type can hold, then taken back through gain and offset to the engineering value driven.
 */
function numberValue(d: DriveInput): number {
  const scale = d.scales[0] ?? { type: d.type === 'float32' || d.type === 'float64' ? 'float64' : 'int32', gain: 1, offset: 0, wordOrder: 'ABCD' };
  const floatRaw = scale.type === 'float32' || scale.type === 'float64';
  const [lo, hi] = rawInterval(d.type, d.scales.length > 0 ? d.scales : [scale]);
  let raw = floatRaw ? 100.25 + d.index * 10 + d.step * 2.5 : 101 + d.index * 10 + d.step;
  for (let tries = 0; tries < 8; tries++, raw += floatRaw ? 0.5 : 1) {
    const folded = raw >= lo && raw <= hi ? raw : lo + ((raw - lo) % Math.max(1, hi - lo));
    const v = asIecType(d.type, (folded - scale.offset) / scale.gain);
    if (v !== d.previous) return v;
  }
  return asIecType(d.type, (raw - scale.offset) / scale.gain);
}

/** Raw values every map can hold without clamping, and that come from an engineering value the IEC type holds. */
function rawInterval(type: TypeName, scales: readonly ScaleSpec[]): [number, number] {
  let lo = -Infinity;
  let hi = Infinity;
  const iec = IEC_RANGE[type];
  for (const s of scales) {
    const [rlo, rhi] = RAW_RANGE[s.type];
    lo = Math.max(lo, rlo);
    hi = Math.min(hi, rhi);
    if (iec) {
      const a = iec[0] * s.gain + s.offset;
      const b = iec[1] * s.gain + s.offset;
      lo = Math.max(lo, Math.min(a, b));
      hi = Math.min(hi, Math.max(a, b));
    }
  }
  return lo <= hi ? [Math.ceil(lo), Math.floor(hi)] : [0, 0];
}

function asIecType(type: TypeName, v: number): number {
  if (type === 'float32') return Math.fround(v);
  if (type === 'float64') return v;
  const [lo, hi] = IEC_RANGE[type] ?? [-Infinity, Infinity];
  return Math.min(hi, Math.max(lo, Math.round(v)));
}
