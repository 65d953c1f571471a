import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TrafficRecordDto } from '../../../core/contract';
import type { Backend } from '../api/backend';
import { pollWhileOpen } from './poll';
import { errorText } from '../error-text';

/** The most PDUs the viewer keeps; older ones are dropped first (the service's tap keeps fewer). */
export const MAX_TRAFFIC_RECORDS = 1000;

export interface TrafficState {
  /** The IED whose association is shown; null before one is chosen. */
  ied: string | null;
  /** Oldest first, at most MAX_TRAFFIC_RECORDS. */
  records: TrafficRecordDto[];
  /** The last sequence number fetched (also after a clear, so cleared PDUs do not come back). */
  lastSeq: number;
  /** The tap's capacity and the PDUs it dropped, from the last reply. */
  capacity: number | null;
  dropped: number;
  paused: boolean;
  /** The PDU shown in detail. */
  selected: number | null;
  error: string | null;
  setIed(ied: string | null): void;
  setPaused(paused: boolean): void;
  /** Empties the list; later PDUs still arrive. */
  clear(): void;
  select(seq: number | null): void;
  /** Fetches the PDUs after lastSeq, unless paused or no IED is chosen. */
  refresh(): Promise<void>;
}

export interface TrafficStore extends StoreApi<TrafficState> {
  /** Refreshes now and every periodMs while the connection is open; returns the stop function. */
  poll(periodMs: number): () => void;
  dispose(): void;
}

/**
 * One IED's MMS traffic, fetched incrementally with getTraffic({ied, afterSeq}). Each runtime start
 * makes new taps whose numbering starts again, so a start (or a new connection) fetches afresh.
 */
export function createTrafficStore(backend: Backend): TrafficStore {
  let inFlight: Promise<void> | null = null;
  const fresh = { records: [], lastSeq: 0, capacity: null, dropped: 0, selected: null, error: null };
  const store = createStore<TrafficState>((set, get) => ({
    ied: null,
    paused: false,
    ...fresh,
    setIed: (ied) => {
      if (ied !== get().ied) set({ ied, ...fresh });
    },
    setPaused: (paused) => set({ paused }),
    clear: () => set({ records: [], selected: null }),
    select: (selected) => set({ selected }),
    refresh: () => {
      inFlight ??= load().finally(() => (inFlight = null));
      return inFlight;
    },
  }));

  async function load(): Promise<void> {
    const { ied, paused, lastSeq } = store.getState();
    if (!ied || paused) return;
    try {
      const reply = await backend.api.getTraffic({ ied, afterSeq: lastSeq });
      const now = store.getState();
      if (now.ied !== ied || now.lastSeq !== lastSeq) return; // changed meanwhile: this reply is stale
      const all = reply.records.length ? [...now.records, ...reply.records] : now.records;
      const excess = Math.max(0, all.length - MAX_TRAFFIC_RECORDS);
      store.setState({
        records: excess ? all.slice(excess) : all,
        lastSeq: reply.records.at(-1)?.seq ?? lastSeq,
        capacity: reply.capacity,
        dropped: reply.dropped,
        error: null,
      });
    } catch (err) {
      store.setState({ error: errorText(err) });
    }
  }

  const restart = () => store.setState({ ...fresh });
  let wasRunning = false;
  const offStatus = backend.api.on('statusChanged', (status) => {
    const running = status.state === 'running';
    if (running && !wasRunning) restart();
    wasRunning = running;
  });
  let wasOpen = backend.connection.get().state === 'open';
  const offConnection = backend.connection.subscribe((info) => {
    const open = info.state === 'open';
    if (open && !wasOpen) restart();
    wasOpen = open;
  });

  return Object.assign(store, {
    poll: (periodMs: number) => pollWhileOpen(backend, () => store.getState().refresh(), periodMs),
    dispose: () => {
      offStatus();
      offConnection();
    },
  });
}
