import type { Api, Diagnostics, EventName, EventPayload, GetDiagnosticsParams, Status } from '../../../core/contract';
import { ConnectionCell, type Backend } from '../api/backend';

type Channels = Omit<Api, 'on'>;

/**
 * A backend whose calls the test answers: each channel resolves from the handler given for it, and any
 * other rejects naming itself. `emit` pushes an event to the listeners of that event only.
 */
export function fakeBackend(
  handlers: Partial<Channels> & {
    getStatus?: () => Promise<Status>;
    getDiagnostics?: (params: GetDiagnosticsParams) => Promise<Diagnostics>;
    state?: 'connecting' | 'open' | 'closed';
  },
) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connection = new ConnectionCell({
    transport: 'websocket',
    state: handlers.state ?? 'open',
    url: 'ws://test/api',
    lastError: null,
    retryInMs: null,
  });
  const { state: _state, ...given } = handlers;
  const api: Api = {
    ...unusedApi(),
    ...(given as Partial<Channels>),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
  const backend: Backend = { api, connection };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => listeners.get(event)?.forEach((l) => l(payload));
  return {
    backend,
    connection,
    emit,
    push: (status: EventPayload<'statusChanged'>) => emit('statusChanged', status),
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

/** Every channel once; a channel added to the contract and missing here is a compile error. */
const CHANNELS = {
  getStatus: true, getDiagnostics: true, openProject: true, saveProject: true, validateProject: true, startRuntime: true,
  stopRuntime: true, getIedStatus: true, getPoints: true, getModbusClients: true, getMqttStatus: true, getTraffic: true, getHistory: true, sclOverview: true,
  sclIed: true, getSession: true, discoverIed: true, probePoints: true, cancelJob: true, newProject: true, addIeds: true,
  modbusMap: true, autoAssignModbus: true, protectSecret: true, chooseFile: true, verifyProject: true, exportReport: true,
} as const satisfies Record<keyof Channels, true>;

/** Every channel, each rejecting with its name: a test that calls what it did not expect fails clearly. */
export function unusedApi(): Channels {
  const unused = (name: string) => () => Promise.reject(new Error(`${name} not expected`));
  return Object.fromEntries(Object.keys(CHANNELS).map((n) => [n, unused(n)])) as unknown as Channels;
}
