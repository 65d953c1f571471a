import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s to 30 s, then stays there', () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 20, 1000].map((n) => backoffDelay(n, none))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('adds up to a quarter of the delay at random', () => {
    expect(backoffDelay(0, () => 1)).toBe(1250);
    expect(backoffDelay(10, () => 0.5)).toBe(33_750);
    expect(DEFAULT_BACKOFF).toEqual({ minMs: 1000, maxMs: 30_000, jitter: 0.25 });
  });
});
