import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistorySeriesDto } from '../../../core/contract';
import type { Backend } from '../api/backend';
import { pollWhileOpen } from './poll';
import { errorText } from '../error-text';

/** The most points one chart shows (the service takes up to 16; more lines are unreadable). */
export const MAX_TREND_POINTS = 8;
export const TREND_WINDOWS_MS = [60_000, 5 * 60_000, 10 * 60_000] as const;

export interface TrendsState {
  /** Point keys charted, in the order chosen. */
  keys: string[];
  windowMs: number;
  /** The last reply's series, in the order of `keys` (those the runtime keeps). */
  series: HistorySeriesDto[];
  /** Keys the runtime has no history for (not analog, or not running). */
  unknown: string[];
  /** The service's clock at the last reply: the right edge of the chart. */
  now: number | null;
  error: string | null;
  /** Adds a point, or removes it when it is charted; false when the chart is full. */
  toggle(key: string): boolean;
  setWindow(ms: number): void;
  refresh(): Promise<void>;
}

export interface TrendsStore extends StoreApi<TrendsState> {
  /** Refreshes now and every periodMs while the connection is open; returns the stop function. */
  poll(periodMs: number): () => void;
}

/**
 * The Trends chart's points and their recent samples, read from the runtime's bounded history with
 * getHistory (the whole window each time: at most 8 points × 600 samples).
 */
export function createTrendsStore(backend: Backend, clock: () => number = Date.now): TrendsStore {
  let inFlight: Promise<void> | null = null;
  const store = createStore<TrendsState>((set, get) => ({
    keys: [],
    windowMs: TREND_WINDOWS_MS[1],
    series: [],
    unknown: [],
    now: null,
    error: null,
    toggle: (key) => {
      const { keys } = get();
      if (keys.includes(key)) {
        const left = keys.filter((k) => k !== key);
        set({ keys: left, series: get().series.filter((s) => s.key !== key), unknown: get().unknown.filter((k) => k !== key) });
        return true;
      }
      if (keys.length >= MAX_TREND_POINTS) return false;
      set({ keys: [...keys, key] });
      void get().refresh();
      return true;
    },
    setWindow: (windowMs) => {
      set({ windowMs });
      void get().refresh();
    },
    refresh: () => {
      inFlight ??= load().finally(() => (inFlight = null));
      return inFlight;
    },
  }));

  async function load(): Promise<void> {
    const { keys, windowMs, now } = store.getState();
    if (keys.length === 0) return;
    try {
      const reply = await backend.api.getHistory({ keys, sinceMs: Math.max(0, (now ?? clock()) - windowMs) });
      // Only the keys still charted: one removed while the call was out stays removed.
      const current = new Set(store.getState().keys);
      store.setState({
        series: reply.series.filter((s) => current.has(s.key)),
        unknown: reply.unknown.filter((k) => current.has(k)),
        now: reply.now,
        error: null,
      });
    } catch (err) {
      store.setState({ error: errorText(err) });
    }
  }

  return Object.assign(store, {
    poll: (periodMs: number) => pollWhileOpen(backend, () => store.getState().refresh(), periodMs),
  });
}
