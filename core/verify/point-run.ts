import type { VerifyFailure } from '../contract';
import type { HeldValue } from './modbus-check';
import type { PlannedPoint } from './plan';
import type { Span } from './modbus-reader';

/** One point through the check: what was found so far, carried from step to step. */
export interface PointRun {
  readonly planned: PlannedPoint;
  checks: number;
  readonly failures: VerifyFailure[];
  /** Per step: ms from the change at the source to the client seeing all of it; null when not seen. */
  readonly latency: { modbus: (number | null)[]; mqtt: (number | null)[] };
  /** Out of the steps from here on: the first value never came, or the source refused a change. */
  out: boolean;
  held: HeldValue | null;
  seqModbus: number | null;
  seqMqtt: number | null;
  note: string | null;
}

export function pointRun(planned: PlannedPoint): PointRun {
  return { planned, checks: 0, failures: [], latency: { modbus: [], mqtt: [] }, out: false, held: null, seqModbus: null, seqMqtt: null, note: null };
}

/** Every address run a point owns in the map checked: its value, then each companion. */
export function spansOf(run: PointRun): Span[] {
  const m = run.planned.expected;
  if (!m) return [];
  return [{ area: m.modbus.area, address: m.modbus.address, count: m.length }, ...m.companions.map((c) => ({ area: c.area, address: c.address, count: c.length }))];
}

export const round1 = (ms: number): number => Math.round(ms * 10) / 10;
