/**
 * IEC 61850 time values as MMS carries them (IEC 61850-8-1 §8.1.3.7 and §8.1.3.8).
 *
 * TimeStamp is the MMS UtcTime, 8 octets:
 *   SecondSinceEpoch   4 octets, seconds since 1970-01-01T00:00:00Z (UTC, leap seconds not counted)
 *   FractionOfSecond   3 octets, the fraction as value / 2^24
 *   TimeQuality        1 octet, a bit string whose bit 0 is the MSB:
 *                        bit 0 LeapSecondsKnown, bit 1 ClockFailure, bit 2 ClockNotSynchronized,
 *                        bits 3-7 TimeAccuracy (number of exact fraction bits, 31 = unspecified)
 *
 * EntryTime / TimeOfEntry is the MMS BinaryTime (TimeOfDay): 4 octets of milliseconds since midnight,
 * then (6-octet form) 2 octets of days since 1984-01-01.
 */

export interface TimeQuality {
  readonly leapSecondsKnown: boolean;
  readonly clockFailure: boolean;
  readonly clockNotSynchronized: boolean;
  /** 0..24 exact fraction bits; 31 unspecified; 25..30 are not defined by the standard. */
  readonly timeAccuracyBits: number;
}

export interface Timestamp extends TimeQuality {
  readonly seconds: number;
  /** The 24-bit FractionOfSecond as sent. */
  readonly fraction: number;
  /**
   * Milliseconds since the Unix epoch, with the sub-millisecond part kept as a fraction. A double near
   * 1.7e12 resolves about 0.25 µs, coarser than 1/2^24 s (0.06 µs): `seconds` and `fraction` are exact.
   */
  readonly epochMs: number;
  /** ISO 8601 UTC with milliseconds, truncated from the exact fields (never rounded into a later ms). */
  readonly iso: string;
}

/** What a simulator or test sets to build a TimeStamp; quality defaults to known, synchronised, 10 bits. */
export interface TimestampParts extends Partial<TimeQuality> {
  readonly epochMs: number;
}

export const TIME_ACCURACY_UNSPECIFIED = 31;
const FRACTION_SCALE = 0x1000000; // 2^24
const LEAP_SECONDS_KNOWN = 0x80;
const CLOCK_FAILURE = 0x40;
const CLOCK_NOT_SYNCHRONIZED = 0x20;
const ACCURACY_MASK = 0x1f;

export function timeQualityFromByte(octet: number): TimeQuality {
  return {
    leapSecondsKnown: (octet & LEAP_SECONDS_KNOWN) !== 0,
    clockFailure: (octet & CLOCK_FAILURE) !== 0,
    clockNotSynchronized: (octet & CLOCK_NOT_SYNCHRONIZED) !== 0,
    timeAccuracyBits: octet & ACCURACY_MASK,
  };
}

export function timeQualityToByte(q: Partial<TimeQuality>): number {
  let octet = (q.timeAccuracyBits ?? 10) & ACCURACY_MASK;
  if (q.leapSecondsKnown ?? true) octet |= LEAP_SECONDS_KNOWN;
  if (q.clockFailure === true) octet |= CLOCK_FAILURE;
  if (q.clockNotSynchronized === true) octet |= CLOCK_NOT_SYNCHRONIZED;
  return octet;
}

/** ISO text of a time in ms, truncated to the millisecond; null outside the range Date can show. */
export function isoOfEpochMs(epochMs: number): string | null {
  const date = new Date(Math.floor(epochMs));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Decodes the three UtcTime fields (seconds, 24-bit fraction, TimeQuality octet). */
export function timestampFromFields(seconds: number, fraction: number, qualityByte: number): Timestamp {
  const wholeMs = seconds * 1000 + Math.floor((fraction * 1000) / FRACTION_SCALE);
  return {
    seconds,
    fraction,
    epochMs: seconds * 1000 + (fraction * 1000) / FRACTION_SCALE,
    iso: isoOfEpochMs(wholeMs) ?? '',
    ...timeQualityFromByte(qualityByte),
  };
}

/**
 * The UtcTime fields of a time in ms (fraction rounded to the nearest 1/2^24 s, carrying into the next
 * second when it rounds up to 2^24). Times before 1970 or after 2106 do not fit and are refused.
 */
export function timestampToFields(parts: TimestampParts): {
  seconds: number;
  fraction: number;
  quality: number;
} {
  if (!Number.isFinite(parts.epochMs) || parts.epochMs < 0 || parts.epochMs >= 2 ** 32 * 1000) {
    throw new RangeError(`time ${parts.epochMs} ms is outside the UtcTime range 1970..2106`);
  }
  let seconds = Math.floor(parts.epochMs / 1000);
  let fraction = Math.round(((parts.epochMs - seconds * 1000) / 1000) * FRACTION_SCALE);
  if (fraction >= FRACTION_SCALE) {
    seconds += 1;
    fraction = 0;
  }
  if (seconds >= 2 ** 32)
    throw new RangeError(`time ${parts.epochMs} ms is outside the UtcTime range 1970..2106`);
  return { seconds, fraction, quality: timeQualityToByte(parts) };
}

/** UtcTime as its 8 octets: seconds (big-endian), fraction (big-endian), quality. */
export function utcTimeToBytes(fields: { seconds: number; fraction: number; quality: number }): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, fields.seconds >>> 0);
  view.setUint8(4, (fields.fraction >>> 16) & 0xff);
  view.setUint16(5, fields.fraction & 0xffff);
  view.setUint8(7, fields.quality & 0xff);
  return out;
}

/** Decodes 8 UtcTime octets; undefined when there are not exactly 8. */
export function timestampFromBytes(bytes: Uint8Array): Timestamp | undefined {
  if (bytes.length !== 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const fraction = (view.getUint8(4) << 16) | view.getUint16(5);
  return timestampFromFields(view.getUint32(0), fraction, view.getUint8(7));
}

// ---- BinaryTime (EntryTime, TimeOfEntry) ----

/** 1984-01-01T00:00:00Z, day 0 of MMS BinaryTime. */
export const BINARY_TIME_EPOCH_MS = Date.UTC(1984, 0, 1);
const MS_PER_DAY = 86_400_000;

export interface EntryTime {
  readonly msOfDay: number;
  /** Days since 1984-01-01; null for the 4-octet time-of-day form. */
  readonly days: number | null;
  /** null when there is no date or msOfDay is not a time of day (≥ 86 400 000). */
  readonly epochMs: number | null;
  readonly iso: string | null;
}

export function entryTimeFromFields(msOfDay: number, days?: number): EntryTime {
  const inDay = Number.isInteger(msOfDay) && msOfDay >= 0 && msOfDay < MS_PER_DAY;
  if (days === undefined || !inDay) return { msOfDay, days: days ?? null, epochMs: null, iso: null };
  const epochMs = BINARY_TIME_EPOCH_MS + days * MS_PER_DAY + msOfDay;
  return { msOfDay, days, epochMs, iso: isoOfEpochMs(epochMs) };
}

/** BinaryTime fields of a time in ms (whole milliseconds; refused before 1984 or after day 65535). */
export function entryTimeToFields(epochMs: number): { msOfDay: number; days: number } {
  const since = Math.floor(epochMs) - BINARY_TIME_EPOCH_MS;
  const days = Math.floor(since / MS_PER_DAY);
  if (!Number.isFinite(since) || days < 0 || days > 0xffff) {
    throw new RangeError(`time ${epochMs} ms is outside the BinaryTime range 1984..2163`);
  }
  return { msOfDay: since - days * MS_PER_DAY, days };
}
