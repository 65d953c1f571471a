import { describe, expect, it } from 'vitest';
import type { Api, Status } from '../../../core/contract';
import { fromIpc, ipcBackend } from './adapters';
import { ApiError } from './backend';
import { unusedApi } from '../test-support/fake-backend';

const STATUS: Status = {
  version: '0.1.0',
  mode: 'desktop',
  startedAt: '2026-01-01T00:00:00.000Z',
  uptimeMs: 0,
  state: 'idle',
  stateDetail: null,
  project: null,
};

describe('IPC api adapter', () => {
  it('passes calls and events through to the preload object, always connected', async () => {
    const seen: string[] = [];
    const preload: Api = {
      ...unusedApi(),
      getStatus: async () => STATUS,
      getDiagnostics: async (params) => ({ entries: [], capacity: params.limit ?? 0, dropped: 0 }),
      sclOverview: async () => ({ file: 'a.scd', edition: '2003', ieds: [], warnings: [] }),
      sclIed: () => Promise.reject(new Error('[handler-failed] no IED named \'X\' in a.scd; it has no IED')),
      on: (event, listener) => {
        seen.push(event);
        (listener as (s: Status) => void)(STATUS);
        return () => seen.push('off');
      },
    };
    const backend = ipcBackend(preload);
    expect(backend.connection.get()).toMatchObject({ transport: 'ipc', state: 'open', url: null });
    await expect(backend.api.getStatus({})).resolves.toEqual(STATUS);
    await expect(backend.api.sclOverview({ path: 'a.scd' })).resolves.toEqual({ file: 'a.scd', edition: '2003', ieds: [], warnings: [] });
    await expect(backend.api.sclIed({ path: 'a.scd', ied: 'X' })).rejects.toMatchObject({ code: 'handler-failed', message: "no IED named 'X' in a.scd; it has no IED" });
    await expect(backend.api.getDiagnostics({ limit: 7 })).resolves.toMatchObject({ capacity: 7 });
    const off = backend.api.on('statusChanged', (s) => seen.push(s.mode));
    off();
    expect(seen).toEqual(['statusChanged', 'desktop', 'off']);
  });

  it.each([
    [
      '[bad-params] getDiagnostics params: limit: too big',
      'bad-params',
      'getDiagnostics params: limit: too big',
    ],
    ['Error: [handler-failed] disk full', 'handler-failed', 'disk full'],
    [
      '[untrusted-sender] getStatus refused:\nsecond line',
      'untrusted-sender',
      'getStatus refused:\nsecond line',
    ],
    ['something else broke', 'ipc-failed', 'something else broke'],
  ])('turns the rejection %j into ApiError %s', async (message, code, text) => {
    const error = await fromIpc(Promise.reject(new Error(message))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code, message: text });
  });
});
