import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostics, GetDiagnosticsParams, LogEntry, LogLevel } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { atLeast, createDiagnosticsStore, filterEntries, logSources, MAX_UI_ENTRIES } from './diagnostics';

function entry(seq: number, level: LogLevel = 'info'): LogEntry {
  return { seq, time: '2026-01-01T00:00:00.000Z', level, source: 'service', message: `entry ${seq}` };
}

/** A service log holding `log`; answers afterSeq like core/service's DiagnosticsLog. */
function serviceLog(log: LogEntry[], calls: GetDiagnosticsParams[] = []) {
  return async (params: GetDiagnosticsParams): Promise<Diagnostics> => {
    calls.push(params);
    const after = params.afterSeq ?? -1;
    return {
      entries: log.filter((e) => e.seq > after).slice(-(params.limit ?? 1000)),
      capacity: 2000,
      dropped: 0,
    };
  };
}

describe('diagnostics store', () => {
  afterEach(() => vi.useRealTimers());

  it('fetches the log, then only what came after the last entry', async () => {
    const log = [entry(0), entry(1)];
    const calls: GetDiagnosticsParams[] = [];
    const store = createDiagnosticsStore(fakeBackend({ getDiagnostics: serviceLog(log, calls) }).backend);
    await store.getState().refresh();
    log.push(entry(2, 'warn'));
    await store.getState().refresh();
    expect(calls).toEqual([{}, { afterSeq: 1 }]);
    expect(store.getState().entries.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(store.getState()).toMatchObject({ capacity: 2000, dropped: 0, loading: false, error: null });
  });

  it('keeps at most MAX_UI_ENTRIES, dropping the oldest and counting them', async () => {
    const log = Array.from({ length: MAX_UI_ENTRIES }, (_, i) => entry(i));
    const store = createDiagnosticsStore(fakeBackend({ getDiagnostics: serviceLog(log) }).backend);
    await store.getState().refresh();
    log.push(entry(MAX_UI_ENTRIES), entry(MAX_UI_ENTRIES + 1));
    await store.getState().refresh();
    const { entries, trimmed } = store.getState();
    expect(entries).toHaveLength(MAX_UI_ENTRIES);
    expect(entries[0]?.seq).toBe(2);
    expect(entries.at(-1)?.seq).toBe(MAX_UI_ENTRIES + 1);
    expect(trimmed).toBe(2);
  });

  it('shares one request between overlapping refreshes', async () => {
    const calls: GetDiagnosticsParams[] = [];
    const store = createDiagnosticsStore(
      fakeBackend({ getDiagnostics: serviceLog([entry(0)], calls) }).backend,
    );
    await Promise.all([store.getState().refresh(), store.getState().refresh()]);
    expect(calls).toHaveLength(1);
    expect(store.getState().entries).toHaveLength(1);
  });

  it('keeps the entries it has and reports the error when a refresh fails', async () => {
    let fail = false;
    const ok = serviceLog([entry(0)]);
    const store = createDiagnosticsStore(
      fakeBackend({ getDiagnostics: (p) => (fail ? Promise.reject(new Error('connection closed')) : ok(p)) })
        .backend,
    );
    await store.getState().refresh();
    fail = true;
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ error: 'connection closed', loading: false });
    expect(store.getState().entries).toHaveLength(1);
  });

  it('starts afresh after a reconnection, since the service may have restarted', async () => {
    const log = [entry(0), entry(1), entry(2)];
    const fake = fakeBackend({ getDiagnostics: serviceLog(log) });
    const store = createDiagnosticsStore(fake.backend);
    await store.getState().refresh();
    log.splice(0, log.length, entry(0, 'warn'));
    fake.connection.set({ state: 'closed' });
    fake.connection.set({ state: 'open' });
    await vi.waitFor(() => expect(store.getState().entries).toEqual([entry(0, 'warn')]));
  });

  it('polls while the connection is open, and stops when told', async () => {
    vi.useFakeTimers();
    const calls: GetDiagnosticsParams[] = [];
    const fake = fakeBackend({ getDiagnostics: serviceLog([], calls) });
    const store = createDiagnosticsStore(fake.backend);
    const stop = store.poll(2000);
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toHaveLength(3);
    fake.connection.set({ state: 'closed' });
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toHaveLength(3);
    stop();
    fake.connection.set({ state: 'open' }); // the reconnection fetch
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toHaveLength(4);
  });
});

describe('atLeast', () => {
  it.each([
    ['debug', 'debug', true],
    ['info', 'warn', false],
    ['warn', 'warn', true],
    ['error', 'info', true],
    ['debug', 'error', false],
  ] as const)('%s passes min %s: %s', (level, min, expected) => {
    expect(atLeast(level, min)).toBe(expected);
  });
});

describe('filterEntries and logSources', () => {
  const log: LogEntry[] = [
    { seq: 1, time: 't', level: 'info', source: 'service', message: 'RelayGate started' },
    { seq: 2, time: 't', level: 'warn', source: 'ied:FDR1', message: 'RCB brcbProt01 held by another client' },
    { seq: 3, time: 't', level: 'info', source: 'runtime', message: 'state running' },
    { seq: 4, time: 't', level: 'error', source: 'ied:FDR2', message: 'connection refused' },
    { seq: 5, time: 't', level: 'info', source: 'ied:FDR1', message: 'connected' },
  ];
  const seqs = (filter: Partial<Parameters<typeof filterEntries>[1]>) => filterEntries(log, { minLevel: 'debug', source: '', text: '', ...filter }).map((e) => e.seq);

  it('filters by level, source and text together, newest first', () => {
    expect(seqs({})).toEqual([5, 4, 3, 2, 1]);
    expect(seqs({ minLevel: 'warn' })).toEqual([4, 2]);
    expect(seqs({ source: 'ied:FDR1' })).toEqual([5, 2]);
    expect(seqs({ source: 'ied:FDR1', minLevel: 'warn' })).toEqual([2]);
    expect(seqs({ text: '  HELD by ' })).toEqual([2]);
    expect(seqs({ text: 'fdr2' })).toEqual([4]); // the source is searched too
    expect(seqs({ text: 'nothing like it' })).toEqual([]);
  });

  it('lists each source once, the IEDs last', () => {
    expect(logSources(log)).toEqual(['runtime', 'service', 'ied:FDR1', 'ied:FDR2']);
  });

  it('keeps the filters in the store, apart from the entries', async () => {
    const store = createDiagnosticsStore(fakeBackend({ getDiagnostics: serviceLog(log) }).backend);
    store.getState().setSource('ied:FDR1');
    store.getState().setText('held');
    await store.getState().refresh();
    const { entries, minLevel, source, text } = store.getState();
    expect(entries).toHaveLength(5);
    expect(filterEntries(entries, { minLevel, source, text }).map((e) => e.seq)).toEqual([2]);
  });
});
