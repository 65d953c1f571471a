import { describe, expect, it } from 'vitest';
import { LatestQueue } from './latest-queue';

describe('LatestQueue', () => {
  it('keeps the newest value per topic in first-queued order', () => {
    const q = new LatestQueue<number>(10);
    q.put('a', 1);
    q.put('b', 2);
    q.put('a', 3);
    expect(q.size).toBe(2);
    expect(q.superseded).toBe(1);
    expect(q.drain()).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(q.size).toBe(0);
  });

  it('drops the oldest topic when full and counts it', () => {
    const q = new LatestQueue<number>(3);
    for (let i = 0; i < 10; i++) q.put(`t${i}`, i);
    expect(q.size).toBe(3);
    expect(q.dropped).toBe(7);
    expect(q.drain().map(([t]) => t)).toEqual(['t7', 't8', 't9']);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new LatestQueue(0)).toThrow(/positive integer/);
  });
});
