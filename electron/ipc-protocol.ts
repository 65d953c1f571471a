import type { ChannelName, EventName, WireErrorCode } from '../core/contract';

/**
 * The IPC side of the service contract, shared by electron/main and electron/preload. The preload is
 * bundled on its own into a sandboxed script, so this module imports only types and holds no schemas.
 */

/** ipcMain.handle channel of a contract request: `relaygate:call:getStatus`. */
export function callChannel(name: ChannelName): string {
  return `relaygate:call:${name}`;
}

/** webContents.send channel of a contract event: `relaygate:event:statusChanged`. */
export function eventChannel(name: EventName): string {
  return `relaygate:event:${name}`;
}

/** Events the preload lets the page subscribe to; a new event is a compile error until listed. */
export const EVENT_NAMES = {
  statusChanged: true,
  pointBatch: true,
  iedStatusChanged: true,
  logEntry: true,
  mqttStatusChanged: true,
  jobProgress: true,
  shellCommand: true,
} as const satisfies Record<EventName, true>;

export type IpcErrorCode = WireErrorCode | 'untrusted-sender';

/**
 * What an IPC handler resolves with. Errors travel as values: an Error thrown in the main process
 * reaches the page with its message rewritten and its properties dropped.
 */
export type IpcReply<T> =
  { ok: true; result: T } | { ok: false; error: { code: IpcErrorCode; message: string } };

/**
 * How the preload rejects a failed call: an Error whose message is `[code] message`. contextBridge
 * copies only an Error's message, so the code rides in it; renderer/src/api/adapters.ts reads it back.
 */
export function ipcErrorMessage(code: string, message: string): string {
  return `[${code}] ${message}`;
}
