import { describe, expect, it } from 'vitest';
import { SlicedQueue } from './sliced-queue';

describe('SlicedQueue', () => {
  it('handles items in order, yields when the slice is used, pauses the source and resumes it once caught up', async () => {
    let clock = 0;
    const handled: number[] = [];
    const events: string[] = [];
    const queue = new SlicedQueue<number>({
      sliceMs: 10,
      now: () => clock,
      handle: (n) => {
        handled.push(n);
        clock += 4; // each item costs 4 ms: three fit in a 10 ms slice
      },
      onBehind: () => events.push(`pause after ${handled.length}`),
      onCaughtUp: () => events.push(`resume after ${handled.length}`),
    });
    queue.push([1, 2, 3, 4, 5, 6, 7]);
    expect(handled).toEqual([1, 2, 3]);
    expect(queue.length).toBe(4);
    queue.push([8]); // arrives while behind: queued, not handled out of turn
    expect(handled).toEqual([1, 2, 3]);
    await new Promise((r) => setImmediate(r));
    expect(handled).toEqual([1, 2, 3, 4, 5, 6]);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events).toEqual(['pause after 3', 'resume after 8']);
    expect(queue.yields).toBe(2);
    expect(queue.length).toBe(0);
  });

  it('lets a timer run between slices of a long backlog', async () => {
    const order: string[] = [];
    const queue = new SlicedQueue<number>({
      sliceMs: 5,
      handle: () => {
        const end = performance.now() + 1;
        while (performance.now() < end);
      },
    });
    setTimeout(() => order.push(`timer with ${queue.length} left`), 0);
    queue.push(Array.from({ length: 200 }, (_, i) => i));
    await new Promise((r) => setTimeout(r, 400));
    expect(order).toHaveLength(1);
    expect(order[0]).not.toBe('timer with 0 left');
  });

  it('drops the backlog and later pushes once stopped', () => {
    const handled: number[] = [];
    const queue = new SlicedQueue<number>({
      handle: (n) => {
        handled.push(n);
        if (n === 2) queue.stop();
      },
    });
    queue.push([1, 2, 3]);
    queue.push([4]);
    expect(handled).toEqual([1, 2]);
    expect(queue.length).toBe(0);
  });
});
