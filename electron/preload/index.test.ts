import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, type Api } from '../../core/contract';

// The preload talks to Electron only through these two objects; the test stands in for both.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn<(channel: string, params: unknown) => Promise<unknown>>(),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      electron.listeners.set(channel, set);
      set.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      electron.listeners.get(channel)?.delete(listener);
    },
  },
}));

await import('./index');
const api = electron.exposed.get('relaygate') as Api;

describe('preload bridge', () => {
  beforeEach(() => electron.invoke.mockReset());

  it('exposes one method per channel plus on, and nothing else (no ipcRenderer)', () => {
    expect([...electron.exposed.keys()]).toEqual(['relaygate']);
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
  });

  it('invokes the channel of each method with the params and resolves with the result', async () => {
    electron.invoke.mockResolvedValue({ ok: true, result: { entries: [], capacity: 5, dropped: 0 } });
    await expect(api.getDiagnostics({ limit: 5 })).resolves.toEqual({ entries: [], capacity: 5, dropped: 0 });
    expect(electron.invoke).toHaveBeenCalledWith('relaygate:call:getDiagnostics', { limit: 5 });
  });

  it('rejects with an Error carrying the code in its message', async () => {
    electron.invoke.mockResolvedValue({
      ok: false,
      error: { code: 'bad-params', message: 'getStatus params: x' },
    });
    await expect(api.getStatus({})).rejects.toThrow('[bad-params] getStatus params: x');
  });

  it('delivers event payloads without the IPC event, until unsubscribed', () => {
    const seen: unknown[] = [];
    const off = api.on('statusChanged', (payload) => seen.push(payload));
    const emit = (payload: unknown) =>
      electron.listeners
        .get('relaygate:event:statusChanged')
        ?.forEach((l) => l({ sender: 'secret' }, payload));
    emit({ uptimeMs: 1 });
    off();
    emit({ uptimeMs: 2 });
    expect(seen).toEqual([{ uptimeMs: 1 }]);
  });

  it('refuses events the contract does not declare', () => {
    expect(() => api.on('toString' as 'statusChanged', () => undefined)).toThrow(
      /unknown RelayGate event 'toString'/,
    );
  });
});
