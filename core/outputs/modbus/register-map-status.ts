import type { PointState } from '../../contract';

/**
 * The gateway status word (CONVENTIONS.md "Modbus TCP server", companion `status`):
 *
 *   bits 0-1  validity: 0 good, 1 invalid, 2 reserved, 3 questionable (from the IEC 61850 quality)
 *   bit 2     stale: no update within the point's stale timeout
 *   bit 3     disconnected: the IED's association is down
 *   bit 4     test: the quality's test bit, or the LN's Beh is test or test/blocked
 *   bit 5     substituted: the quality says source = substituted, or the map's badValuePolicy put its
 *             substitute in the value registers
 *   bit 6     overflow: the value in the registers was clamped to the type's range
 *   bit 7     never updated: no value has arrived since the gateway started
 *   bit 8     error: the IED answered the read with an access error (an extension: bits 8-15 were free)
 *
 * When the gateway has no quality for the point, the validity bits do not say good: they say invalid
 * when there is no value at all (never, error) and questionable otherwise.
 */
export const STATUS = {
  stale: 1 << 2,
  disconnected: 1 << 3,
  test: 1 << 4,
  substituted: 1 << 5,
  overflow: 1 << 6,
  never: 1 << 7,
  error: 1 << 8,
} as const;

export const VALIDITY_CODE = { good: 0, invalid: 1, reserved: 2, questionable: 3 } as const;

/**
 * The quality register holds the 13 raw bits (bit 0 = the first bit of the IEC bit string). When the
 * gateway knows no quality (nothing received yet, or the device sent none), it reads 0x8000: bit 15 is
 * never set by a real quality, so an HMI can tell "unknown" from "good" (0).
 */
export const QUALITY_UNKNOWN = 0x8000;

export function statusWord(
  state: Pick<PointState, 'status' | 'quality' | 'test'>,
  flags: { readonly overflow: boolean; readonly substituted: boolean },
): number {
  const validity = state.quality?.validity;
  let word: number;
  if (validity !== undefined && validity !== 'unknown') word = VALIDITY_CODE[validity];
  else word = state.status === 'never' || state.status === 'error' ? VALIDITY_CODE.invalid : VALIDITY_CODE.questionable;
  if (state.status === 'stale') word |= STATUS.stale;
  if (state.status === 'disconnected') word |= STATUS.disconnected;
  if (state.status === 'never') word |= STATUS.never;
  if (state.status === 'error') word |= STATUS.error;
  if (state.test) word |= STATUS.test;
  if (flags.substituted || state.quality?.source === 'substituted') word |= STATUS.substituted;
  if (flags.overflow) word |= STATUS.overflow;
  return word;
}

export function qualityRegister(state: Pick<PointState, 'quality'>): number {
  return state.quality === null ? QUALITY_UNKNOWN : state.quality.raw & 0x1fff;
}

/** Seconds since the last update, saturating at 65535; 65535 too when nothing has arrived. */
export function ageSeconds(localTime: number | null, nowMs: number): number {
  if (localTime === null) return 0xffff;
  return Math.min(0xffff, Math.floor(Math.max(0, nowMs - localTime) / 1000));
}

/** The device time as UTC seconds (uint32) and milliseconds; 0 and 0 when the device sent none. */
export function timestampParts(deviceTime: string | null): { seconds: number; millis: number } {
  const ms = deviceTime === null ? NaN : Date.parse(deviceTime);
  if (!Number.isFinite(ms) || ms < 0) return { seconds: 0, millis: 0 };
  return { seconds: Math.min(0xffffffff, Math.floor(ms / 1000)), millis: ms % 1000 };
}
