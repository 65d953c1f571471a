import { afterEach, describe, expect, it } from 'vitest';
import type { IedStatus, PointState } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { createLiveStore } from './live';

const settle = () => new Promise((ok) => setTimeout(ok, 0));

function point(key: string, value: number | string | null, extra: Partial<PointState> = {}): PointState {
  const [ied = '', id = ''] = key.split('/');
  return {
    key, ied, point: id, ref: `${ied}LD0/GGIO1.${id}.mag.f`, fc: 'MX', type: 'float32', value, numeric: typeof value === 'number' ? value : null,
    quality: null, deviceTime: null, timeQuality: null, localTime: 1, seq: 1, source: 'poll', status: 'ok', test: false, reason: null, ...extra,
  };
}

function ied(id: string, state: IedStatus['state']): IedStatus {
  return {
    id, name: id, host: '127.0.0.1', port: 102, state, since: '2026-01-01T00:00:00.000Z', lastError: null, reconnectInMs: null, connects: 1,
    negotiated: null, pollGroups: [], reports: [], behaviour: [],
    time: { samples: 0, lastOffsetMs: null, minOffsetMs: null, maxOffsetMs: null, clockNotSynchronized: null, clockFailure: null },
    points: { total: 0, ok: 0, stale: 0, disconnected: 0, never: 0, error: 0, test: 0 },
  };
}

const stores: { dispose(): void }[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.dispose()));

function setup(snapshots: { batch: number; points: PointState[] }[], iedStates: () => IedStatus[] = () => [ied('A', 'connected')], refreshMs?: number, pageSize?: number) {
  let calls = 0;
  let current = snapshots[0] as { batch: number; points: PointState[] };
  const fake = fakeBackend({
    // A snapshot is taken when its first page is asked for; later pages come from the same one.
    getPoints: async ({ offset = 0, limit = Infinity }) => {
      if (offset === 0) current = snapshots[Math.min(calls++, snapshots.length - 1)] as typeof current;
      return { batch: current.batch, points: current.points.slice(offset, offset + limit), total: current.points.length };
    },
    getIedStatus: async () => ({ ieds: iedStates() }),
  });
  const store = createLiveStore(fake.backend, { ...(refreshMs ? { iedRefreshMs: refreshMs } : {}), ...(pageSize ? { pageSize } : {}) });
  stores.push(store);
  return { fake, store, calls: () => calls };
}

