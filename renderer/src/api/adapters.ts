import type { Api } from '../../../core/contract';
import { ApiError, ConnectionCell, type Backend } from './backend';
import { WsClient, type WsClientOptions } from './ws-client';
import { errorText } from '../error-text';

/**
 * The Electron binding: the preload's object (one method per channel over ipcRenderer.invoke). IPC to
 * the main process cannot drop, so the connection is always open. contextBridge keeps only an Error's
 * message, so the preload puts the error code in it as `[code] message`; this turns it back into ApiError.
 */
export function ipcBackend(preload: Api): Backend {
  const api: Api = {
    getStatus: (params) => fromIpc(preload.getStatus(params)),
    getDiagnostics: (params) => fromIpc(preload.getDiagnostics(params)),
    openProject: (params) => fromIpc(preload.openProject(params)),
    saveProject: (params) => fromIpc(preload.saveProject(params)),
    validateProject: (params) => fromIpc(preload.validateProject(params)),
    startRuntime: (params) => fromIpc(preload.startRuntime(params)),
    stopRuntime: (params) => fromIpc(preload.stopRuntime(params)),
    getIedStatus: (params) => fromIpc(preload.getIedStatus(params)),
    getPoints: (params) => fromIpc(preload.getPoints(params)),
    getModbusClients: (params) => fromIpc(preload.getModbusClients(params)),
    getMqttStatus: (params) => fromIpc(preload.getMqttStatus(params)),
    getTraffic: (params) => fromIpc(preload.getTraffic(params)),
    getHistory: (params) => fromIpc(preload.getHistory(params)),
    sclOverview: (params) => fromIpc(preload.sclOverview(params)),
    sclIed: (params) => fromIpc(preload.sclIed(params)),
    getSession: (params) => fromIpc(preload.getSession(params)),
    discoverIed: (params) => fromIpc(preload.discoverIed(params)),
    probePoints: (params) => fromIpc(preload.probePoints(params)),
    cancelJob: (params) => fromIpc(preload.cancelJob(params)),
    newProject: (params) => fromIpc(preload.newProject(params)),
    addIeds: (params) => fromIpc(preload.addIeds(params)),
    modbusMap: (params) => fromIpc(preload.modbusMap(params)),
    autoAssignModbus: (params) => fromIpc(preload.autoAssignModbus(params)),
    protectSecret: (params) => fromIpc(preload.protectSecret(params)),
    chooseFile: (params) => fromIpc(preload.chooseFile(params)),
    verifyProject: (params) => fromIpc(preload.verifyProject(params)),
    exportReport: (params) => fromIpc(preload.exportReport(params)),
    on: (event, listener) => preload.on(event, listener),
  };
  return {
    api,
    connection: new ConnectionCell({
      transport: 'ipc',
      state: 'open',
      url: null,
      lastError: null,
      retryInMs: null,
    }),
  };
}

export function fromIpc<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) => {
    const text = errorText(err);
    const coded = /^(?:Error: )?\[([a-z-]+)\] ([\s\S]*)$/.exec(text);
    throw coded ? new ApiError(coded[1] ?? 'ipc-failed', coded[2] ?? '') : new ApiError('ipc-failed', text);
  });
}

/** The browser binding: a WebSocket to `relaygate serve`. One typed method per channel. */
export function wsBackend(url: string, options?: WsClientOptions): Backend & { client: WsClient } {
  const client = new WsClient(url, options);
  const api: Api = {
    getStatus: (params) => client.call('getStatus', params),
    getDiagnostics: (params) => client.call('getDiagnostics', params),
    openProject: (params) => client.call('openProject', params),
    saveProject: (params) => client.call('saveProject', params),
    validateProject: (params) => client.call('validateProject', params),
    startRuntime: (params) => client.call('startRuntime', params),
    stopRuntime: (params) => client.call('stopRuntime', params),
    getIedStatus: (params) => client.call('getIedStatus', params),
    getPoints: (params) => client.call('getPoints', params),
    getModbusClients: (params) => client.call('getModbusClients', params),
    getMqttStatus: (params) => client.call('getMqttStatus', params),
    getTraffic: (params) => client.call('getTraffic', params),
    getHistory: (params) => client.call('getHistory', params),
    sclOverview: (params) => client.call('sclOverview', params),
    sclIed: (params) => client.call('sclIed', params),
    getSession: (params) => client.call('getSession', params),
    discoverIed: (params) => client.call('discoverIed', params),
    probePoints: (params) => client.call('probePoints', params),
    cancelJob: (params) => client.call('cancelJob', params),
    newProject: (params) => client.call('newProject', params),
    addIeds: (params) => client.call('addIeds', params),
    modbusMap: (params) => client.call('modbusMap', params),
    autoAssignModbus: (params) => client.call('autoAssignModbus', params),
    protectSecret: (params) => client.call('protectSecret', params),
    chooseFile: (params) => client.call('chooseFile', params),
    verifyProject: (params) => client.call('verifyProject', params),
    exportReport: (params) => client.call('exportReport', params),
    on: (event, listener) => client.on(event, listener),
  };
  return { api, connection: client.connection, client };
}

/** The API endpoint of the server that served this page: ws(s)://<host>/api. */
export function apiUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}
