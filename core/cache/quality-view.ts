import type { PointQuality, PointState } from '../contract';
import { formatQuality, qualityFromRaw } from '../iec61850';
import type { SampleQuality, SampleTime } from './sample';

/**
 * The decoded, JSON-safe quality of a raw value. A project sees a handful of distinct qualities, so each
 * is decoded once and shared: a record update costs no decoding of quality at all.
 */
const memo = new Map<number, PointQuality>();
const MEMO_LIMIT = 4096;

export function qualityView(q: SampleQuality): PointQuality {
  const key = q.raw * 16 + q.knownBits;
  let view = memo.get(key);
  if (view === undefined) {
    const decoded = qualityFromRaw(q.raw, q.knownBits);
    view = Object.freeze({
      validity: decoded.validity,
      flags: [...decoded.flags],
      source: decoded.source,
      test: decoded.test,
      operatorBlocked: decoded.operatorBlocked,
      raw: decoded.raw,
      text: formatQuality(decoded),
    });
    if (memo.size < MEMO_LIMIT) memo.set(key, view);
  }
  return view;
}

/** The test bit (bit 11) of a raw quality, when the device sent it. */
export function hasTestBit(q: SampleQuality | null): boolean {
  return q !== null && q.knownBits > 11 && (q.raw & (1 << 11)) !== 0;
}

type TimeQuality = NonNullable<PointState['timeQuality']>;
const timeMemo = new Map<number, TimeQuality>();

/**
 * The clock flags of a device timestamp, shared like qualities: three flags and an accuracy (a 5-bit
 * count in the TimeQuality octet) make at most 256 distinct objects, so a state costs none.
 */
export function timeQualityView(t: SampleTime): TimeQuality {
  const key = (t.accuracy & 0xff) * 8 + (t.leapSecondsKnown ? 4 : 0) + (t.clockFailure ? 2 : 0) + (t.clockNotSynchronized ? 1 : 0);
  let view = timeMemo.get(key);
  if (view === undefined || view.accuracy !== t.accuracy) {
    view = Object.freeze({ leapSecondsKnown: t.leapSecondsKnown, clockFailure: t.clockFailure, clockNotSynchronized: t.clockNotSynchronized, accuracy: t.accuracy });
    if (timeMemo.size < MEMO_LIMIT) timeMemo.set(key, view);
  }
  return view;
}
