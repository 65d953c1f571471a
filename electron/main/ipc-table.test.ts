import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, StatusSchema, type ServiceHandlers } from '../../core/contract';
import { GatewayService } from '../../core/service';
import {
  forwardEvents,
  ipcHandlerTable,
  registerIpcHandlers,
  type IpcMainLike,
  type InvokeEventLike,
} from './ipc-table';

const OWN = { senderFrame: { url: 'file:///app/dist/renderer/index.html#/ieds' } };

/** An ipcMain stand-in: records handlers and lets the test invoke them as the page would. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invoke = (channel: string, params?: unknown, event: InvokeEventLike = OWN) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, params);
  };
  return { ipc, handlers, invoke };
}

const trusted = (event: InvokeEventLike) =>
  event.senderFrame?.url.startsWith('file:///app/dist/renderer/') === true;

describe('IPC binding of the service contract', () => {
  const services: GatewayService[] = [];
  const newService = () => {
    const service = new GatewayService({ mode: 'desktop', version: '9.8.7', statusPeriodMs: 0 });
    services.push(service);
    return service;
  };
  afterEach(() => services.splice(0).forEach((s) => s.dispose()));

  it('registers exactly one handler per contract channel, and removes them all', () => {
    const { ipc, handlers } = fakeIpcMain();
    const dispose = registerIpcHandlers(ipc, ipcHandlerTable(newService()), trusted);
    expect([...handlers.keys()].sort()).toEqual(channelNames.map((n) => `relaygate:call:${n}`).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers getStatus from the service, with or without params', async () => {
    const { ipc, invoke } = fakeIpcMain();
    registerIpcHandlers(ipc, ipcHandlerTable(newService()), trusted);
    for (const params of [{}, undefined]) {
      const reply = (await invoke('relaygate:call:getStatus', params)) as { ok: true; result: unknown };
      expect(reply.ok).toBe(true);
      expect(StatusSchema.parse(reply.result)).toMatchObject({
        version: '9.8.7',
        mode: 'desktop',
        state: 'idle',
      });
    }
  });

  it('passes validated params through to the handler', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const service = newService();
    service.log('warn', 'test', 'something to see');
    registerIpcHandlers(ipc, ipcHandlerTable(service), trusted);
    const reply = await invoke('relaygate:call:getDiagnostics', { minLevel: 'warn', limit: 5 });
    expect(reply).toMatchObject({
      ok: true,
      result: { entries: [{ level: 'warn', message: 'something to see' }] },
    });
  });

  it.each([
    ['getStatus', { extra: 1 }, /getStatus params: \(root\): Unrecognized key/],
    ['getDiagnostics', { limit: 0 }, /getDiagnostics params: limit/],
    ['getDiagnostics', { minLevel: 'loud' }, /minLevel/],
    ['getDiagnostics', 'not an object', /getDiagnostics params: \(root\)/],
    ['getDiagnostics', { afterSeq: -1, limit: 1e9 }, /afterSeq.*limit/],
    ['sclOverview', {}, /sclOverview params/],
    ['sclOverview', { path: 'a.scd', content: '<SCL/>' }, /sclOverview params/],
    ['sclIed', { path: 'a.scd' }, /sclIed params/],
  ])('refuses %s with params %j, without calling the service', async (name, params, message) => {
    const { ipc, invoke } = fakeIpcMain();
    const calls: string[] = [];
    const spy: ServiceHandlers = {
      ...unusedHandlers(),
      getStatus: async () => (calls.push('getStatus'), Promise.reject(new Error('must not be called'))),
      getDiagnostics: async () => (
        calls.push('getDiagnostics'),
        Promise.reject(new Error('must not be called'))
      ),
      sclOverview: async () => (calls.push('sclOverview'), Promise.reject(new Error('must not be called'))),
      sclIed: async () => (calls.push('sclIed'), Promise.reject(new Error('must not be called'))),
    };
    registerIpcHandlers(ipc, ipcHandlerTable(spy), trusted);
    const reply = await invoke(`relaygate:call:${name}`, params);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'bad-params', message: expect.stringMatching(message) },
    });
    expect(calls).toEqual([]);
  });

  it('turns a failing handler into an error reply', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const failing: ServiceHandlers = {
      ...unusedHandlers(),
      getStatus: () => Promise.reject(new Error('runtime not ready')),
      getDiagnostics: () => Promise.reject(new Error('unused')),
      sclOverview: () => Promise.reject(new Error('unused')),
      sclIed: () => Promise.reject(new Error('unused')),
    };
    registerIpcHandlers(ipc, ipcHandlerTable(failing), trusted);
    await expect(invoke('relaygate:call:getStatus', {})).resolves.toEqual({
      ok: false,
      error: { code: 'handler-failed', message: 'runtime not ready' },
    });
  });

  it('refuses calls from a frame that is not the app page', async () => {
    const { ipc, invoke } = fakeIpcMain();
    registerIpcHandlers(ipc, ipcHandlerTable(newService()), trusted);
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }, {}]) {
      const reply = await invoke('relaygate:call:getStatus', {}, event);
      expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
  });

  it('forwards every statusChanged to the page channel until unsubscribed', () => {
    const service = newService();
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(service, (channel, payload) => sent.push([channel, payload]));
    service.setRuntimeState('running');
    stop();
    service.setRuntimeState('stopping');
    // setRuntimeState also logs (logEntry); this test follows statusChanged.
    const statuses = sent.filter(([channel]) => channel === 'relaygate:event:statusChanged');
    expect(statuses).toHaveLength(1);
    expect(StatusSchema.parse(statuses[0]?.[1])).toMatchObject({ state: 'running', mode: 'desktop' });
    expect(sent.map(([channel]) => channel)).toEqual(['relaygate:event:logEntry', 'relaygate:event:statusChanged']);
  });
});

/** Every channel answering 'unused': a test names only the handlers it calls. */
function unusedHandlers(): ServiceHandlers {
  return Object.fromEntries(channelNames.map((n) => [n, () => Promise.reject(new Error('unused'))])) as unknown as ServiceHandlers;
}
