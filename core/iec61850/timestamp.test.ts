import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared';
import {
  BINARY_TIME_EPOCH_MS,
  entryTimeFromFields,
  entryTimeToFields,
  timeQualityFromByte,
  timeQualityToByte,
  timestampFromBytes,
  timestampFromFields,
  timestampToFields,
  utcTimeToBytes,
} from './timestamp';

describe('TimeStamp (MMS UtcTime)', () => {
  it.each([
    [
      `69 55 b9 00   # SecondSinceEpoch 1767225600 = 2026-01-01T00:00:00Z
       1f 7c ee      # FractionOfSecond 2063598 / 2^24 = 0.12300003 s
       8a            # LeapSecondsKnown, TimeAccuracy 10`,
      {
        iso: '2026-01-01T00:00:00.123Z',
        leapSecondsKnown: true,
        clockFailure: false,
        clockNotSynchronized: false,
        timeAccuracyBits: 10,
      },
    ],
    [
      `65 e0 79 f0   # 2024-02-29T12:34:56Z (a leap day)
       80 00 00      # half a second
       7f            # ClockFailure, ClockNotSynchronized, TimeAccuracy 31 (unspecified)`,
      {
        iso: '2024-02-29T12:34:56.500Z',
        leapSecondsKnown: false,
        clockFailure: true,
        clockNotSynchronized: true,
        timeAccuracyBits: 31,
      },
    ],
    [
      `00 00 00 00 00 00 00 00   # all zero: what the device sent, shown as the epoch`,
      { iso: '1970-01-01T00:00:00.000Z', epochMs: 0, timeAccuracyBits: 0 },
    ],
    [
      `ff ff ff ff ff ff ff 20   # the last representable instant, not synchronised`,
      { iso: '2106-02-07T06:28:15.999Z', clockNotSynchronized: true, timeAccuracyBits: 0 },
    ],
  ])('decodes %s', (hex, expected) => {
    const bytes = fromHex(hex);
    const ts = timestampFromBytes(bytes);
    expect(ts).toMatchObject(expected);
    expect(
      toHex(
        utcTimeToBytes({ seconds: ts!.seconds, fraction: ts!.fraction, quality: timeQualityToByte(ts!) }),
      ),
    ).toBe(toHex(bytes));
  });

  it('keeps sub-millisecond precision in epochMs and truncates the ISO text', () => {
    const ts = timestampFromFields(1767225600, 0xffffff, 0x0a);
    expect(ts.epochMs - 1767225600000).toBeGreaterThan(999.999); // 999.99994 to double precision
    expect(ts.iso).toBe('2026-01-01T00:00:00.999Z');
    expect(timestampFromFields(0, 1, 0).epochMs).toBeCloseTo(1000 / 2 ** 24, 12);
  });

  it.each([
    [1767225600123, 1767225600, 0x1f7cee],
    [1767225600500, 1767225600, 0x800000],
    [1767225600000 + 999.99999, 1767225601, 0], // rounds up to 2^24: carries into the next second
    [0, 0, 0],
  ])('encodes %d ms to seconds %d, fraction %d (nearest 1/2^24 s)', (ms, seconds, fraction) => {
    expect(timestampToFields({ epochMs: ms })).toEqual({ seconds, fraction, quality: 0x8a });
  });

  it('round-trips fractions through epochMs to within its precision (exactly near 1970)', () => {
    for (let fraction = 0; fraction < 0x1000000; fraction += 4099) {
      const now = timestampFromFields(1767225600, fraction, 0);
      expect(Math.abs(timestampToFields({ epochMs: now.epochMs }).fraction - fraction)).toBeLessThanOrEqual(
        4,
      );
      const early = timestampFromFields(1000, fraction, 0);
      expect(timestampToFields({ epochMs: early.epochMs }).fraction).toBe(fraction);
    }
  });

  it('refuses times UtcTime cannot carry and short input', () => {
    expect(() => timestampToFields({ epochMs: -1 })).toThrow(RangeError);
    expect(() => timestampToFields({ epochMs: 2 ** 32 * 1000 })).toThrow(RangeError);
    expect(() => timestampToFields({ epochMs: Number.NaN })).toThrow(RangeError);
    expect(timestampFromBytes(fromHex('69 55 b9 00 1f 7c ee'))).toBeUndefined();
  });

  it.each([
    [0x80, { leapSecondsKnown: true, clockFailure: false, clockNotSynchronized: false, timeAccuracyBits: 0 }],
    [0x40, { leapSecondsKnown: false, clockFailure: true, clockNotSynchronized: false, timeAccuracyBits: 0 }],
    [0x20, { leapSecondsKnown: false, clockFailure: false, clockNotSynchronized: true, timeAccuracyBits: 0 }],
    [
      0x1f,
      { leapSecondsKnown: false, clockFailure: false, clockNotSynchronized: false, timeAccuracyBits: 31 },
    ],
    [
      0x92,
      { leapSecondsKnown: true, clockFailure: false, clockNotSynchronized: false, timeAccuracyBits: 18 },
    ],
  ])('TimeQuality 0x%s decodes bit by bit and encodes back', (octet, q) => {
    expect(timeQualityFromByte(octet)).toEqual(q);
    expect(timeQualityToByte(q)).toBe(octet);
  });
});

describe('EntryTime (MMS BinaryTime)', () => {
  it('decodes days since 1984 and ms of day', () => {
    // 02 b3 2c 95 = 45296789 ms = 12:34:56.789; 3b ed = day 15341 = 2026-01-01
    const t = entryTimeFromFields(0x02b32c95, 0x3bed);
    expect(t).toEqual({
      msOfDay: 45296789,
      days: 15341,
      epochMs: Date.UTC(2026, 0, 1, 12, 34, 56, 789),
      iso: '2026-01-01T12:34:56.789Z',
    });
    expect(entryTimeToFields(t.epochMs!)).toEqual({ msOfDay: 45296789, days: 15341 });
    expect(entryTimeFromFields(0, 0).iso).toBe('1984-01-01T00:00:00.000Z');
    expect(BINARY_TIME_EPOCH_MS).toBe(441763200000);
  });

  it('has no date for the time-of-day form and none for an impossible ms of day', () => {
    expect(entryTimeFromFields(1000)).toEqual({ msOfDay: 1000, days: null, epochMs: null, iso: null });
    expect(entryTimeFromFields(86_400_000, 1)).toMatchObject({ epochMs: null, iso: null });
  });

  it('refuses times outside 1984..2163', () => {
    expect(() => entryTimeToFields(BINARY_TIME_EPOCH_MS - 1)).toThrow(RangeError);
    expect(() => entryTimeToFields(BINARY_TIME_EPOCH_MS + 65536 * 86_400_000)).toThrow(RangeError);
    expect(entryTimeToFields(BINARY_TIME_EPOCH_MS + 65535 * 86_400_000 + 5)).toEqual({
      msOfDay: 5,
      days: 65535,
    });
  });
});
