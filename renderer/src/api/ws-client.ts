import type {
  ChannelName,
  ChannelParams,
  ChannelResult,
  EventName,
  EventPayload,
} from '../../../core/contract';
// The one value the renderer takes from core: the rows codec imports nothing but types (.eslint/layering.mjs).
import { PointRowsDecoder } from '../../../core/contract/point-rows';
import { ApiError, ConnectionCell, type ConnectionSource } from './backend';
import { errorText } from '../error-text';

/** The part of the browser WebSocket the client uses, so tests can hand it a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface WsClientOptions {
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles per failed attempt up to maxRetryMs. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  /** A call that gets no reply in this time is rejected with code `timeout`. */
  requestTimeoutMs?: number;
  /** Calls made while connecting wait for the socket; more than this many are refused. */
  maxQueued?: number;
  /** A longer timeout for channels whose work takes long (discovery, probe, big SCL files). */
  timeoutFor?: (method: ChannelName) => number | undefined;
  /** The first connection waits for this (a login), so no attempt is made that must fail. */
  gate?: Promise<void>;
  /**
   * Ask for pointBatch events in rows form (core/contract/point-rows.ts: about a fifth of the bytes the
   * page must receive and parse; default true). Either form is understood whatever was asked for.
   */
  pointBatchRows?: boolean;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: ApiError) => void;
  timer: ReturnType<typeof setTimeout>;
  /** The serialized request, kept until it is on the wire. */
  unsent: string | null;
}

const OPEN = 1;

/**
 * Client side of the WebSocket binding (core/contract/wire.ts): `{id, method, params}` requests matched
 * to `{id, result}` / `{id, error}` replies, and pushed `{event, payload}` messages. It reconnects with
 * backoff; every call still waiting when the socket closes is rejected, never left hanging.
 */
export class WsClient {
  readonly connection: ConnectionSource;
  private readonly cell: ConnectionCell;
  private readonly options: Required<Omit<WsClientOptions, 'timeoutFor' | 'gate'>> & Pick<WsClientOptions, 'timeoutFor'>;
  /** The rows tables of the current connection (they live as long as it does). */
  private rows = new PointRowsDecoder();
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private socket: SocketLike | null = null;
  private nextId = 1;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    options: WsClientOptions = {},
  ) {
    this.options = {
      createSocket: options.createSocket ?? ((u) => new WebSocket(u) as unknown as SocketLike),
      initialRetryMs: options.initialRetryMs ?? 500,
      maxRetryMs: options.maxRetryMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      maxQueued: options.maxQueued ?? 100,
      pointBatchRows: options.pointBatchRows ?? true,
      ...(options.timeoutFor ? { timeoutFor: options.timeoutFor } : {}),
    };
    this.cell = new ConnectionCell({
      transport: 'websocket',
      state: 'connecting',
      url,
      lastError: null,
      retryInMs: null,
    });
    this.connection = this.cell;
    if (options.gate) void options.gate.then(() => this.connect());
    else this.connect();
  }

  /** Connects now instead of waiting for the scheduled retry (after a login, say). */
  retryNow(): void {
    if (this.stopped || this.cell.get().state !== 'closed') return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  call<K extends ChannelName>(method: K, params: ChannelParams<K>): Promise<ChannelResult<K>> {
    const state = this.cell.get().state;
    if (this.stopped) return Promise.reject(new ApiError('closed', 'the API client was stopped'));
    if (state === 'closed')
      return Promise.reject(new ApiError('disconnected', 'not connected to the RelayGate service'));
    if (state === 'connecting' && this.queuedCount() >= this.options.maxQueued) {
      return Promise.reject(
        new ApiError('busy', `more than ${this.options.maxQueued} calls are waiting for the connection`),
      );
    }
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params });
    const timeoutMs = this.options.timeoutFor?.(method) ?? this.options.requestTimeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ApiError('timeout', `${method}: no reply in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer, unsent: message });
      if (state === 'open') this.flush();
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Closes the socket for good: no reconnect, every waiting call rejected. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(1000, 'client stopped');
    }
    this.failAll(new ApiError('closed', 'the API client was stopped'));
    this.cell.set({ state: 'closed', retryInMs: null });
  }

  private connect(): void {
    this.cell.set({ state: 'connecting', retryInMs: null });
    let socket: SocketLike;
    this.rows = new PointRowsDecoder();
    try {
      socket = this.options.createSocket(this.options.pointBatchRows ? `${this.url}?pointBatch=rows` : this.url);
    } catch (err) {
      this.onClosed(`cannot open ${this.url}: ${errorText(err)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.cell.set({ state: 'open', lastError: null });
      this.flush();
    };
    socket.onmessage = (ev) => this.onMessage(ev.data);
    socket.onerror = () => {
      // The browser gives no detail here; the close event that follows carries the code.
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      detach(socket);
      this.onClosed(closeReason(ev));
    };
  }

  private onClosed(reason: string): void {
    this.failAll(new ApiError('disconnected', `connection to the RelayGate service closed (${reason})`));
    if (this.stopped) return;
    const delay = Math.min(this.options.maxRetryMs, this.options.initialRetryMs * 2 ** this.failures);
    this.failures++;
    this.cell.set({ state: 'closed', lastError: reason, retryInMs: delay });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private flush(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    for (const entry of this.pending.values()) {
      if (entry.unsent === null) continue;
      socket.send(entry.unsent);
      entry.unsent = null;
    }
  }

  private onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      console.warn('RelayGate API: ignored a reply that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (m.event === 'pointBatch' && m.encoding === 'rows') this.onRows(m.payload);
    else if (typeof m.event === 'string') this.dispatch(m.event, m.payload);
    else if (typeof m.id === 'number') this.settle(m.id, m);
    else if (m.id === null && isWireError(m.error))
      console.warn(`RelayGate API refused a message: ${m.error.message}`);
  }

  /**
   * A rows batch that does not decode leaves this side's tables unlike the server's: the connection is
   * closed, and the next one starts both afresh (the live store then takes a new snapshot).
   */
  private onRows(payload: unknown): void {
    let batch;
    try {
      batch = this.rows.decode(payload);
    } catch (err) {
      console.warn(`RelayGate API: ${errorText(err)}; reconnecting`);
      this.socket?.close(4002, 'undecodable pointBatch');
      return;
    }
    this.dispatch('pointBatch', batch);
  }

  private settle(id: number, m: Record<string, unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (isWireError(m.error)) entry.reject(new ApiError(m.error.code, m.error.message));
    else if ('result' in m) entry.resolve(m.result);
    else entry.reject(new ApiError('bad-reply', `reply ${id} has neither result nor error`));
  }

  private dispatch(event: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`RelayGate API: a ${event} listener failed`, err);
      }
    }
  }

  private failAll(error: ApiError): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  private queuedCount(): number {
    let n = 0;
    for (const entry of this.pending.values()) if (entry.unsent !== null) n++;
    return n;
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = socket.onclose = socket.onmessage = socket.onerror = null;
}

function closeReason(ev: { code: number; reason: string }): string {
  return ev.reason ? `code ${ev.code}: ${ev.reason}` : `code ${ev.code}`;
}

function isWireError(value: unknown): value is { code: string; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}
