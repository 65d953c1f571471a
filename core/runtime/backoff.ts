export interface BackoffOptions {
  readonly minMs: number;
  readonly maxMs: number;
  /** Up to this fraction of the delay is added at random, so many IEDs do not retry in step. */
  readonly jitter: number;
}

/** CONVENTIONS.md: reconnect with exponential backoff from 1 s to 30 s plus jitter. */
export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 1000, maxMs: 30_000, jitter: 0.25 };

/** The delay before attempt `attempt` (0 = the first retry): min·2^attempt capped at max, plus jitter. */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const base = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 + options.jitter * random()));
}
