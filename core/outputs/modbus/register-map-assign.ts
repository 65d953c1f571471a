import { COMPANION_KINDS, type CompanionKind, type ModbusArea, type ModbusPoint, type ModbusType, type PointConfig } from '../../contract';
import { compileRegisterMap, ownedRanges, pointKey, type MapProblem } from './register-map';
import { AREAS, AREA_SIZE, COMPANION_LENGTH, TYPE_LENGTH, isBitArea, registerRange } from './register-map-layout';

/**
 * Auto-assignment (CONVENTIONS.md "Suggested layout per IED"): booleans and protection signals in
 * discrete inputs, Dbpos and enums in input registers, analogs as float32 in holding registers, the i-th
 * IED from offset i * 1000 in each area. Each point gets the requested companions (default `status`)
 * right after its value; a discrete input's companions go in the IED's input registers.
 *
 * It runs only when asked (init, the wizard, an explicit UI action) and only places points that have no
 * mapping yet: a mapped point keeps its registers, so addresses the user owns never move. A block that
 * is full is an error naming the IED and area, never a silent spill into the next IED's block.
 */

export interface AutoAssignOptions {
  /** Companions given to every point placed; default `['status']`, `[]` for none. */
  readonly companions?: readonly CompanionKind[];
  /** Addresses per IED and area; the i-th IED starts at i * blockSize. Default 1000. */
  readonly blockSize?: number;
}

export interface AutoAssignResult {
  /** The points in the same order, the newly placed ones with their `modbus` mapping. */
  readonly points: PointConfig[];
  /** Keys of the points placed. */
  readonly assigned: string[];
  /** Points left unmapped because their IEC type has no Modbus form. */
  readonly skipped: { key: string; reason: string }[];
  readonly problems: MapProblem[];
}

export const DEFAULT_BLOCK_SIZE = 1000;

/** The suggested area and Modbus type for an IEC 61850 type, or null when it has no Modbus form. */
export function suggestModbus(iecType: PointConfig['type']): { area: ModbusArea; type: ModbusType } | null {
  switch (iecType) {
    case 'boolean':
      return { area: 'discrete', type: 'bool' };
    case 'dbpos':
      return { area: 'input', type: 'dbpos' };
    case 'enum':
      return { area: 'input', type: 'enum' };
    case 'float32':
    case 'float64':
      return { area: 'holding', type: 'float32' };
    case 'int8':
    case 'int16':
      return { area: 'holding', type: 'int16' };
    case 'uint8':
    case 'uint16':
      return { area: 'holding', type: 'uint16' };
    case 'int32':
      return { area: 'holding', type: 'int32' };
    case 'uint32':
      return { area: 'holding', type: 'uint32' };
    // 64-bit counters (BCR actVal) stay exact in a float64 up to 2^53.
    case 'int64':
      return { area: 'holding', type: 'float64' };
    default:
      return null;
  }
}

export function autoAssignModbus(
  ieds: readonly { readonly id: string }[],
  points: readonly PointConfig[],
  options: AutoAssignOptions = {},
): AutoAssignResult {
  const companions = COMPANION_KINDS.filter((k) => (options.companions ?? ['status']).includes(k));
  const companionLength = companions.reduce((n, k) => n + COMPANION_LENGTH[k], 0);
  const block = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const used = occupied(points);
  const cursors = new Map<string, number>();
  const result: AutoAssignResult = { points: [], assigned: [], skipped: [], problems: [] };

  /** Reserves `length` free addresses in the IED's block of an area, after the ones reserved before. */
  const reserve = (iedIndex: number, area: ModbusArea, length: number): number | null => {
    const start = iedIndex * block;
    const end = Math.min(AREA_SIZE, start + block);
    const cursorKey = `${iedIndex}:${area}`;
    const at = findFree(used[area], cursors.get(cursorKey) ?? start, end, length);
    if (at === null) return null;
    used[area].fill(1, at, at + length);
    cursors.set(cursorKey, at + length);
    return at;
  };

  for (const config of points) {
    const key = pointKey(config.ied, config.id);
    const suggestion = config.modbus === undefined ? suggestModbus(config.type) : null;
    if (config.modbus !== undefined || suggestion === null) {
      if (config.modbus === undefined) result.skipped.push({ key, reason: `IEC type ${config.type} has no Modbus form` });
      result.points.push(config);
      continue;
    }
    const iedIndex = ieds.findIndex((i) => i.id === config.ied);
    if (iedIndex < 0) {
      result.problems.push({ code: 'unknown-ied', message: `${key}: no IED '${config.ied}' in the project`, points: [key] });
      result.points.push(config);
      continue;
    }
    const placed = place(suggestion, companions, companionLength, (area, length) => reserve(iedIndex, area, length));
    if (typeof placed === 'string') {
      const first = iedIndex * block;
      result.problems.push({
        code: 'no-room',
        message: `${key}: no room left for its ${placed} in IED ${config.ied}'s block ${registerRange(placed, first, Math.min(block, AREA_SIZE - first))}; map fewer points or companions, or use a larger block`,
        points: [key],
      });
      result.points.push(config);
      continue;
    }
    result.points.push({ ...config, modbus: placed });
    result.assigned.push(key);
  }
  return result;
}

/** The mapping for one point, or the area that had no room. */
function place(
  s: { area: ModbusArea; type: ModbusType },
  companions: readonly CompanionKind[],
  companionLength: number,
  reserve: (area: ModbusArea, length: number) => number | null,
): ModbusPoint | ModbusArea {
  const valueLength = TYPE_LENGTH[s.type];
  const bits = isBitArea(s.area);
  const companionArea: 'input' | 'holding' = s.area === 'holding' ? 'holding' : 'input';
  const address = reserve(s.area, bits ? valueLength : valueLength + companionLength);
  if (address === null) return s.area;
  let next = bits ? 0 : address + valueLength;
  if (bits && companionLength > 0) {
    const at = reserve(companionArea, companionLength);
    if (at === null) return companionArea;
    next = at;
  }
  const places: ModbusPoint['companions'] = {};
  for (const kind of companions) {
    places[kind] = { area: companionArea, address: next };
    next += COMPANION_LENGTH[kind];
  }
  return { area: s.area, address, type: s.type, wordOrder: 'ABCD', gain: 1, offset: 0, companions: places };
}

/** Addresses already taken by mapped points, per area (taken even where the existing map has problems). */
function occupied(points: readonly PointConfig[]): Record<ModbusArea, Uint8Array> {
  const used = Object.fromEntries(AREAS.map((a) => [a, new Uint8Array(AREA_SIZE)])) as Record<ModbusArea, Uint8Array>;
  for (const p of compileRegisterMap(points).map.points) {
    for (const r of ownedRanges(p)) used[r.area].fill(1, r.start, r.start + r.length);
  }
  return used;
}

function findFree(used: Uint8Array, from: number, end: number, length: number): number | null {
  let at = from;
  while (at + length <= end) {
    const taken = used.subarray(at, at + length).lastIndexOf(1);
    if (taken < 0) return at;
    at += taken + 1;
  }
  return null;
}
