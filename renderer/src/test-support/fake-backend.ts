import type { Api, Diagnostics, EventPayload, GetDiagnosticsParams, Status } from '../../../core/contract';
import { ConnectionCell, type Backend } from '../api/backend';

/** A backend whose calls the test answers: getStatus/getDiagnostics resolve from the given functions. */
export function fakeBackend(handlers: {
  getStatus?: () => Promise<Status>;
  getDiagnostics?: (params: GetDiagnosticsParams) => Promise<Diagnostics>;
  state?: 'connecting' | 'open' | 'closed';
}) {
  const listeners = new Set<(payload: unknown) => void>();
  const connection = new ConnectionCell({
    transport: 'websocket',
    state: handlers.state ?? 'open',
    url: 'ws://test/api',
    lastError: null,
    retryInMs: null,
  });
  const api: Api = {
    ...unusedApi(),
    getStatus: () => (handlers.getStatus ?? (() => Promise.reject(new Error('getStatus not expected'))))(),
    getDiagnostics: (params) =>
      (handlers.getDiagnostics ?? (() => Promise.reject(new Error('getDiagnostics not expected'))))(params),
    on: (_event, listener) => {
      const wrapped = listener as (payload: unknown) => void;
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
  const backend: Backend = { api, connection };
  return {
    backend,
    connection,
    push: (status: EventPayload<'statusChanged'>) => listeners.forEach((l) => l(status)),
    listenerCount: () => listeners.size,
  };
}

/** The channels a test does not expect to be called: each rejects, naming itself. */
export function unusedApi(): Omit<Api, 'getStatus' | 'getDiagnostics' | 'on'> {
  const unused = (name: string) => () => Promise.reject(new Error(`${name} not expected`));
  return {
    openProject: unused('openProject'),
    saveProject: unused('saveProject'),
    validateProject: unused('validateProject'),
    startRuntime: unused('startRuntime'),
    stopRuntime: unused('stopRuntime'),
    getIedStatus: unused('getIedStatus'),
    getPoints: unused('getPoints'),
    getModbusClients: unused('getModbusClients'),
    getTraffic: unused('getTraffic'),
    sclOverview: unused('sclOverview'),
    sclIed: unused('sclIed'),
    getSession: unused('getSession'),
    discoverIed: unused('discoverIed'),
    probePoints: unused('probePoints'),
    cancelJob: unused('cancelJob'),
    addIeds: unused('addIeds'),
    modbusMap: unused('modbusMap'),
    autoAssignModbus: unused('autoAssignModbus'),
    protectSecret: unused('protectSecret'),
    chooseFile: unused('chooseFile'),
  };
}
