import { describe, expect, it } from 'vitest';
import { timeQualityView } from './quality-view';
import type { SampleTime } from './sample';

const time = (over: Partial<SampleTime> = {}): SampleTime => ({
  epochMs: 0,
  iso: '1970-01-01T00:00:00.000Z',
  leapSecondsKnown: true,
  clockFailure: false,
  clockNotSynchronized: false,
  accuracy: 10,
  ...over,
});

describe('timeQualityView', () => {
  it('hands out one object per distinct set of clock flags, whatever the timestamp', () => {
    const a = timeQualityView(time({ epochMs: 1 }));
    expect(timeQualityView(time({ epochMs: 2 }))).toBe(a);
    expect(a).toEqual({ leapSecondsKnown: true, clockFailure: false, clockNotSynchronized: false, accuracy: 10 });
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('keeps flags and accuracy apart', () => {
    const views = [time(), time({ clockFailure: true }), time({ clockNotSynchronized: true }), time({ leapSecondsKnown: false }), time({ accuracy: 11 }), time({ accuracy: 266 })].map(timeQualityView);
    expect(new Set(views).size).toBe(6);
    expect(views[5]?.accuracy).toBe(266);
  });
});
