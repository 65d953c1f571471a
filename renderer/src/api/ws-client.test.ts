import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PointBatch, PointState, Status } from '../../../core/contract';
import { PointRowsEncoder } from '../../../core/contract/point-rows';
import { fakeSockets } from '../test-support/fake-socket';
import { apiUrl, wsBackend } from './adapters';
import { ApiError } from './backend';

const STATUS: Status = {
  version: '0.1.0',
  mode: 'serve',
  startedAt: '2026-01-01T00:00:00.000Z',
  uptimeMs: 1500,
  state: 'idle',
  stateDetail: null,
  project: null,
};

describe('WebSocket api adapter', () => {
  let net: ReturnType<typeof fakeSockets>;
  beforeEach(() => {
    vi.useFakeTimers();
    net = fakeSockets();
  });
  afterEach(() => vi.useRealTimers());

  const connect = (options = {}) =>
    wsBackend('ws://127.0.0.1:8061/api', { createSocket: net.create, ...options });

  it('sends {id, method, params} and resolves with the matching result', async () => {
    const { api, connection } = connect();
    expect(connection.get().state).toBe('connecting');
    net.last().open();
    const reply = api.getStatus({});
    expect(net.last().sent).toEqual([{ id: 1, method: 'getStatus', params: {} }]);
    net.last().receive({ id: 1, result: STATUS });
    await expect(reply).resolves.toEqual(STATUS);
  });

  it('matches replies by id, not by order', async () => {
    const { api } = connect();
    net.last().open();
    const first = api.getDiagnostics({ limit: 1 });
    const second = api.getStatus({});
    net.last().receive({ id: 2, result: STATUS });
    net.last().receive({ id: 1, result: { entries: [], capacity: 10, dropped: 0 } });
    await expect(second).resolves.toEqual(STATUS);
    await expect(first).resolves.toEqual({ entries: [], capacity: 10, dropped: 0 });
  });

  it('holds calls made while connecting and sends them on open', async () => {
    const { api } = connect();
    const reply = api.getStatus({});
    expect(net.last().sent).toEqual([]);
    net.last().open();
    expect(net.last().sent).toEqual([{ id: 1, method: 'getStatus', params: {} }]);
    net.last().receive({ id: 1, result: STATUS });
    await expect(reply).resolves.toEqual(STATUS);
  });

  it('rejects with the server error code and message', async () => {
    const { api } = connect();
    net.last().open();
    const reply = api.getDiagnostics({ limit: 5 });
    net
      .last()
      .receive({ id: 1, error: { code: 'bad-params', message: 'getDiagnostics params: limit: too big' } });
    const error = await reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'bad-params', message: 'getDiagnostics params: limit: too big' });
  });

  it('rejects every pending call when the socket closes, then reconnects with growing delays', async () => {
    const { api, connection } = connect({ initialRetryMs: 100, maxRetryMs: 250 });
    net.last().open();
    const sent = api.getStatus({});
    const other = api.getDiagnostics({});
    net.last().drop(1006);
    await expect(sent).rejects.toMatchObject({
      code: 'disconnected',
      message: expect.stringContaining('code 1006'),
    });
    await expect(other).rejects.toMatchObject({ code: 'disconnected' });
    expect(connection.get()).toMatchObject({ state: 'closed', retryInMs: 100, lastError: 'code 1006' });
    await expect(api.getStatus({})).rejects.toMatchObject({ code: 'disconnected' });

    vi.advanceTimersByTime(100);
    expect(net.sockets).toHaveLength(2);
    expect(connection.get().state).toBe('connecting');
    net.last().drop(1006);
    expect(connection.get().retryInMs).toBe(200);
    vi.advanceTimersByTime(200);
    net.last().drop(1006);
    expect(connection.get().retryInMs).toBe(250);
    vi.advanceTimersByTime(250);
    net.last().open();
    expect(connection.get()).toMatchObject({ state: 'open', lastError: null });
  });

  it('rejects calls queued while connecting when that attempt fails', async () => {
    const { api } = connect();
    const queued = api.getStatus({});
    net.last().drop(1006);
    await expect(queued).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('times out a call that gets no reply', async () => {
    const { api } = connect({ requestTimeoutMs: 1000 });
    net.last().open();
    const reply = api.getStatus({});
    vi.advanceTimersByTime(1000);
    await expect(reply).rejects.toMatchObject({ code: 'timeout' });
    net.last().receive({ id: 1, result: STATUS }); // a late reply is ignored
  });

  it('refuses calls beyond the queue limit while connecting', async () => {
    const { api } = connect({ maxQueued: 2 });
    void api.getStatus({}).catch(() => undefined);
    void api.getStatus({}).catch(() => undefined);
    await expect(api.getStatus({})).rejects.toMatchObject({ code: 'busy' });
  });

  it('delivers pushed events to listeners until they unsubscribe', () => {
    const { api } = connect();
    net.last().open();
    const seen: number[] = [];
    const off = api.on('statusChanged', (s) => seen.push(s.uptimeMs));
    net.last().receive({ event: 'statusChanged', payload: STATUS });
    off();
    net.last().receive({ event: 'statusChanged', payload: { ...STATUS, uptimeMs: 2500 } });
    expect(seen).toEqual([1500]);
  });

  it('asks for pointBatch in rows form and hands listeners the whole batch, on each new connection', () => {
    const { api } = connect({ initialRetryMs: 10 });
    expect(net.last().url).toBe('ws://127.0.0.1:8061/api?pointBatch=rows');
    net.last().open();
    const seen: PointBatch[] = [];
    api.on('pointBatch', (b) => seen.push(b));
    const server = new PointRowsEncoder();
    const batches = [1, 2].map((n): PointBatch => ({ batch: n, changes: [point('A/p1', n), point('A/p2', 10 * n)] }));
    for (const b of batches) net.last().receive({ event: 'pointBatch', encoding: 'rows', payload: server.encode(b) });
    expect(seen).toEqual(batches);
    // A new connection: the server starts its tables again, and so does the client.
    net.last().drop();
    vi.advanceTimersByTime(10);
    net.last().open();
    const again: PointBatch = { batch: 1, changes: [point('A/p2', 7)] };
    net.last().receive({ event: 'pointBatch', encoding: 'rows', payload: new PointRowsEncoder().encode(again) });
    expect(seen.at(-1)).toEqual(again);
  });

  it('closes the connection on a rows batch it cannot decode, and passes nothing on', () => {
    const { api } = connect();
    net.last().open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const seen: PointBatch[] = [];
    api.on('pointBatch', (b) => seen.push(b));
    net.last().receive({ event: 'pointBatch', encoding: 'rows', payload: { batch: 3, rows: [[5, 1, 1, null, null, null, 1, 1, 'poll', 'ok', false, null, 0]] } });
    expect(seen).toEqual([]);
    expect(net.last().closedWith).toEqual({ code: 4002, reason: 'undecodable pointBatch' });
    expect(warn.mock.calls[0]?.[0]).toMatch(/batch 3 row 0 names point 5, which the connection was never told; reconnecting/);
    warn.mockRestore();
  });

  it('keeps delivering when one listener throws', () => {
    const { api } = connect();
    net.last().open();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    api.on('statusChanged', () => {
      throw new Error('boom');
    });
    api.on('statusChanged', (s) => seen.push(s.state));
    net.last().receive({ event: 'statusChanged', payload: STATUS });
    expect(seen).toEqual(['idle']);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('ignores garbage from the server without failing pending calls', async () => {
    const { api } = connect();
    net.last().open();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reply = api.getStatus({});
    net.last().receive('{not json');
    net.last().receive('42');
    net.last().receive({ id: 99, result: 'nobody asked' });
    net.last().receive({ id: null, error: { code: 'bad-json', message: 'x' } });
    net.last().receive({ id: 1, result: STATUS });
    await expect(reply).resolves.toEqual(STATUS);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('stops for good: closes the socket, rejects calls, never reconnects', async () => {
    const backend = connect({ initialRetryMs: 10 });
    net.last().open();
    const reply = backend.api.getStatus({});
    backend.client.stop();
    await expect(reply).rejects.toMatchObject({ code: 'closed' });
    expect(net.last().closedWith).toEqual({ code: 1000, reason: 'client stopped' });
    vi.advanceTimersByTime(1000);
    expect(net.sockets).toHaveLength(1);
    await expect(backend.api.getStatus({})).rejects.toMatchObject({ code: 'closed' });
  });

  it('reports a URL the socket cannot open as a closed connection and retries', () => {
    const { connection } = wsBackend('ws:///api', {
      createSocket: () => {
        throw new SyntaxError('invalid URL');
      },
      initialRetryMs: 50,
    });
    expect(connection.get()).toMatchObject({
      state: 'closed',
      lastError: 'cannot open ws:///api: invalid URL',
      retryInMs: 50,
    });
  });
});

function point(key: string, value: number): PointState {
  const [ied = '', id = ''] = key.split('/');
  return {
    key, ied, point: id, ref: `${ied}LD0/GGIO1.AnIn1.mag.f`, fc: 'MX', type: 'float32', value, numeric: value,
    quality: { validity: 'good', flags: [], source: 'process', test: false, operatorBlocked: false, raw: 0, text: 'good' },
    deviceTime: null, timeQuality: null, localTime: 1, seq: value, source: 'poll', status: 'ok', test: false, reason: null,
  };
}

describe('apiUrl', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:8061' }, 'ws://127.0.0.1:8061/api'],
    [{ protocol: 'https:', host: 'gw.example:443' }, 'wss://gw.example:443/api'],
    [{ protocol: 'http:', host: '[::1]:8061' }, 'ws://[::1]:8061/api'],
  ])('%o → %s', (location, url) => {
    expect(apiUrl(location)).toBe(url);
  });
});