describe('live store', () => {
  it('starts from the snapshot, then applies change batches in order and keeps project order', async () => {
    const { fake, store } = setup([{ batch: 4, points: [point('A/p1', 1), point('A/p2', 2)] }]);
    await settle();
    expect(store.getState().order).toEqual(['A/p1', 'A/p2']);
    expect(store.getState().lastBatch).toBe(4);
    fake.emit('pointBatch', { batch: 5, changes: [point('A/p2', 20), point('A/p3', 3)] });
    fake.emit('pointBatch', { batch: 6, changes: [point('A/p1', 10, { status: 'stale' })] });
    const s = store.getState();
    expect([...s.points.values()].map((p) => [p.key, p.value, p.status])).toEqual([
      ['A/p1', 10, 'stale'],
      ['A/p2', 20, 'ok'],
      ['A/p3', 3, 'ok'],
    ]);
    expect(s.order).toEqual(['A/p1', 'A/p2', 'A/p3']);
    expect(s.lastBatch).toBe(6);
  });

  it('drops a batch older than the snapshot, and asks for a snapshot after a gap', async () => {
    const { fake, store, calls } = setup([
      { batch: 10, points: [point('A/p1', 1)] },
      { batch: 13, points: [point('A/p1', 13)] },
    ]);
    await settle();
    fake.emit('pointBatch', { batch: 9, changes: [point('A/p1', 99)] });
    expect(store.getState().points.get('A/p1')?.value).toBe(1);
    fake.emit('pointBatch', { batch: 12, changes: [point('A/p1', 12)] });
    expect(store.getState().points.get('A/p1')?.value).toBe(12);
    await settle();
    expect(calls()).toBe(2);
    expect(store.getState().lastBatch).toBe(13);
    expect(store.getState().points.get('A/p1')?.value).toBe(13);
  });

  it('gives a selector of one point its new state after every batch: no stale selector', async () => {
    const { fake, store } = setup([{ batch: 1, points: [point('A/p1', 1), point('A/p2', 2)] }]);
    await settle();
    const seen: unknown[] = [];
    let last = store.getState().points.get('A/p1');
    // What useStore(store, (s) => s.points.get(key)) does: re-run the selector on each change, compare.
    store.subscribe((s) => {
      const now = s.points.get('A/p1');
      if (now !== last) seen.push(now?.value);
      last = now;
    });
    fake.emit('pointBatch', { batch: 2, changes: [point('A/p1', 5)] });
    fake.emit('pointBatch', { batch: 3, changes: [point('A/p2', 6)] });
    fake.emit('pointBatch', { batch: 4, changes: [point('A/p1', 7)] });
    expect(seen).toEqual([5, 7]);
    expect(store.getState().version).toBeGreaterThanOrEqual(4);
  });

  it('follows IED states, and takes a fresh snapshot when the runtime starts', async () => {
    const { fake, store, calls } = setup([
      { batch: 0, points: [] },
      { batch: 0, points: [point('A/p1', 1)] },
    ]);
    await settle();
    expect(store.getState().ieds.get('A')?.state).toBe('connected');
    fake.emit('iedStatusChanged', { ...ied('A', 'disconnected'), lastError: 'connection refused' });
    expect(store.getState().ieds.get('A')).toMatchObject({ state: 'disconnected', lastError: 'connection refused' });
    fake.push({ version: '0', mode: 'serve', startedAt: '', uptimeMs: 0, state: 'running', stateDetail: null, project: 'p' });
    await settle();
    expect(calls()).toBe(2);
    expect(store.getState().order).toEqual(['A/p1']);
  });

  it('takes a snapshot of 20,000 points in pages, then applies 20,000 changes in one batch', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `B/p${i}`);
    const { fake, store } = setup([{ batch: 1, points: keys.map((k) => point(k, 0)) }], undefined, undefined, 3000);
    await new Promise((r) => setTimeout(r, 50));
    expect(store.getState().order).toHaveLength(20_000);
    expect(store.getState().loading).toBe(false);
    fake.emit('pointBatch', { batch: 2, changes: keys.map((k, i) => point(k, i)) });
    const s = store.getState();
    expect(s.points.size).toBe(20_000);
    expect(s.points.get('B/p19999')?.value).toBe(19_999);
    expect(s.order).toHaveLength(20_000);
  });

  it('fetches IED statuses again while the runtime runs: Mod/Beh change without a state change', async () => {
    let beh = 'on';
    const { fake, store } = setup([{ batch: 0, points: [] }], () => [{ ...ied('A', 'connected'), behaviour: [{ ld: 'ALD0', mod: beh, beh }] }], 20);
    await settle();
    fake.push({ version: '0', mode: 'serve', startedAt: '', uptimeMs: 0, state: 'running', stateDetail: null, project: 'p' });
    beh = 'test';
    await new Promise((r) => setTimeout(r, 120));
    expect(store.getState().ieds.get('A')?.behaviour).toEqual([{ ld: 'ALD0', mod: 'test', beh: 'test' }]);
  });

  it('keeps batches that arrive between snapshot pages, and the next batch is not a gap', async () => {
    const pts = Array.from({ length: 10 }, (_, i) => point(`A/p${i}`, 0));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const fake = fakeBackend({
      getPoints: async ({ offset = 0, limit = Infinity }) => {
        calls++;
        if (offset > 0) await gate;
        return { batch: 7, points: pts.slice(offset, offset + limit), total: pts.length };
      },
      getIedStatus: async () => ({ ieds: [] }),
    });
    const store = createLiveStore(fake.backend, { iedRefreshMs: 60_000, pageSize: 5 });
    stores.push(store);
    await settle();
    // Page 1 is in; page 2 is on its way when batch 8 changes a point of page 1.
    fake.emit('pointBatch', { batch: 8, changes: [point('A/p1', 81)] });
    release();
    await settle();
    await settle();
    fake.emit('pointBatch', { batch: 9, changes: [point('A/p7', 97)] });
    await settle();
    const s = store.getState();
    expect(s.points.get('A/p1')?.value).toBe(81);
    expect(s.points.get('A/p7')?.value).toBe(97);
    expect(s.lastBatch).toBe(9);
    expect(calls).toBe(2);
  });

  it('applies batches at once but tells subscribers once per deferral (one render per frame)', async () => {
    const queued: (() => void)[] = [];
    const fake = fakeBackend({ getPoints: async () => ({ batch: 1, points: [point('A/p1', 1)], total: 1 }), getIedStatus: async () => ({ ieds: [] }) });
    const store = createLiveStore(fake.backend, { defer: (f) => queued.push(f) });
    stores.push(store);
    await settle();
    let renders = 0;
    store.subscribe(() => renders++);
    fake.emit('pointBatch', { batch: 2, changes: [point('A/p1', 2)] });
    fake.emit('pointBatch', { batch: 3, changes: [point('A/p1', 3), point('A/p2', 4)] });
    expect(store.getState().points.get('A/p1')?.value).toBe(3);
    expect(renders).toBe(0);
    expect(queued).toHaveLength(1);
    queued.shift()?.();
    expect(renders).toBe(1);
    expect(store.getState()).toMatchObject({ lastBatch: 3, order: ['A/p1', 'A/p2'] });
  });
});
