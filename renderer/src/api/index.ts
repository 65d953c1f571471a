import type { Api, ChannelName } from '../../../core/contract';
import { ipcBackend, apiUrl, wsBackend } from './adapters';
import type { Backend } from './backend';
import { fetchSession, type HttpSession } from './http';

export { ApiError, type Backend, type ConnectionInfo, type ConnectionState, type Transport } from './backend';

declare global {
  interface Window {
    /** Set by electron/preload through contextBridge in the desktop app; absent in a browser. */
    relaygate?: Api;
  }
}

/** Channels whose work may take minutes: a big IED's discovery or probe, a station SCD. */
const LONG_CHANNELS: Partial<Record<ChannelName, number>> = {
  discoverIed: 15 * 60_000,
  probePoints: 15 * 60_000,
  verifyProject: 30 * 60_000,
  exportReport: 30 * 60_000,
  sclOverview: 5 * 60_000,
  sclIed: 5 * 60_000,
  startRuntime: 2 * 60_000,
  stopRuntime: 2 * 60_000,
};

let openGate: () => void = () => undefined;
const gate = new Promise<void>((resolve) => (openGate = resolve));

/** Whether this page must log in first (browser against `relaygate serve` beyond loopback). */
export const initialSession: Promise<HttpSession> = window.relaygate
  ? Promise.resolve({ authRequired: false, role: 'operator' })
  : fetchSession().catch(() => ({ authRequired: false, role: 'operator' as const }));

void initialSession.then((s) => {
  if (s.role !== null) openGate();
});

/** The binding this page uses: the preload's object in Electron, else a WebSocket to its own server. */
const ws = window.relaygate ? null : wsBackend(apiUrl(window.location), { timeoutFor: (m) => LONG_CHANNELS[m], gate });
export const backend: Backend = window.relaygate ? ipcBackend(window.relaygate) : (ws as Backend);

/** After a login: connect now. */
export function connectAfterLogin(): void {
  openGate();
  ws?.client.retryNow();
}

/** The one object the UI calls, whichever binding carries it. */
export const api: Api = backend.api;
