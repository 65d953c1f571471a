import { describe, expect, it } from 'vitest';
import type { HistorySeriesDto } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { createTrendsStore, MAX_TREND_POINTS } from './trends';

type Params = { keys: string[]; sinceMs?: number };

const series = (key: string, values: number[]): HistorySeriesDto => ({ key, times: values.map((_, i) => 1000 * (i + 1)), values, capacity: 600, dropped: 0 });

describe('trends store', () => {
  it('asks for the charted keys over the window, from the service clock of the last reply', async () => {
    const calls: Params[] = [];
    const store = createTrendsStore(
      fakeBackend({
        getHistory: async (p: Params) => {
          calls.push(p);
          return { series: p.keys.filter((k) => k !== 'F/pos').map((k) => series(k, [1, 2])), unknown: p.keys.filter((k) => k === 'F/pos'), now: 900_000 };
        },
      }).backend,
      () => 1_000_000,
    );
    await store.getState().refresh();
    expect(calls).toEqual([]); // nothing charted, nothing asked
    store.getState().toggle('F/a');
    await store.getState().refresh();
    store.getState().toggle('F/pos');
    await store.getState().refresh();
    expect(calls[0]).toEqual({ keys: ['F/a'], sinceMs: 1_000_000 - 300_000 });
    expect(calls.at(-1)).toEqual({ keys: ['F/a', 'F/pos'], sinceMs: 900_000 - 300_000 });
    expect(store.getState()).toMatchObject({ unknown: ['F/pos'], now: 900_000, error: null });
    expect(store.getState().series.map((s) => s.key)).toEqual(['F/a']);
    store.getState().setWindow(60_000);
    await store.getState().refresh();
    expect(calls.at(-1)?.sinceMs).toBe(900_000 - 60_000);
  });

  it('removes a point at once, and a reply still out for it does not bring it back', async () => {
    let release: () => void = () => undefined;
    const store = createTrendsStore(
      fakeBackend({
        getHistory: (p: Params) => new Promise((ok) => (release = () => ok({ series: p.keys.map((k) => series(k, [5])), unknown: [], now: 1 }))),
      }).backend,
    );
    store.getState().toggle('F/a');
    release();
    await store.getState().refresh();
    store.getState().toggle('F/b');
    const out = store.getState().refresh();
    store.getState().toggle('F/a'); // removed while the call for [F/a, F/b] is out
    expect(store.getState().series.map((s) => s.key)).toEqual([]);
    release();
    await out;
    expect(store.getState().keys).toEqual(['F/b']);
    expect(store.getState().series.map((s) => s.key)).toEqual(['F/b']);
  });

  it('charts at most MAX_TREND_POINTS, and says so', () => {
    const store = createTrendsStore(fakeBackend({ getHistory: async () => ({ series: [], unknown: [], now: 0 }) }).backend);
    for (let i = 0; i < MAX_TREND_POINTS; i++) expect(store.getState().toggle(`F/p${i}`)).toBe(true);
    expect(store.getState().toggle('F/one-more')).toBe(false);
    expect(store.getState().keys).toHaveLength(MAX_TREND_POINTS);
  });

  it('keeps the last series and says why when the service refuses', async () => {
    let fail = false;
    const store = createTrendsStore(
      fakeBackend({
        getHistory: async (p: Params) => {
          if (fail) throw new Error('the runtime is not running: trends come from the running gateway');
          return { series: p.keys.map((k) => series(k, [1, 2, 3])), unknown: [], now: 5 };
        },
      }).backend,
    );
    store.getState().toggle('F/a');
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(store.getState().series[0]?.values).toEqual([1, 2, 3]);
    expect(store.getState().error).toMatch(/^the runtime is not running/);
  });
});
