import type { Api } from '../../../core/contract';
import { ipcBackend, apiUrl, wsBackend } from './adapters';
import type { Backend } from './backend';

export { ApiError, type Backend, type ConnectionInfo, type ConnectionState, type Transport } from './backend';

declare global {
  interface Window {
    /** Set by electron/preload through contextBridge in the desktop app; absent in a browser. */
    relaygate?: Api;
  }
}

/** The binding this page uses: the preload's object in Electron, else a WebSocket to its own server. */
export const backend: Backend = window.relaygate
  ? ipcBackend(window.relaygate)
  : wsBackend(apiUrl(window.location));

/** The one object the UI calls, whichever binding carries it. */
export const api: Api = backend.api;
