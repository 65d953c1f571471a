import { describe, expect, it } from 'vitest';
import type { PointState } from '../contract';
import { MIN_SAMPLES_PER_POINT, PointHistory, SampleRing } from './point-history';

function state(key: string, numeric: number | null, status: PointState['status'] = 'ok'): PointState {
  return {
    key, ied: 'F', point: key, ref: key, fc: 'MX', type: 'float32', value: numeric, numeric, quality: null, deviceTime: null,
    timeQuality: null, localTime: 1, seq: 0, source: 'poll', status, test: false, reason: status === 'ok' ? null : 'why',
  };
}

describe('SampleRing', () => {
  it('keeps the newest samples up to its capacity, oldest first, and counts what it dropped', () => {
    const ring = new SampleRing(3);
    expect(ring.read()).toEqual({ times: [], values: [] });
    for (let i = 1; i <= 5; i++) ring.push(i * 1000, i * 1.5);
    expect(ring.length).toBe(3);
    expect(ring.dropped).toBe(2);
    expect(ring.read()).toEqual({ times: [3000, 4000, 5000], values: [4.5, 6, 7.5] });
  });

  it('reads from a time on, with the last sample before it (the value holding at the window start)', () => {
    const ring = new SampleRing(10);
    [1000, 2000, 3000, 4000].forEach((t, i) => ring.push(t, i));
    expect(ring.read(2500)).toEqual({ times: [2000, 3000, 4000], values: [1, 2, 3] });
    expect(ring.read(3000)).toEqual({ times: [3000, 4000], values: [2, 3] });
    expect(ring.read(9000)).toEqual({ times: [4000], values: [3] });
  });

  it('keeps unknown as null, and refuses a capacity that is not a positive integer', () => {
    const ring = new SampleRing(2);
    ring.push(1, null);
    ring.push(2, 0);
    expect(ring.read().values).toEqual([null, 0]);
    expect(() => new SampleRing(0)).toThrow(/positive integer, got 0/);
    expect(() => new SampleRing(1.5)).toThrow(/positive integer/);
  });
});

describe('PointHistory', () => {
  const points = [
    { key: 'F/a', type: 'float32' },
    { key: 'F/b', type: 'int32' },
    { key: 'F/pos', type: 'dbpos' },
    { key: 'F/op', type: 'boolean' },
  ];

  it('keeps the analog points only, one sample per change stamped with the batch time, unknown while not ok', () => {
    const history = new PointHistory(points, { samplesPerPoint: 4 });
    expect(history.keys).toEqual(['F/a', 'F/b']);
    history.apply({ batch: 1, changes: [state('F/a', 1.5), state('F/pos', 2)] }, 10_000);
    history.apply({ batch: 2, changes: [state('F/a', 1.5, 'stale')] }, 11_000);
    history.apply({ batch: 3, changes: [state('F/a', 2.5), state('F/b', 7)] }, 12_000);
    expect(history.series('F/a')).toEqual({ key: 'F/a', times: [10_000, 11_000, 12_000], values: [1.5, null, 2.5], capacity: 4, dropped: 0 });
    expect(history.series('F/b')?.values).toEqual([7]);
    expect(history.series('F/pos')).toBeUndefined();
    expect(history.series('F/nope')).toBeUndefined();
  });

  it('stays within samplesPerPoint however many changes arrive', () => {
    const history = new PointHistory(points, { samplesPerPoint: 5 });
    for (let i = 0; i < 1000; i++) history.apply({ batch: i, changes: [state('F/a', i)] }, i);
    const s = history.series('F/a')!;
    expect(s.values).toEqual([995, 996, 997, 998, 999]);
    expect(s.dropped).toBe(995);
  });

  it('shares the total budget among many analog points, never below the minimum per point', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ key: `F/p${i}`, type: 'float32' }));
    expect(new PointHistory(many, { samplesPerPoint: 600, totalSamples: 100_000 }).samplesPerPoint).toBe(100);
    expect(new PointHistory(many, { samplesPerPoint: 600, totalSamples: 1000 }).samplesPerPoint).toBe(MIN_SAMPLES_PER_POINT);
    expect(new PointHistory(points).samplesPerPoint).toBe(600);
  });
});
