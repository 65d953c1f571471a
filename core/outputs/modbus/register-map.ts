import { COMPANION_KINDS, type CompanionKind, type ModbusArea, type ModbusPoint, type PointConfig } from '../../contract';
import {
  AREA_SIZE,
  AREAS,
  COMPANION_LENGTH,
  MODBUS_TYPES_FOR,
  TYPE_LENGTH,
  isBitArea,
  isScaledType,
  registerRange,
} from './register-map-layout';

/**
 * The register map: every point that has a `modbus` mapping, compiled to the registers it owns, and
 * checked. A map with problems is never served: overlaps, addresses past 65535, a type an area or an IEC
 * type cannot carry, and scaling on a code type are errors naming the points and the registers. Nothing
 * is moved or fixed silently; auto-assignment (register-map-assign.ts) runs only when asked.
 */

export interface MappedCompanion {
  readonly kind: CompanionKind;
  readonly area: 'input' | 'holding';
  readonly address: number;
  readonly length: number;
}

export interface MappedPoint {
  /** `{ied}/{point}`, the PointState key. */
  readonly key: string;
  readonly ied: string;
  readonly point: string;
  readonly ref: string;
  readonly fc: string;
  readonly iecType: PointConfig['type'];
  readonly modbus: ModbusPoint;
  /** Registers (bits in a bit area) of the value. */
  readonly length: number;
  /** In the order of COMPANION_KINDS. */
  readonly companions: readonly MappedCompanion[];
}

export interface RegisterMap {
  readonly points: readonly MappedPoint[];
  readonly byKey: ReadonlyMap<string, MappedPoint>;
}

export type MapProblemCode = 'duplicate' | 'type' | 'scaling' | 'out-of-range' | 'overlap' | 'unknown-ied' | 'no-room';

export interface MapProblem {
  readonly code: MapProblemCode;
  readonly message: string;
  /** Keys (`ied/point`) of the points involved. */
  readonly points: readonly string[];
}

/** One run of registers (or bits) owned by a point's value or one of its companions. */
interface Span {
  readonly area: ModbusArea;
  readonly start: number;
  readonly length: number;
  readonly owner: MappedPoint;
  /** `value` or the companion kind. */
  readonly role: 'value' | CompanionKind;
}

export function pointKey(ied: string, point: string): string {
  return `${ied}/${point}`;
}

/** Compiles and checks the map of every point with a `modbus` mapping (defaults already applied). */
export function compileRegisterMap(points: readonly PointConfig[]): { map: RegisterMap; problems: MapProblem[] } {
  const problems: MapProblem[] = [];
  const mapped: MappedPoint[] = [];
  const byKey = new Map<string, MappedPoint>();
  const firstIndex = new Map<string, number>();
  points.forEach((config, index) => {
    if (config.modbus === undefined) return;
    const p = mappedPoint(config, config.modbus);
    const seen = firstIndex.get(p.key);
    if (seen !== undefined) {
      problems.push({ code: 'duplicate', message: `two points are named ${p.key} (points[${seen}] and points[${index}])`, points: [p.key] });
      return;
    }
    firstIndex.set(p.key, index);
    const typeProblem = checkTypes(p);
    if (typeProblem !== null) problems.push({ code: typeProblem.code, message: typeProblem.message, points: [p.key] });
    mapped.push(p);
    byKey.set(p.key, p);
  });
  problems.push(...checkSpans(mapped.flatMap(spansOf)));
  return { map: { points: mapped, byKey }, problems };
}

function mappedPoint(config: PointConfig, modbus: ModbusPoint): MappedPoint {
  const companions: MappedCompanion[] = [];
  for (const kind of COMPANION_KINDS) {
    const place = modbus.companions[kind];
    if (place !== undefined) companions.push({ kind, area: place.area, address: place.address, length: COMPANION_LENGTH[kind] });
  }
  return {
    key: pointKey(config.ied, config.id),
    ied: config.ied,
    point: config.id,
    ref: config.ref,
    fc: config.fc,
    iecType: config.type,
    modbus,
    length: TYPE_LENGTH[modbus.type],
    companions,
  };
}

function checkTypes(p: MappedPoint): { code: MapProblemCode; message: string } | null {
  const { area, type, gain, offset } = p.modbus;
  if (isBitArea(area) && type !== 'bool') {
    return { code: 'type', message: `${p.key}: a ${type} value cannot go in ${area}s: coils and discrete inputs hold bool only` };
  }
  const carriers = MODBUS_TYPES_FOR[p.iecType];
  if (carriers === undefined) {
    return { code: 'type', message: `${p.key}: IEC type ${p.iecType} has no Modbus form (map a number, boolean, dbpos or enum leaf)` };
  }
  if (!carriers.includes(type)) {
    return { code: 'type', message: `${p.key}: IEC type ${p.iecType} cannot be carried as ${type} (use ${carriers.join(', ')})` };
  }
  if (!isScaledType(type) && (gain !== 1 || offset !== 0)) {
    return { code: 'scaling', message: `${p.key}: gain ${gain} and offset ${offset} apply to numbers only, not to ${type} registers` };
  }
  return null;
}

/** Every run of addresses a point owns: its value, then each companion. */
export function ownedRanges(p: MappedPoint): { area: ModbusArea; start: number; length: number; role: 'value' | CompanionKind }[] {
  return [
    { area: p.modbus.area, start: p.modbus.address, length: p.length, role: 'value' },
    ...p.companions.map((c) => ({ area: c.area, start: c.address, length: c.length, role: c.kind })),
  ];
}

function spansOf(p: MappedPoint): Span[] {
  return ownedRanges(p).map((r) => ({ ...r, owner: p }));
}

function describe(s: Span): string {
  const what = s.role === 'value' ? `value (${s.owner.modbus.type})` : `${s.role} companion`;
  return `${s.owner.key} ${what} at ${registerRange(s.area, s.start, s.length)}`;
}

/**
 * Out-of-range spans, then overlaps per area: spans sorted by start, each compared with the span that
 * reaches furthest so far, so every span that collides is reported once, naming both owners and the
 * shared registers.
 */
function checkSpans(spans: Span[]): MapProblem[] {
  const problems: MapProblem[] = [];
  const inRange: Span[] = [];
  for (const s of spans) {
    if (s.start + s.length > AREA_SIZE) {
      problems.push({ code: 'out-of-range', message: `${describe(s)} runs past the last address ${AREA_SIZE - 1}`, points: [s.owner.key] });
    } else inRange.push(s);
  }
  for (const area of AREAS) {
    const inArea = inRange.filter((s) => s.area === area).sort((a, b) => a.start - b.start || a.length - b.length);
    let reach: Span | undefined;
    for (const s of inArea) {
      if (reach !== undefined && s.start < reach.start + reach.length) {
        const sharedEnd = Math.min(reach.start + reach.length, s.start + s.length);
        problems.push({
          code: 'overlap',
          message: `${registerRange(area, s.start, sharedEnd - s.start)}: ${describe(s)} overlaps ${describe(reach)}`,
          points: [s.owner.key, reach.owner.key],
        });
      }
      if (reach === undefined || s.start + s.length > reach.start + reach.length) reach = s;
    }
  }
  return problems;
}
