import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

/** Tuning of the runtime; the defaults are CONVENTIONS.md's, tests shorten them. */
export interface RuntimeOptions {
  readonly backoff: BackoffOptions;
  /** How long a planned RCB that could not be used waits before it is tried again. */
  readonly reportRetryMs: number;
  /** How often Mod/Beh are read. */
  readonly behaviourPeriodMs: number;
  /** Poll cycles failing as a whole in a row before the association is dropped and made again. */
  readonly maxPollFailures: number;
  /** How often staleness is evaluated and age-dependent outputs refreshed. */
  readonly tickMs: number;
  /** An association that lasted this long resets the backoff. */
  readonly stableAfterMs: number;
  /** Traffic tap records kept per IED. */
  readonly trafficCapacity: number;
}

export const DEFAULT_RUNTIME_OPTIONS: RuntimeOptions = {
  backoff: DEFAULT_BACKOFF,
  reportRetryMs: 30_000,
  behaviourPeriodMs: 2000,
  maxPollFailures: 2,
  tickMs: 250,
  stableAfterMs: 10_000,
  trafficCapacity: 200,
};
