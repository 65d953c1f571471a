import type { Deadband, PointState } from '../../contract';
import { isAnalogType, type TypeName } from '../../iec61850';

/**
 * Publish on change (CONVENTIONS.md "MQTT"). A change is published when, compared with what was last
 * published for the point:
 * - the gateway status (ok, stale, disconnected, never, error), the test flag or the raw quality changed:
 *   such a transition is published once, never again while it lasts;
 * - the value changed; for an analog with a deadband only when the move exceeds it: `absolute` in the
 *   point's unit, `percent` of the last published value's magnitude (a last value of 0 lets any move
 *   through).
 * A point never published before always passes.
 */
export interface FilterPoint {
  type: TypeName;
  deadband?: Deadband | undefined;
}

interface Published {
  value: PointState['value'];
  numeric: number | null;
  status: PointState['status'];
  test: boolean;
  qualityRaw: number | null;
}

/** Whether a move from `last` to `next` exceeds the deadband. */
export function exceedsDeadband(last: number, next: number, deadband: Deadband): boolean {
  const move = Math.abs(next - last);
  if (Number.isNaN(move)) return !Object.is(last, next);
  const limit = deadband.kind === 'absolute' ? deadband.value : (Math.abs(last) * deadband.value) / 100;
  return move > limit;
}

export class ChangeFilter {
  private readonly last = new Map<string, Published>();

  constructor(private readonly points: ReadonlyMap<string, FilterPoint>) {}

  /** Whether this state is worth publishing; it does not remember it (see `remember`). */
  accepts(s: PointState): boolean {
    const last = this.last.get(s.key);
    if (last === undefined) return true;
    if (last.status !== s.status || last.test !== s.test || last.qualityRaw !== (s.quality?.raw ?? null))
      return true;
    if (Object.is(last.value, s.value)) return false;
    const deadband = this.points.get(s.key)?.deadband;
    if (deadband === undefined || !isAnalogType(s.type) || last.numeric === null || s.numeric === null)
      return true;
    return exceedsDeadband(last.numeric, s.numeric, deadband);
  }

  /** Whether the value (not only status or quality) differs from the last published one. */
  valueChanged(s: PointState): boolean {
    const last = this.last.get(s.key);
    return last === undefined || !Object.is(last.value, s.value);
  }

  remember(s: PointState): void {
    this.last.set(s.key, {
      value: s.value,
      numeric: s.numeric,
      status: s.status,
      test: s.test,
      qualityRaw: s.quality?.raw ?? null,
    });
  }

  clear(): void {
    this.last.clear();
  }
}
