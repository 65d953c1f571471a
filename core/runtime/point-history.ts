import type { PointBatch, PointState } from '../contract';
import { isAnalogType } from '../iec61850';

export interface PointHistoryOptions {
  /** Samples kept per point at most (default 600: ten minutes of a value changing every second). */
  readonly samplesPerPoint: number;
  /**
   * Samples kept over all points at most (default 1,000,000, about 16 MB: two Float64Arrays). A project
   * with more analog points than this allows at samplesPerPoint gets fewer per point, never fewer than
   * MIN_SAMPLES_PER_POINT.
   */
  readonly totalSamples: number;
}

export const DEFAULT_HISTORY_OPTIONS: PointHistoryOptions = { samplesPerPoint: 600, totalSamples: 1_000_000 };
export const MIN_SAMPLES_PER_POINT = 16;

/** One point's samples, oldest first: times in ms since the epoch, values null where unknown. */
export interface HistorySeries {
  key: string;
  times: number[];
  values: (number | null)[];
  /** Samples this point keeps at most, and how many it has dropped to stay within that. */
  capacity: number;
  dropped: number;
}

/**
 * A fixed ring of (time, value) samples. The arrays are allocated once, at the first sample, so memory
 * is capacity × 16 octets per point that ever changed, whatever the rate. NaN stands for unknown.
 */
export class SampleRing {
  private times: Float64Array | undefined;
  private values: Float64Array | undefined;
  private start = 0;
  private size = 0;
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get length(): number {
    return this.size;
  }

  push(time: number, value: number | null): void {
    this.times ??= new Float64Array(this.capacity);
    this.values ??= new Float64Array(this.capacity);
    const at = (this.start + this.size) % this.capacity;
    this.times[at] = time;
    this.values[at] = value ?? Number.NaN;
    if (this.size < this.capacity) this.size++;
    else {
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  /**
   * Samples at or after `since`, oldest first, and the last one before it: a value that has not changed
   * since before the window still holds at its start.
   */
  read(since = -Infinity): { times: number[]; values: (number | null)[] } {
    const times: number[] = [];
    const values: (number | null)[] = [];
    for (let i = 0; i < this.size; i++) {
      const at = (this.start + i) % this.capacity;
      const t = this.times![at]!;
      const next = i + 1 < this.size ? this.times![(at + 1) % this.capacity]! : Infinity;
      if (t < since && next <= since) continue;
      const v = this.values![at]!;
      times.push(t);
      values.push(Number.isNaN(v) ? null : v);
    }
    return { times, values };
  }
}

/**
 * The runtime's bounded history of its analog points, fed the cache's change batches. A sample is taken
 * per change (value, quality or status); its value is the point's numeric form while the point is ok, and
 * unknown (a gap in a chart) while it is stale, disconnected, never read or in error, so a chart never
 * draws a value the gateway would not vouch for.
 */
export class PointHistory {
  private readonly rings = new Map<string, SampleRing>();
  readonly samplesPerPoint: number;

  constructor(points: readonly { key: string; type: string }[], options: Partial<PointHistoryOptions> = {}) {
    const { samplesPerPoint, totalSamples } = { ...DEFAULT_HISTORY_OPTIONS, ...options };
    const analog = points.filter((p) => isAnalogType(p.type));
    const share = Math.floor(totalSamples / Math.max(1, analog.length));
    this.samplesPerPoint = Math.min(samplesPerPoint, Math.max(MIN_SAMPLES_PER_POINT, share));
    for (const p of analog) this.rings.set(p.key, new SampleRing(this.samplesPerPoint));
  }

  /** Keys of the points kept (the analog ones), in project order. */
  get keys(): string[] {
    return [...this.rings.keys()];
  }

  apply(batch: PointBatch, now: number): void {
    for (const change of batch.changes) this.sample(change, now);
  }

  /**
   * Stamped with the batch's time, not the point's localTime: a point turning stale keeps the localTime
   * of its last value, and the samples must stay in time order.
   */
  private sample(p: PointState, now: number): void {
    this.rings.get(p.key)?.push(now, p.status === 'ok' ? p.numeric : null);
  }

  /** A point's samples since `since` (and the last one before it); undefined for a point not kept. */
  series(key: string, since?: number): HistorySeries | undefined {
    const ring = this.rings.get(key);
    if (!ring) return undefined;
    return { key, ...ring.read(since), capacity: ring.capacity, dropped: ring.dropped };
  }
}
