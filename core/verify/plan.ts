import type { PointConfig, Project } from '../contract';
import { dbposFromBits, parseObjectReference, qualityFromBits, standardEnumNames, timestampFromFields } from '../iec61850';
import type { MmsValue } from '../mms';
import type { MappedPoint, PointTopics, RegisterMap, TopicMap } from '../outputs';
import { resolveReference, type ReferenceTarget, type Simulator } from '../sim';
import { errorMessage } from '../shared';
import type { Driven } from './drive-values';
import { hasTestBit, numericOf, shownValue, type Expectation } from './expectation';

/** A point the check drives: where it is in its simulator, its maps and topics, its value group. */
export interface PlannedPoint {
  readonly config: PointConfig;
  readonly key: string;
  readonly sim: Simulator;
  readonly target: ReferenceTarget;
  /** `LD/LN.DO.DA[FC]`, as the simulator takes it. */
  readonly simRef: string;
  readonly doName: string;
  /** Names the gateway shows for the point's enum ordinals (the project's, else the standard ones). */
  readonly enumNames: ReadonlyMap<number, string> | undefined;
  /** Ordinals the IED's enum can hold. */
  readonly enumOrdinals: readonly number[];
  /** The point in the map checked (the client's or the project's); absent when unmapped there. */
  readonly expected: MappedPoint | undefined;
  /** The point in the gateway's own map, whose scaling the driven values must also fit. */
  readonly served: MappedPoint | undefined;
  readonly topics: PointTopics | undefined;
  /** Points on one leaf drive one value: the group's index and its first point. */
  readonly group: number;
}

/** Points the check cannot drive, with the reason; `fail` when the project is at fault (a reference the IED lacks). */
export interface Unplanned {
  readonly config: PointConfig;
  readonly result: 'fail' | 'not-run';
  readonly note: string;
}

const DRIVABLE = new Set<PointConfig['type']>(['boolean', 'dbpos', 'enum', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'float32', 'float64', 'visiblestring', 'unicodestring']);

export function planPoints(
  project: Project,
  sims: ReadonlyMap<string, Simulator>,
  maps: { served: RegisterMap; expected: RegisterMap | null },
  topics: TopicMap | null,
): { planned: PlannedPoint[]; unplanned: Unplanned[] } {
  const planned: PlannedPoint[] = [];
  const unplanned: Unplanned[] = [];
  const groups = new Map<unknown, number>();
  for (const config of project.points) {
    const key = `${config.ied}/${config.id}`;
    const sim = sims.get(config.ied);
    if (!sim) {
      unplanned.push({ config, result: 'not-run', note: `IED ${config.ied} is not served by a simulator (see the IEDs)` });
      continue;
    }
    if (!DRIVABLE.has(config.type)) {
      unplanned.push({ config, result: 'not-run', note: `a ${config.type} point has no value to drive` });
      continue;
    }
    const simRef = `${config.ref}[${config.fc}]`;
    let target: ReferenceTarget;
    try {
      target = resolveReference(sim.model, simRef);
      if (!target.valueLeaf) throw new Error(`${simRef} is not a leaf of the IED's model`);
    } catch (err) {
      unplanned.push({ config, result: 'fail', note: `the IED's model (${sim.iedName}) has no ${simRef}: ${errorMessage(err)}` });
      continue;
    }
    const doName = parseObjectReference(config.ref).path[0] ?? '';
    const names = config.enumNames ? new Map(Object.entries(config.enumNames).map(([k, v]) => [Number(k), v])) : standardEnumNames(doName);
    const leafNames = (target.valueLeaf?.meta as { enumNames?: ReadonlyMap<number, string> } | undefined)?.enumNames;
    const group = groups.get(target.valueLeaf) ?? groups.size;
    groups.set(target.valueLeaf, group);
    planned.push({
      config,
      key,
      sim,
      target,
      simRef,
      doName,
      enumNames: names,
      enumOrdinals: [...(names ?? leafNames ?? new Map<number, string>()).keys()].sort((a, b) => a - b),
      expected: (maps.expected ?? maps.served).byKey.get(key),
      served: maps.served.byKey.get(key),
      topics: topics?.points.get(key),
      group,
    });
  }
  return { planned, unplanned };
}

/** The value a leaf holds now, as the check drives values; null for what it does not drive. */
export function currentValue(p: PlannedPoint): Driven | null {
  const v: MmsValue | undefined = p.target.valueLeaf?.value;
  if (!v) return null;
  switch (v.type) {
    case 'boolean':
      return v.value;
    case 'integer':
    case 'unsigned':
      return Number(v.value);
    case 'float':
      return v.value;
    case 'bit-string':
      return p.config.type === 'dbpos' ? (dbposFromBits(v)?.value ?? null) : null;
    case 'visible-string':
    case 'mms-string':
      return v.value;
    default:
      return null;
  }
}

const TEST_BEHAVIOURS = new Set(['test', 'test/blocked']);

/**
 * What the IED serves for a point once a step is driven: the value driven, and the quality and time read
 * back from its data object (the quality as Mod/Beh leave it, the time as UtcTime carries it).
 */
export function servedExpectation(p: PlannedPoint, step: Expectation['step'], value: Driven): Expectation {
  const q = p.target.q?.value;
  const t = p.target.t?.value;
  const quality = q?.type === 'bit-string' ? qualityFromBits(q).raw : null;
  const time = t?.type === 'utc-time' ? Date.parse(timestampFromFields(t.seconds, t.fraction, t.quality).iso) : null;
  const { ld, ln } = parseObjectReference(p.config.ref);
  return {
    step,
    value,
    shown: shownValue(p.config.type, value, p.enumNames),
    numeric: numericOf(p.config.type, value),
    quality,
    time,
    test: hasTestBit(quality) || TEST_BEHAVIOURS.has(p.sim.modes.behaviourOf(ld, ln)),
  };
}
