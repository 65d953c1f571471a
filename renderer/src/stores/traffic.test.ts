import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Status, TrafficRecordDto } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { createTrafficStore, MAX_TRAFFIC_RECORDS } from './traffic';

type Params = { ied: string; afterSeq?: number };

function rec(seq: number): TrafficRecordDto {
  return { seq, direction: seq % 2 ? 'sent' : 'received', time: '2026-01-01T00:00:00.000Z', summary: `pdu ${seq}`, hex: '0300', framed: true, length: 2, tree: [] };
}

/** A tap per IED holding `taps[ied]`, answering afterSeq like the service. */
function service(taps: Record<string, TrafficRecordDto[]>, calls: Params[] = []) {
  return async (params: Params) => {
    calls.push(params);
    const tap = taps[params.ied];
    if (!tap) throw new Error(`no IED '${params.ied}' in the running project`);
    return { records: tap.filter((r) => r.seq > (params.afterSeq ?? 0)), dropped: 3, capacity: 200 };
  };
}

const running = (state: Status['state']): Status => ({ version: '0', mode: 'serve', startedAt: '', uptimeMs: 0, state, stateDetail: null, project: 'p' });

describe('traffic store', () => {
  afterEach(() => vi.useRealTimers());

  it('fetches nothing before an IED is chosen, then only what came after the last PDU', async () => {
    const taps = { F1: [rec(1), rec(2)] };
    const calls: Params[] = [];
    const store = createTrafficStore(fakeBackend({ getTraffic: service(taps, calls) }).backend);
    await store.getState().refresh();
    expect(calls).toEqual([]);
    store.getState().setIed('F1');
    await store.getState().refresh();
    taps.F1.push(rec(3));
    await store.getState().refresh();
    expect(calls).toEqual([{ ied: 'F1', afterSeq: 0 }, { ied: 'F1', afterSeq: 2 }]);
    expect(store.getState()).toMatchObject({ lastSeq: 3, capacity: 200, dropped: 3, error: null });
    expect(store.getState().records.map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('fetches nothing while paused; a clear keeps the numbering so the cleared PDUs stay away', async () => {
    const taps = { F1: [rec(1), rec(2)] };
    const calls: Params[] = [];
    const store = createTrafficStore(fakeBackend({ getTraffic: service(taps, calls) }).backend);
    store.getState().setIed('F1');
    await store.getState().refresh();
    store.getState().select(2);
    store.getState().setPaused(true);
    taps.F1.push(rec(3));
    await store.getState().refresh();
    expect(calls).toHaveLength(1);
    store.getState().clear();
    expect(store.getState()).toMatchObject({ records: [], selected: null, lastSeq: 2 });
    store.getState().setPaused(false);
    await store.getState().refresh();
    expect(store.getState().records.map((r) => r.seq)).toEqual([3]);
  });

  it('starts afresh on another IED, and drops a reply for the IED it left', async () => {
    let release: () => void = () => undefined;
    const taps = { F1: [rec(1)], F2: [rec(1), rec(2)] };
    const answer = service(taps);
    const store = createTrafficStore(
      fakeBackend({
        getTraffic: (p: Params) => (p.ied === 'F1' ? new Promise((ok) => (release = () => ok(answer(p)))) : answer(p)),
      }).backend,
    );
    store.getState().setIed('F1');
    const slow = store.getState().refresh();
    store.getState().setIed('F2');
    release();
    await slow;
    expect(store.getState().records).toEqual([]);
    await store.getState().refresh();
    expect(store.getState().records.map((r) => r.seq)).toEqual([1, 2]);
  });

  it('keeps at most MAX_TRAFFIC_RECORDS, the newest', async () => {
    const taps = { F1: Array.from({ length: MAX_TRAFFIC_RECORDS + 5 }, (_, i) => rec(i + 1)) };
    const store = createTrafficStore(fakeBackend({ getTraffic: service(taps) }).backend);
    store.getState().setIed('F1');
    await store.getState().refresh();
    const { records } = store.getState();
    expect(records).toHaveLength(MAX_TRAFFIC_RECORDS);
    expect(records[0]!.seq).toBe(6);
  });

  it('says why when the service refuses, and starts afresh when the runtime starts again', async () => {
    const taps: Record<string, TrafficRecordDto[]> = { F1: [rec(1), rec(2)] };
    const fake = fakeBackend({ getTraffic: service(taps) });
    const store = createTrafficStore(fake.backend);
    store.getState().setIed('NOPE');
    await store.getState().refresh();
    expect(store.getState().error).toBe("no IED 'NOPE' in the running project");
    store.getState().setIed('F1');
    fake.push(running('running'));
    await store.getState().refresh();
    expect(store.getState().lastSeq).toBe(2);
    fake.push(running('idle'));
    taps.F1 = [rec(1)]; // a new runtime: a new tap, numbered from 1 again
    fake.push(running('running'));
    expect(store.getState()).toMatchObject({ records: [], lastSeq: 0, ied: 'F1' });
    await store.getState().refresh();
    expect(store.getState().records.map((r) => r.seq)).toEqual([1]);
  });
});
