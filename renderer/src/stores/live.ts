import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IedStatus, PointBatch, PointState } from '../../../core/contract';
import type { Backend } from '../api/backend';
import { errorText } from '../error-text';

export interface LiveState {
  /** Bumped by every change applied: a component that lists points re-reads on it. */
  version: number;
  /** Latest state per point key. The map is updated in place; each changed point is a new object. */
  points: ReadonlyMap<string, PointState>;
  /** Keys in the order the service first gave them (project order). */
  order: readonly string[];
  /** The last batch number applied; a later one that skips numbers makes the store ask for a snapshot. */
  lastBatch: number;
  ieds: ReadonlyMap<string, IedStatus>;
  iedVersion: number;
  loading: boolean;
  error: string | null;
}

export interface LiveStore extends StoreApi<LiveState> {
  /** A fresh snapshot of points and IED statuses (the runtime started, or a gap in the batches). */
  refresh(): Promise<void>;
  dispose(): void;
}

/**
 * Live point values and IED states: one snapshot (getPoints, getIedStatus), then change batches
 * (pointBatch, at most ten a second) and IED statuses (iedStatusChanged) applied as they arrive. Each
 * state in a batch is whole, so a batch applied twice is harmless; a batch older than the snapshot is
 * dropped, and a gap after it asks for a new snapshot (what was missed is in it). While the runtime
 * runs, IED statuses are also fetched every `iedRefreshMs`: their counters and each LD's Mod/Beh change
 * without a state change that would push them.
 */
export interface LiveStoreOptions {
  /** How often IED statuses are fetched again while running (default 2 s). */
  iedRefreshMs?: number;
  /** Points per getPoints page (default 2000). */
  pageSize?: number;
  /**
   * Runs a notification later (the browser: at the next animation frame), so that batches arriving
   * together make one render. Absent: subscribers are told at once (tests).
   */
  defer?: (notify: () => void) => void;
}

export function createLiveStore(backend: Backend, options: LiveStoreOptions = {}): LiveStore {
  const { iedRefreshMs = 2000, pageSize = 2000, defer } = options;
  const points = new Map<string, PointState>();
  const ieds = new Map<string, IedStatus>();
  let order: string[] = [];
  let refreshing: Promise<void> | null = null;
  const store = createStore<LiveState>(() => ({
    version: 0,
    points,
    order,
    lastBatch: 0,
    ieds,
    iedVersion: 0,
    loading: false,
    error: null,
  }));

  const applyStates = (states: readonly PointState[]): boolean => {
    let added = false;
    for (const s of states) {
      if (!points.has(s.key)) {
        order.push(s.key);
        added = true;
      }
      points.set(s.key, s);
    }
    return added;
  };

  // Batches are applied to the map as they arrive; subscribers hear of them once per deferral.
  let lastBatch = 0;
  let pending: { added: boolean } | null = null;
  const notify = (): void => {
    const added = pending?.added ?? false;
    pending = null;
    store.setState((s) => ({ version: s.version + 1, lastBatch, ...(added ? { order: [...order] } : {}) }));
  };

  const onBatch = (batch: PointBatch): void => {
    if (batch.batch <= lastBatch) return;
    const gap = lastBatch > 0 && batch.batch > lastBatch + 1;
    const added = applyStates(batch.changes);
    lastBatch = batch.batch;
    if (pending) pending.added ||= added;
    else {
      pending = { added };
      if (defer) defer(notify);
      else notify();
    }
    if (gap && !store.getState().loading) void refresh();
  };

  const onIed = (status: IedStatus): void => {
    ieds.set(status.id, status);
    store.setState((s) => ({ iedVersion: s.iedVersion + 1 }));
  };

  /**
   * The snapshot in pages: each page is as new as when it was taken, and batches that arrived before
   * it are older than it, so applying pages as they come, over the batches, keeps every point current.
   */
  async function load(): Promise<void> {
    store.setState({ loading: true });
    try {
      const [first, status] = await Promise.all([backend.api.getPoints({ offset: 0, limit: pageSize }), backend.api.getIedStatus({})]);
      points.clear();
      order = [];
      applyStates(first.points);
      ieds.clear();
      for (const i of status.ieds) ieds.set(i.id, i);
      lastBatch = first.batch;
      store.setState((s) => ({ version: s.version + 1, iedVersion: s.iedVersion + 1, order: [...order], lastBatch }));
      for (let offset = first.points.length; offset < first.total && first.points.length > 0; ) {
        const page = await backend.api.getPoints({ offset, limit: pageSize });
        if (page.points.length === 0) break;
        applyStates(page.points);
        offset += page.points.length;
        store.setState((s) => ({ version: s.version + 1, order: [...order] }));
      }
      store.setState({ loading: false, error: null });
    } catch (err) {
      store.setState({ loading: false, error: errorText(err) });
    }
  }

  function refresh(): Promise<void> {
    refreshing ??= load().finally(() => (refreshing = null));
    return refreshing;
  }

  let wasRunning = false;
  const iedTimer = setInterval(() => {
    if (!wasRunning || backend.connection.get().state !== 'open') return;
    backend.api.getIedStatus({}).then((status) => {
      for (const i of status.ieds) ieds.set(i.id, i);
      store.setState((s) => ({ iedVersion: s.iedVersion + 1 }));
    }, () => undefined);
  }, iedRefreshMs);
  const unsubscribers = [
    () => clearInterval(iedTimer),
    backend.api.on('pointBatch', onBatch),
    backend.api.on('iedStatusChanged', onIed),
    backend.api.on('statusChanged', (status) => {
      const running = status.state === 'running';
      if (running && !wasRunning) void refresh();
      wasRunning = running;
    }),
    backend.connection.subscribe((c) => {
      if (c.state === 'open') void refresh();
    }),
  ];
  if (backend.connection.get().state === 'open') void refresh();
  return Object.assign(store, {
    refresh,
    dispose: () => unsubscribers.forEach((u) => u()),
  });
}
