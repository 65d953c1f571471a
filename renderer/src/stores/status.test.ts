import { describe, expect, it } from 'vitest';
import type { Status } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { createStatusStore } from './status';

const STATUS: Status = {
  version: '0.1.0',
  mode: 'serve',
  startedAt: '2026-01-01T00:00:00.000Z',
  uptimeMs: 1000,
  state: 'idle',
  stateDetail: null,
  project: null,
};

const settle = () => new Promise((ok) => setTimeout(ok, 0));

describe('status store', () => {
  it('asks getStatus at once when the connection is already open (IPC)', async () => {
    const fake = fakeBackend({ getStatus: async () => STATUS });
    const store = createStatusStore(fake.backend);
    await settle();
    expect(store.getState().status).toEqual(STATUS);
  });

  it('asks getStatus on each (re)connection and follows statusChanged in between', async () => {
    let calls = 0;
    const fake = fakeBackend({
      state: 'connecting',
      getStatus: async () => ({ ...STATUS, uptimeMs: ++calls * 10_000 }),
    });
    const store = createStatusStore(fake.backend);
    expect(store.getState().status).toBeNull();
    fake.connection.set({ state: 'open' });
    await settle();
    expect(store.getState().status?.uptimeMs).toBe(10_000);
    fake.push({ ...STATUS, uptimeMs: 11_000, state: 'running' });
    expect(store.getState().status).toMatchObject({ uptimeMs: 11_000, state: 'running' });
    fake.connection.set({ state: 'closed', lastError: 'code 1006' });
    expect(store.getState().connection).toMatchObject({ state: 'closed', lastError: 'code 1006' });
    fake.connection.set({ state: 'connecting' });
    fake.connection.set({ state: 'open' });
    await settle();
    expect(calls).toBe(2);
    expect(store.getState().status?.uptimeMs).toBe(20_000);
  });

  it('records why getStatus failed, and clears it when a status arrives', async () => {
    const fake = fakeBackend({ getStatus: async () => Promise.reject(new Error('no reply')) });
    const store = createStatusStore(fake.backend);
    await settle();
    expect(store.getState()).toMatchObject({ status: null, error: 'no reply' });
    fake.push(STATUS);
    expect(store.getState()).toMatchObject({ status: STATUS, error: null });
  });

  it('unsubscribes on dispose', () => {
    const fake = fakeBackend({ getStatus: async () => STATUS });
    const store = createStatusStore(fake.backend);
    expect(fake.listenerCount()).toBe(1);
    store.dispose();
    expect(fake.listenerCount()).toBe(0);
  });
});
