import type { VerifyStep } from '../contract';
import type { ScaleSpec } from '../outputs';
import { errorMessage } from '../shared';
import { driveValue, type Driven } from './drive-values';
import type { Expectation } from './expectation';
import { currentValue, servedExpectation, type PlannedPoint } from './plan';

/** One step of the check: its name, the quality driven (text and 13 bits) and its index. */
export interface StepSpec {
  readonly step: VerifyStep;
  readonly index: number;
  readonly qualityText: string;
  readonly quality: number;
}

export interface DrivenStep {
  readonly expectations: Map<string, Expectation>;
  /** Points whose change the simulator refused, with why. */
  readonly errors: Map<string, string>;
}

/** The last value driven per value group, carried from step to step. */
export type GroupValues = Map<number, Driven | null>;

/**
 * Drives one step at every planned point in one synchronous pass, so the simulator sends the changes
 * together (one report per RCB and trigger time) and the gateway's next polls see them all. Each group
 * of points on one leaf gets one value; each data object one time, distinct per data object, on a
 * multiple of 125 ms (exact in UtcTime's binary fraction, so the time read back is the time driven).
 */
export function driveStep(planned: readonly PlannedPoint[], spec: StepSpec, values: GroupValues, nowMs: number): DrivenStep {
  const errors = new Map<string, string>();
  const chosen = new Map<number, Driven>();
  const times = new Map<unknown, number>();
  const base = Math.floor(nowMs / 1000) * 1000;
  const byGroup = new Map<number, PlannedPoint[]>();
  for (const p of planned) {
    const list = byGroup.get(p.group);
    if (list) list.push(p);
    else byGroup.set(p.group, [p]);
  }
  for (const p of planned) {
    let value = chosen.get(p.group);
    if (value === undefined) {
      const previous = values.has(p.group) ? (values.get(p.group) ?? null) : currentValue(p);
      const picked = driveValue({
        type: p.config.type,
        doName: p.doName,
        enumOrdinals: p.enumOrdinals,
        scales: scalesOf(byGroup.get(p.group) ?? [p]),
        index: p.group,
        step: spec.index,
        previous,
      });
      if ('notDriven' in picked) {
        errors.set(p.key, picked.notDriven);
        continue;
      }
      value = picked.value;
      chosen.set(p.group, value);
    }
    const fcd = p.target.t ?? p.target.q ?? p.target.valueLeaf;
    let time = times.get(fcd);
    if (time === undefined) {
      time = base - (times.size + 1) * 1000 + 125 * ((times.size + spec.index) % 8);
      times.set(fcd, time);
    }
    try {
      p.sim.set(p.simRef, {
        value,
        ...(p.target.q ? { quality: spec.quality } : {}),
        ...(p.target.t ? { time } : {}),
      });
    } catch (err) {
      errors.set(p.key, errorMessage(err));
    }
  }
  for (const [group, value] of chosen) values.set(group, value);
  const expectations = new Map<string, Expectation>();
  for (const p of planned) {
    const value = chosen.get(p.group);
    if (value !== undefined && !errors.has(p.key)) expectations.set(p.key, servedExpectation(p, spec.step, value));
  }
  return { expectations, errors };
}

function scalesOf(points: readonly PlannedPoint[]): ScaleSpec[] {
  return points.flatMap((p) => [p.expected, p.served]).flatMap((m) => (m && m.length > 0 && m.modbus.area !== 'coil' && m.modbus.area !== 'discrete' ? [m.modbus] : []));
}
