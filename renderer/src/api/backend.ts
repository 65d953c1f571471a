import type { Api } from '../../../core/contract';

/** Which binding carries the api: the Electron preload (IPC) or a WebSocket to `relaygate serve`. */
export type Transport = 'ipc' | 'websocket';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** What the UI shows about the link to the gateway service. */
export interface ConnectionInfo {
  transport: Transport;
  state: ConnectionState;
  /** WebSocket URL, or null over IPC. */
  url: string | null;
  /** Why the last connection attempt or connection ended; null while healthy. */
  lastError: string | null;
  /** When closed: milliseconds until the next attempt, as scheduled; null when none is scheduled. */
  retryInMs: number | null;
}

/** A small observable: the stores subscribe to it; the adapters own it. */
export interface ConnectionSource {
  get(): ConnectionInfo;
  subscribe(listener: (info: ConnectionInfo) => void): () => void;
}

/** The one `api` object plus what the UI needs to know about the link that carries it. */
export interface Backend {
  api: Api;
  connection: ConnectionSource;
}

/** A failed call. `code` is a wire error code (`bad-params`, `handler-failed`, ...) or a client one. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Holds a ConnectionInfo and tells subscribers when it changes. */
export class ConnectionCell implements ConnectionSource {
  private readonly listeners = new Set<(info: ConnectionInfo) => void>();

  constructor(private info: ConnectionInfo) {}

  get(): ConnectionInfo {
    return this.info;
  }

  set(patch: Partial<ConnectionInfo>): void {
    this.info = { ...this.info, ...patch };
    for (const listener of [...this.listeners]) listener(this.info);
  }

  subscribe(listener: (info: ConnectionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
