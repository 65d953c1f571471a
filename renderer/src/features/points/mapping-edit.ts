import type { CompanionKind, ModbusArea, ModbusPoint, ModbusType, PointConfig, Project, RegisterPlace } from '../../../../core/contract';

/** Registers a Modbus type takes (CONVENTIONS.md "Point types"). */
export const TYPE_LENGTH: Readonly<Record<ModbusType, number>> = { bool: 1, int16: 1, uint16: 1, dbpos: 1, enum: 1, int32: 2, uint32: 2, float32: 2, float64: 4 };
export const COMPANION_LENGTH: Readonly<Record<CompanionKind, number>> = { quality: 1, status: 1, timestamp: 3, age: 1, sequence: 1 };
export const MODBUS_TYPES: readonly ModbusType[] = ['bool', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64', 'dbpos', 'enum'];
export const AREAS: readonly ModbusArea[] = ['coil', 'discrete', 'input', 'holding'];
export const COMPANIONS: readonly CompanionKind[] = ['quality', 'status', 'timestamp', 'age', 'sequence'];

/** Whether a map row's type names a companion register rather than the point's value. */
export function isCompanion(type: string | undefined): type is CompanionKind {
  return (COMPANIONS as readonly string[]).includes(type ?? '');
}

export const keyOf = (p: { ied: string; id: string }): string => `${p.ied}/${p.id}`;

/** The project with one point replaced (found by its `ied/id` key). */
export function withPoint(project: Project, key: string, change: (p: PointConfig) => PointConfig): Project {
  return { ...project, points: project.points.map((p) => (keyOf(p) === key ? change(p) : p)) };
}

/** A Modbus type that carries an IEC type, as auto-assignment would choose it. */
export function defaultModbusType(iecType: PointConfig['type'], area: ModbusArea): ModbusType {
  if (area === 'coil' || area === 'discrete') return 'bool';
  switch (iecType) {
    case 'boolean':
      return 'uint16';
    case 'dbpos':
      return 'dbpos';
    case 'enum':
      return 'enum';
    case 'int8':
    case 'int16':
      return 'int16';
    case 'uint8':
    case 'uint16':
      return 'uint16';
    case 'int32':
      return 'int32';
    case 'uint32':
      return 'uint32';
    default:
      return 'float32';
  }
}

/** Sets the area (keeping the address), or removes the mapping with `none`. */
export function setArea(p: PointConfig, area: ModbusArea | 'none'): PointConfig {
  if (area === 'none') {
    const { modbus: _gone, ...rest } = p;
    return rest;
  }
  const current = p.modbus;
  const type = current && (area === 'coil' || area === 'discrete') === (current.area === 'coil' || current.area === 'discrete') ? current.type : defaultModbusType(p.type, area);
  const modbus: ModbusPoint = current
    ? { ...current, area, type }
    : { area, address: 0, type, wordOrder: 'ABCD', gain: 1, offset: 0, companions: {} };
  return { ...p, modbus };
}

export function setModbus(p: PointConfig, patch: Partial<ModbusPoint>): PointConfig {
  return p.modbus ? { ...p, modbus: { ...p.modbus, ...patch } } : p;
}

/**
 * Adds a companion right after what the point already owns (its value and its companions in a
 * register area; the input registers after the highest used for a bit-area value). Overlaps it causes
 * are shown by validation, never moved silently.
 */
export function addCompanion(project: Project, p: PointConfig, kind: CompanionKind): PointConfig {
  const m = p.modbus;
  if (!m || m.companions[kind]) return p;
  const bits = m.area === 'coil' || m.area === 'discrete';
  const area: RegisterPlace['area'] = bits || m.area === 'input' ? 'input' : 'holding';
  const ends = Object.entries(m.companions).flatMap(([k, c]) => (c && c.area === area ? [c.address + COMPANION_LENGTH[k as CompanionKind]] : []));
  if (!bits) ends.push(m.address + TYPE_LENGTH[m.type]);
  const address = ends.length > 0 ? Math.max(...ends) : highestUsed(project, area) + 1;
  return { ...p, modbus: { ...m, companions: { ...m.companions, [kind]: { area, address } } } };
}

export function removeCompanion(p: PointConfig, kind: CompanionKind): PointConfig {
  if (!p.modbus) return p;
  const { [kind]: _gone, ...companions } = p.modbus.companions;
  return { ...p, modbus: { ...p.modbus, companions } };
}

function highestUsed(project: Project, area: 'input' | 'holding'): number {
  let top = -1;
  for (const p of project.points) {
    const m = p.modbus;
    if (!m) continue;
    if (m.area === area) top = Math.max(top, m.address + TYPE_LENGTH[m.type] - 1);
    for (const [k, c] of Object.entries(m.companions)) if (c && c.area === area) top = Math.max(top, c.address + COMPANION_LENGTH[k as CompanionKind] - 1);
  }
  return top;
}

/**
 * The poll period of a polled point: its group's. A new period moves it to the IED's group of that
 * period, made (`p<ms>`) when the IED has none.
 */
export function setPollPeriod(project: Project, key: string, periodMs: number): Project {
  const point = project.points.find((p) => keyOf(p) === key);
  if (!point) return project;
  const ied = project.ieds.find((i) => i.id === point.ied);
  if (!ied) return project;
  let group = ied.pollGroups.find((g) => g.periodMs === periodMs);
  let ieds = project.ieds;
  if (!group) {
    group = { id: `p${periodMs}`, periodMs };
    const added = group;
    ieds = project.ieds.map((i) => (i.id === ied.id ? { ...i, pollGroups: [...i.pollGroups, added] } : i));
  }
  const groupId = group.id;
  return withPoint({ ...project, ieds }, key, (p) => ({ ...p, pollGroup: groupId }));
}

/** The period a point is polled at (also the fallback of a report point). */
export function pollPeriodOf(project: Project, p: PointConfig): number | null {
  const ied = project.ieds.find((i) => i.id === p.ied);
  return ied?.pollGroups.find((g) => g.id === (p.pollGroup ?? 'default'))?.periodMs ?? null;
}
