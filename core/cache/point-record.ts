import type { PointState, PointStatus } from '../contract';
import type { TypeName } from '../iec61850';
import { hasTestBit, qualityView, timeQualityView } from './quality-view';
import type { PointSample, SampleQuality, SampleSource, SampleTime, SampleValue } from './sample';

/** One point the cache keeps, as the project describes it. */
export interface CachePoint {
  /** `{ied}/{point}`. */
  readonly key: string;
  readonly ied: string;
  readonly point: string;
  /** `LD/LN.DO[.SDO].DA[.BDA]`, without FC. */
  readonly ref: string;
  readonly fc: string;
  readonly type: TypeName;
  /** No update for this long makes the point stale; null: never stale (nothing is expected). */
  readonly staleTimeoutMs: number | null;
}

const sameTime = (a: SampleTime | null, b: SampleTime): boolean =>
  a !== null &&
  a.epochMs === b.epochMs &&
  a.clockFailure === b.clockFailure &&
  a.clockNotSynchronized === b.clockNotSynchronized &&
  a.leapSecondsKnown === b.leapSecondsKnown &&
  a.accuracy === b.accuracy;

/**
 * What the gateway knows about one point. Mutated in place by the cache (no allocation per update);
 * a JSON-safe PointState is built only when a batch or a snapshot asks for it.
 */
export class PointRecord {
  readonly ld: string;
  /** `LD/LN`, the key of the LN's behaviour. */
  readonly lnKey: string;
  value: SampleValue | null = null;
  quality: SampleQuality | null = null;
  time: SampleTime | null = null;
  /** When the last sample arrived (ms since the epoch); null before the first. */
  localTime: number | null = null;
  seq = 0;
  source: SampleSource | null = null;
  /** The last value came in a report of a buffered RCB (an event the IED kept in its buffer). */
  buffered = false;
  status: PointStatus = 'never';
  reason: string | null = null;
  /** The LN's Beh (or else its LD's LLN0 Beh) is test or test/blocked. */
  behaviourTest = false;
  staleTimeoutMs: number | null;

  constructor(readonly spec: CachePoint) {
    const slash = spec.ref.indexOf('/');
    const dot = spec.ref.indexOf('.', slash);
    this.ld = spec.ref.slice(0, slash);
    this.lnKey = spec.ref.slice(0, dot < 0 ? undefined : dot);
    this.staleTimeoutMs = spec.staleTimeoutMs;
  }

  /** Applies one sample; true when anything a consumer sees changed. */
  apply(sample: PointSample, source: SampleSource, now: number, buffered: boolean): boolean {
    let counted = false;
    let changed = false;
    if (sample.value !== undefined) {
      const v = sample.value;
      if (this.value === null || !Object.is(this.value.display, v.display) || !Object.is(this.value.numeric, v.numeric)) {
        this.value = v;
        counted = true;
      }
      // The device time of a new value is the one sent with it, or unknown: never the old value's.
      if (sample.time === undefined && this.time !== null) {
        this.time = null;
        changed = true;
      }
    }
    if (sample.quality !== undefined) {
      const q = sample.quality;
      if (this.quality === null || this.quality.raw !== q.raw || this.quality.knownBits !== q.knownBits) {
        this.quality = q;
        counted = true;
      }
    }
    if (sample.time !== undefined && !sameTime(this.time, sample.time)) {
      this.time = sample.time;
      changed = true;
    }
    if (counted) this.seq = (this.seq + 1) >>> 0;
    if (this.source !== source || this.buffered !== buffered) {
      this.source = source;
      this.buffered = buffered;
      changed = true;
    }
    this.localTime = now;
    if (this.status !== 'ok') {
      this.status = 'ok';
      this.reason = null;
      changed = true;
    }
    return counted || changed;
  }

  /** Sets a non-ok status; true when it is a transition (the same status again is not news). */
  setStatus(status: Exclude<PointStatus, 'ok'>, reason: string): boolean {
    if (this.status === status && (status !== 'error' || this.reason === reason)) return false;
    this.status = status;
    this.reason = reason;
    return true;
  }

  get test(): boolean {
    return this.behaviourTest || hasTestBit(this.quality);
  }

  state(): PointState {
    const { spec, value, time } = this;
    return {
      key: spec.key,
      ied: spec.ied,
      point: spec.point,
      ref: spec.ref,
      fc: spec.fc,
      type: spec.type,
      value: value?.display ?? null,
      numeric: value?.numeric ?? null,
      quality: this.quality === null ? null : qualityView(this.quality),
      deviceTime: time?.iso ?? null,
      timeQuality: time === null ? null : timeQualityView(time),
      localTime: this.localTime,
      seq: this.seq,
      source: this.source,
      ...(this.buffered ? { buffered: true } : {}),
      status: this.status,
      test: this.test,
      reason: this.reason,
    };
  }
}
