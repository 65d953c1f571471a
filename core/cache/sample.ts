import type { PointState } from '../contract';

/** A display value the outputs can carry, with its numeric form (ordinal for dbpos/enum, 0/1 for boolean). */
export interface SampleValue {
  readonly display: PointState['value'];
  readonly numeric: number | null;
}

/** The 13 quality bits as sent, and how many the device sent (13 for every conforming server). */
export interface SampleQuality {
  readonly raw: number;
  readonly knownBits: number;
}

/** The FCD's `t`: ms since the epoch, ISO text, and the TimeQuality flags. */
export interface SampleTime {
  readonly epochMs: number;
  readonly iso: string;
  readonly leapSecondsKnown: boolean;
  readonly clockFailure: boolean;
  readonly clockNotSynchronized: boolean;
  readonly accuracy: number;
}

/**
 * What one read or report said about one point: any of its value, its FCD's quality and its FCD's
 * time. A whole-FCD read carries all three; a report of FCDA members may carry only the value (then
 * the device time of the new value is unknown and shown as such) or only the quality.
 */
export interface PointSample {
  readonly value?: SampleValue;
  readonly quality?: SampleQuality;
  readonly time?: SampleTime;
}

export type SampleSource = 'report' | 'poll';
