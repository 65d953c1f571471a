import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LogEntry, LogLevel } from '../../../core/contract';
import type { Backend } from '../api/backend';
import { pollWhileOpen } from './poll';
import { errorText } from '../error-text';

/** The most entries the UI keeps; older ones are dropped first. Matches the server's page size. */
export const MAX_UI_ENTRIES = 1000;

export const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface DiagnosticsState {
  /** Oldest first, at most MAX_UI_ENTRIES. */
  entries: LogEntry[];
  /** Capacity of the service's ring buffer and how many it discarded, from the last reply. */
  capacity: number | null;
  dropped: number;
  /** Entries this view discarded to stay within MAX_UI_ENTRIES. */
  trimmed: number;
  minLevel: LogLevel;
  /** Only entries from this source (`ied:FDR1`, `runtime`, ...); '' for all. */
  source: string;
  /** Only entries whose message or source holds this text (case-insensitive); '' for all. */
  text: string;
  loading: boolean;
  error: string | null;
  setMinLevel(level: LogLevel): void;
  setSource(source: string): void;
  setText(text: string): void;
  /** Fetches what arrived since the last entry held. */
  refresh(): Promise<void>;
}

export interface DiagnosticsStore extends StoreApi<DiagnosticsState> {
  /** Refreshes now and then every periodMs while the connection is open; returns the stop function. */
  poll(periodMs: number): () => void;
  dispose(): void;
}

/** True when an entry at `level` passes the filter `min`. */
export function atLeast(level: LogLevel, min: LogLevel): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(min);
}

export interface LogFilter {
  minLevel: LogLevel;
  source: string;
  text: string;
}

/** The entries that pass the filter, newest first (what just happened is what an engineer looks for). */
export function filterEntries(entries: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  const needle = filter.text.trim().toLowerCase();
  const out: LogEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (!atLeast(e.level, filter.minLevel)) continue;
    if (filter.source && e.source !== filter.source) continue;
    if (needle && !e.message.toLowerCase().includes(needle) && !e.source.toLowerCase().includes(needle)) continue;
    out.push(e);
  }
  return out;
}

/** The sources seen, sorted, for the source filter: `ied:…` after the others. */
export function logSources(entries: readonly LogEntry[]): string[] {
  const ied = (s: string) => (s.startsWith('ied:') ? 1 : 0);
  return [...new Set(entries.map((e) => e.source))].sort((a, b) => ied(a) - ied(b) || a.localeCompare(b));
}

/**
 * The service's diagnostics log, fetched incrementally with getDiagnostics({afterSeq}). The level filter
 * applies locally, so changing it needs no round trip. A new connection may be a restarted service whose
 * sequence numbers start again, so the log is fetched afresh after every reconnection.
 */
export function createDiagnosticsStore(backend: Backend): DiagnosticsStore {
  let inFlight: Promise<void> | null = null;
  const store = createStore<DiagnosticsState>((set, get) => ({
    entries: [],
    capacity: null,
    dropped: 0,
    trimmed: 0,
    minLevel: 'debug',
    source: '',
    text: '',
    loading: false,
    error: null,
    setMinLevel: (minLevel) => set({ minLevel }),
    setSource: (source) => set({ source }),
    setText: (text) => set({ text }),
    refresh: () => {
      inFlight ??= load(get, set).finally(() => (inFlight = null));
      return inFlight;
    },
  }));

  async function load(
    get: () => DiagnosticsState,
    set: (p: Partial<DiagnosticsState>) => void,
  ): Promise<void> {
    const last = get().entries.at(-1);
    set({ loading: true });
    try {
      const reply = await backend.api.getDiagnostics(last ? { afterSeq: last.seq } : {});
      set({ capacity: reply.capacity, dropped: reply.dropped, error: null });
      // Nothing new: the list stays the same array, so the log is not filtered and drawn again.
      if (reply.entries.length === 0) return;
      const all = [...get().entries, ...reply.entries];
      const excess = Math.max(0, all.length - MAX_UI_ENTRIES);
      set({ entries: excess > 0 ? all.slice(excess) : all, trimmed: get().trimmed + excess });
    } catch (err) {
      set({ error: errorText(err) });
    } finally {
      set({ loading: false });
    }
  }

  let wasOpen = backend.connection.get().state === 'open';
  const unsubscribe = backend.connection.subscribe((info) => {
    const open = info.state === 'open';
    if (open && !wasOpen) {
      store.setState({ entries: [], trimmed: 0, capacity: null, dropped: 0 });
      void store.getState().refresh();
    }
    wasOpen = open;
  });

  return Object.assign(store, {
    poll: (periodMs: number) => pollWhileOpen(backend, () => store.getState().refresh(), periodMs),
    dispose: unsubscribe,
  });
}
