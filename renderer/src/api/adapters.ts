import type { Api } from '../../../core/contract';
import { ConnectionCell, type Backend } from './backend';
import { WsClient, type WsClientOptions } from './ws-client';

/**
 * The Electron binding: the preload's object already is an `Api` (one method per channel over
 * ipcRenderer.invoke). IPC to the main process cannot drop, so the connection is always open.
 */
export function ipcBackend(preload: Api): Backend {
  return {
    api: preload,
    connection: new ConnectionCell({
      transport: 'ipc',
      state: 'open',
      url: null,
      lastError: null,
      retryInMs: null,
    }),
  };
}

/** The browser binding: a WebSocket to `relaygate serve`. One typed method per channel. */
export function wsBackend(url: string, options?: WsClientOptions): Backend & { client: WsClient } {
  const client = new WsClient(url, options);
  const api: Api = {
    getStatus: (params) => client.call('getStatus', params),
    getDiagnostics: (params) => client.call('getDiagnostics', params),
    on: (event, listener) => client.on(event, listener),
  };
  return { api, connection: client.connection, client };
}

/** The API endpoint of the server that served this page: ws(s)://<host>/api. */
export function apiUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}
