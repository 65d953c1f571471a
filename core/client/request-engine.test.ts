import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientError } from './errors';
import { RequestEngine } from './request-engine';

/** A request "PDU" in these tests is just [invokeId]; the answer is whatever the test routes back. */
function setup(maxOutstanding = 3, timeoutMs = 1000) {
  const sent: number[] = [];
  const unmatched: number[] = [];
  const engine = new RequestEngine({
    send: (pdu) => sent.push(pdu[0] ?? -1),
    maxOutstanding,
    timeoutMs,
    onUnmatched: (id) => unmatched.push(id),
  });
  const call = (label: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    engine.call({
      label,
      encode: (id) => Uint8Array.of(id),
      complete: (a) => `${label}:${String(a)}`,
      ...opts,
    });
  return { engine, sent, unmatched, call };
}

describe('RequestEngine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pipelines up to the outstanding limit and queues the rest in call order', async () => {
    const { engine, sent, call } = setup(2);
    const results = [call('a'), call('b'), call('c'), call('d')];
    expect(sent).toEqual([1, 2]);
    expect(engine.outstanding).toBe(2);
    expect(engine.queued).toBe(2);
    // Answers arrive out of order: matched by invoke id, and each frees a slot for the next queued call.
    engine.answer(2, 'B');
    expect(sent).toEqual([1, 2, 3]);
    engine.answer(1, 'A');
    expect(sent).toEqual([1, 2, 3, 4]);
    engine.answer(4, 'D');
    engine.answer(3, 'C');
    await expect(Promise.all(results)).resolves.toEqual(['a:A', 'b:B', 'c:C', 'd:D']);
    expect(engine.outstanding).toBe(0);
  });

  it('times out one request while the others succeed', async () => {
    const { engine, call } = setup(3, 500);
    const slow = call('slow read');
    const fast = call('fast read', { timeoutMs: 5000 });
    vi.advanceTimersByTime(499);
    engine.answer(2, 'ok');
    await expect(fast).resolves.toBe('fast read:ok');
    vi.advanceTimersByTime(1);
    await expect(slow).rejects.toMatchObject({
      code: 'timeout',
      message: 'no answer to slow read (invoke id 1) within 500 ms',
    });
    expect(engine.outstanding).toBe(0);
  });

  it('reports a late answer after a timeout as unmatched instead of resolving anything', async () => {
    const { engine, unmatched, call } = setup(1, 100);
    const p = call('x');
    vi.advanceTimersByTime(100);
    await expect(p).rejects.toBeInstanceOf(ClientError);
    engine.answer(1, 'late');
    expect(unmatched).toEqual([1]);
  });

  it('rejects every in-flight and queued call with the same error when the connection is lost', async () => {
    const { engine, call } = setup(1);
    const calls = [call('a'), call('b'), call('c')];
    const lost = new ClientError('connection-lost', 'connection to 127.0.0.1:102 lost: closed by the peer');
    engine.failAll(lost);
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.value))).toEqual([lost, lost, lost]);
    await expect(call('after')).rejects.toBe(lost);
    expect(engine.outstanding).toBe(0);
    expect(engine.queued).toBe(0);
    // No timer is left to fire later.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels a queued call and an in-flight call through their AbortSignal', async () => {
    const { engine, sent, call } = setup(1);
    const inFlight = new AbortController();
    const queued = new AbortController();
    const a = call('a', { signal: inFlight.signal });
    const b = call('b', { signal: queued.signal });
    const c = call('c');
    queued.abort();
    await expect(b).rejects.toMatchObject({ code: 'cancelled', message: 'b was cancelled' });
    inFlight.abort();
    await expect(a).rejects.toMatchObject({ code: 'cancelled' });
    // c moved into the freed slot; b was never sent.
    expect(sent).toEqual([1, 2]);
    engine.answer(2, 'C');
    await expect(c).resolves.toBe('c:C');
  });

  it('fails only the call whose encoder throws, and keeps going', async () => {
    const { engine, call } = setup(2);
    const bad = engine.call({
      label: 'bad',
      encode: () => {
        throw new RangeError('name too long');
      },
      complete: () => 0,
    });
    await expect(bad).rejects.toThrow('name too long');
    const good = call('good');
    engine.answer(2, 'ok');
    await expect(good).resolves.toBe('good:ok');
  });

  it('turns an exception in the result decoder into a rejection of that call only', async () => {
    const { engine } = setup(2);
    const p = engine.call({
      label: 'r',
      encode: (id) => Uint8Array.of(id),
      complete: () => {
        throw new ClientError('type-inconsistent', 'wrong type');
      },
    });
    engine.answer(1, 'x');
    await expect(p).rejects.toMatchObject({ code: 'type-inconsistent' });
  });

  it('fails one call by invoke id (a reject PDU) and leaves the others in flight', async () => {
    const { engine, call } = setup(3);
    const a = call('a');
    const b = call('b');
    expect(engine.failOne(1, new ClientError('rejected', 'rejected by the server'))).toBe(true);
    expect(engine.failOne(99, new Error('nobody'))).toBe(false);
    await expect(a).rejects.toMatchObject({ code: 'rejected' });
    engine.answer(2, 'B');
    await expect(b).resolves.toBe('b:B');
  });
});
