import type { VerifyFailure, VerifyPoint } from '../../../../core/contract';

/** The steps whose latencies a point lists, in order (VerifyPoint.latencyMs). */
const STEPS = ['good', 'invalid', 'test'] as const;

/** `12 · 15 · 9 ms` for the good, invalid and test steps; `—` for a step not seen; null when none was. */
export function latencyText(list: readonly (number | null)[]): string | null {
  if (list.length === 0 || list.every((ms) => ms === null)) return null;
  return `${list.map((ms) => (ms === null ? '—' : String(Math.round(ms)))).join(' · ')} ms`;
}

/** What the latency list means, for a tooltip. */
export const LATENCY_STEPS = STEPS.join(' · ');

/** `invalid · value: expected 7.5, read 0` (and where, when the row does not already say it). */
export function failureText(f: VerifyFailure, withWhere = false): string {
  return `${f.step} · ${f.item}: expected ${f.expected}, read ${f.read}${withWhere && f.where ? ` (${f.where})` : ''}`;
}

/** A point's failures, split by where they were seen. */
export function failuresOf(p: VerifyPoint): { modbus: VerifyFailure[]; mqtt: VerifyFailure[]; source: VerifyFailure[] } {
  return { modbus: p.failures.filter((f) => f.output === 'modbus'), mqtt: p.failures.filter((f) => f.output === 'mqtt'), source: p.failures.filter((f) => f.output === 'source') };
}

/** The rows shown: all, or those that did not pass (failed or not run). */
export function visibleRows(points: readonly VerifyPoint[], failedOnly: boolean): VerifyPoint[] {
  return failedOnly ? points.filter((p) => p.result !== 'pass') : [...points];
}
