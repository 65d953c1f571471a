import type { PointBatch, PointState, PointStatus } from '../contract';
import { PointRecord, type CachePoint } from './point-record';
import type { PointSample, SampleSource } from './sample';

/** CONVENTIONS.md: stale after max(3 s, 3 × the expected update period). */
export function defaultStaleTimeout(expectedPeriodMs: number): number {
  return Math.max(3000, 3 * expectedPeriodMs);
}

/**
 * The runtime cache: one record per point, updated in place, and change batches for the outputs. Pure
 * and timer-free: every call that depends on time is given `now` (ms since the epoch), and the runtime
 * calls `tick` to evaluate staleness. A status transition (stale, disconnected) is recorded once, not
 * once per failed poll, so outputs publish it once.
 */
export class PointCache {
  private readonly records: PointRecord[];
  private readonly byKey = new Map<string, number>();
  private readonly byIed = new Map<string, number[]>();
  private readonly ldBehaviour = new Map<string, boolean>();
  private readonly lnBehaviour = new Map<string, boolean>();
  private dirty: number[] = [];
  private readonly isDirty: Uint8Array;
  private batchNo = 0;

  /** Called once when the first change after a batch is taken arrives, so the owner can schedule one. */
  onDirty: (() => void) | undefined;

  constructor(points: readonly CachePoint[]) {
    this.records = points.map((p, i) => {
      if (this.byKey.has(p.key)) throw new RangeError(`point ${p.key} is listed twice`);
      this.byKey.set(p.key, i);
      const list = this.byIed.get(p.ied) ?? [];
      list.push(i);
      this.byIed.set(p.ied, list);
      return new PointRecord(p);
    });
    this.isDirty = new Uint8Array(this.records.length);
  }

  get size(): number {
    return this.records.length;
  }

  /** The handle of a point (its index), for the fast update path. */
  indexOf(key: string): number {
    const i = this.byKey.get(key);
    if (i === undefined) throw new RangeError(`no point ${key} in the cache`);
    return i;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** A value, quality and/or time arrived for a point; `buffered` when it came from a BRCB's report. */
  update(index: number, sample: PointSample, source: SampleSource, now: number, buffered = false): void {
    if (this.record(index).apply(sample, source, now, buffered)) this.mark(index);
  }

  /** The IED answered this point with an access error (object-non-existent, access-denied, ...). */
  setError(index: number, reason: string): void {
    if (this.record(index).setStatus('error', reason)) this.mark(index);
  }

  /** The association with an IED is down: each of its points turns disconnected, once. */
  setIedDisconnected(ied: string, reason: string): void {
    for (const i of this.byIed.get(ied) ?? []) if (this.record(i).setStatus('disconnected', reason)) this.mark(i);
  }

  /**
   * The behaviour of an LN (`lnKey` = `LD/LN`) or, with `lnKey` null, of an LD's LLN0 is (or is not)
   * test or test/blocked. An LN's own Beh wins over its LD's; its points' test flags follow.
   */
  setBehaviourTest(ied: string, ld: string, lnKey: string | null, test: boolean): void {
    if (lnKey === null) this.ldBehaviour.set(`${ied}\u0000${ld}`, test);
    else this.lnBehaviour.set(`${ied}\u0000${lnKey}`, test);
    for (const i of this.byIed.get(ied) ?? []) {
      const r = this.record(i);
      if (r.ld !== ld) continue;
      const before = r.test;
      r.behaviourTest = this.lnBehaviour.get(`${ied}\u0000${r.lnKey}`) ?? this.ldBehaviour.get(`${ied}\u0000${ld}`) ?? false;
      if (r.test !== before) this.mark(i);
    }
  }

  /** The runtime sets this when the expected update period changes (poll fallback ⇄ reports). */
  setStaleTimeout(index: number, timeoutMs: number | null): void {
    this.record(index).staleTimeoutMs = timeoutMs;
  }

  /** Points that were ok and got no update within their stale timeout turn stale, once. */
  tick(now: number): void {
    for (let i = 0; i < this.records.length; i++) {
      const r = this.records[i] as PointRecord;
      if (r.status !== 'ok' || r.staleTimeoutMs === null || r.localTime === null) continue;
      const silent = now - r.localTime;
      if (silent > r.staleTimeoutMs) {
        r.setStatus('stale', `no update for ${(silent / 1000).toFixed(1)} s (stale timeout ${(r.staleTimeoutMs / 1000).toFixed(1)} s)`);
        this.mark(i);
      }
    }
  }

  /** The changes since the last batch, each point once with its current state; null when nothing changed. */
  takeBatch(): PointBatch | null {
    if (this.dirty.length === 0) return null;
    const changes = this.dirty.map((i) => {
      this.isDirty[i] = 0;
      return (this.records[i] as PointRecord).state();
    });
    this.dirty = [];
    return { batch: ++this.batchNo, changes };
  }

  /** The number of the last batch taken (a client that saw an older one asks for a snapshot). */
  get lastBatch(): number {
    return this.batchNo;
  }

  snapshot(): PointState[] {
    return this.records.map((r) => r.state());
  }

  state(index: number): PointState {
    return this.record(index).state();
  }

  get(key: string): PointState | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.record(i).state();
  }

  /** How many points of an IED are in each status, and how many are flagged test. */
  countsOf(ied: string): Record<PointStatus | 'total' | 'test', number> {
    const counts = { total: 0, ok: 0, stale: 0, disconnected: 0, never: 0, error: 0, test: 0 };
    for (const i of this.byIed.get(ied) ?? []) {
      const r = this.records[i] as PointRecord;
      counts.total++;
      counts[r.status]++;
      if (r.test) counts.test++;
    }
    return counts;
  }

  /** When the point's last sample arrived (ms since the epoch), changed or not; null before the first. */
  localTimeOf(index: number): number | null {
    return this.record(index).localTime;
  }

  /** Milliseconds since the point's last update; null before the first. */
  ageMs(index: number, now: number): number | null {
    const t = this.record(index).localTime;
    return t === null ? null : Math.max(0, now - t);
  }

  private record(index: number): PointRecord {
    const r = this.records[index];
    if (r === undefined) throw new RangeError(`no point at index ${index}`);
    return r;
  }

  private mark(index: number): void {
    if (this.isDirty[index]) return;
    this.isDirty[index] = 1;
    this.dirty.push(index);
    if (this.dirty.length === 1) this.onDirty?.();
  }
}
