import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  eventNames,
  OPERATOR_CHANNELS,
  MAX_LARGE_REQUEST_BYTES,
  MAX_REQUEST_BYTES,
  parseClientMessage,
  PointRowsEncoder,
  type PointBatch,
  type ChannelName,
  type Role,
  type ServerMessage,
  type ServiceHandlers,
  type WireError,
} from '../contract';
import { errorMessage } from '../shared';
import type { GatewayService } from './gateway-service';
import { tokenOf, type ServeAuth } from './serve-auth';

/** Path of the WebSocket endpoint on the HTTP host. */
export const API_PATH = '/api';

/** Default send budget per connection: replies and events queued for a client that does not read. */
export const DEFAULT_MAX_SEND_BUFFER_BYTES = 4 * 1024 * 1024;

export interface WsHostOptions {
  /**
   * Bytes that may wait to be sent to one client (what its socket has not taken yet plus the next
   * message). A client past it does not read: its connection is closed and the memory released.
   */
  maxSendBufferBytes?: number;
  /** Logins of `relaygate serve`: the upgrade needs a live session, and a viewer may not change anything. */
  auth?: ServeAuth;
}

/** One open connection: where from, and who (the session it was opened with). */
interface Client {
  readonly peer: string;
  readonly role: Role;
  readonly token: string | null;
  /** Set when the client asked for pointBatch in rows form (`/api?pointBatch=rows`, core/contract/point-rows.ts). */
  readonly rows: PointRowsEncoder | null;
}

/** What the host has seen, for diagnostics. */
export interface WsHostCounters {
  /** Connections accepted since start, and open now. */
  accepted: number;
  open: number;
  /** Connections closed because the client did not read what was sent to it. */
  closedNotReading: number;
}

/**
 * The WebSocket binding of the service contract. Every message is validated on arrival; a malformed
 * one gets an error reply, and nothing a client sends can crash the host. Every message sent, reply or
 * event, is checked against the connection's send budget, so a client that sends requests but never
 * reads the replies costs at most that budget before it is cut off.
 */
export class WsHost {
  private readonly wss: WebSocketServer;
  private readonly clients = new Map<WebSocket, Client>();
  private readonly unsubscribers: (() => void)[] = [];
  private readonly maxSendBuffer: number;
  private accepted = 0;
  private closedNotReading = 0;

  constructor(
    private readonly service: GatewayService,
    private readonly options: WsHostOptions = {},
  ) {
    this.maxSendBuffer = options.maxSendBufferBytes ?? DEFAULT_MAX_SEND_BUFFER_BYTES;
    // ws closes the connection (1009) above maxPayload; between our limit and that, the client gets a
    // proper 'too-large' reply instead.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_LARGE_REQUEST_BYTES + MAX_REQUEST_BYTES });
    this.wss.on('connection', (socket, req: IncomingMessage) =>
      this.accept(socket, {
        peer: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
        role: this.options.auth?.roleOfRequest(req) ?? 'operator',
        token: tokenOf(req),
        rows: wantsRows(req) ? new PointRowsEncoder() : null,
      }),
    );
    for (const event of eventNames) {
      this.unsubscribers.push(
        service.on(event, (payload) => (event === 'pointBatch' ? this.broadcastBatch(payload as PointBatch) : this.broadcast({ event, payload }))),
      );
    }
  }

  /** Hooks the HTTP server's 'upgrade' event. Foreign origins, other paths and callers without a session are refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== API_PATH || !isSameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (this.options.auth && this.options.auth.roleOfRequest(req) === null) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nlog in first: POST /auth/login\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get counters(): WsHostCounters {
    return { accepted: this.accepted, open: this.clients.size, closedNotReading: this.closedNotReading };
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    for (const client of this.clients.keys()) client.terminate();
    this.clients.clear();
    this.wss.close();
  }

  private accept(socket: WebSocket, client: Client): void {
    this.accepted++;
    this.clients.set(socket, client);
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', (err) => this.service.log('warn', 'service', `WebSocket client error: ${errorMessage(err)}`));
    socket.on('message', (data, isBinary) => void this.onMessage(socket, data, isBinary));
  }

  private async onMessage(socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      this.send(socket, { id: null, error: { code: 'bad-shape', message: 'binary frames are not accepted; send JSON text' } });
      return;
    }
    const outcome = parseClientMessage(rawText(data));
    if (!outcome.ok) {
      this.send(socket, { id: outcome.id, error: outcome.error });
      return;
    }
    const { id, method, params } = outcome.request;
    const client = this.clients.get(socket);
    if (!client) return;
    const refusal = this.refusal(client, method);
    if (refusal) {
      this.send(socket, { id, error: refusal });
      if (refusal.code === 'unauthorized') socket.close(4401, 'session ended');
      return;
    }
    try {
      const result =
        method === 'getSession'
          ? { ...(await this.service.getSession()), role: client.role, authRequired: this.options.auth?.required ?? false }
          : await callHandler(this.service, method, params);
      this.send(socket, { id, result });
    } catch (err) {
      this.service.log('warn', 'service', `${method} failed: ${errorMessage(err)}`);
      this.send(socket, { id, error: { code: 'handler-failed', message: errorMessage(err) } });
    }
  }

  /** Why this client may not call this channel now, or null. */
  private refusal(client: Client, method: ChannelName): WireError | null {
    const auth = this.options.auth;
    if (auth?.required && auth.roleOfToken(client.token) === null)
      return { code: 'unauthorized', message: 'your session has ended (logged out or unused for too long): log in again' };
    if (client.role !== 'operator' && OPERATOR_CHANNELS.has(method))
      return { code: 'forbidden', message: `${method} is for operators: you are logged in as a viewer, who may look but not change anything; log in with the operator password` };
    return null;
  }

  /** One JSON text for every client. */
  private broadcast(message: ServerMessage): void {
    let text: string | undefined;
    for (const client of this.clients.keys()) this.send(client, (text ??= JSON.stringify(message)));
  }

  /** Each client that asked for rows gets its own encoding (it depends on what that connection was sent). */
  private broadcastBatch(batch: PointBatch): void {
    let plain: string | undefined;
    for (const [socket, client] of this.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      if (client.rows) this.send(socket, JSON.stringify({ event: 'pointBatch', encoding: 'rows', payload: client.rows.encode(batch) }));
      else this.send(socket, (plain ??= JSON.stringify({ event: 'pointBatch', payload: batch })));
    }
  }

  /** Sends within the connection's budget; a client over it is not reading, and is closed. */
  private send(socket: WebSocket, message: ServerMessage | string): void {
    if (socket.readyState !== socket.OPEN) return;
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    const queued = socket.bufferedAmount + Buffer.byteLength(text);
    if (queued <= this.maxSendBuffer) {
      socket.send(text);
      return;
    }
    this.closedNotReading++;
    const peer = this.clients.get(socket)?.peer ?? 'a client';
    this.service.log(
      'warn',
      'service',
      `closed the WebSocket connection of ${peer}: it does not read what is sent to it (${queued} bytes would be queued, over the limit maxSendBufferBytes ${this.maxSendBuffer})`,
    );
    // terminate, not close: a close frame would queue behind what it does not read.
    socket.terminate();
    this.clients.delete(socket);
  }
}

/** The params were validated against this channel's schema by parseClientMessage. */
function callHandler(handlers: ServiceHandlers, method: ChannelName, params: unknown): Promise<unknown> {
  const handler = handlers[method] as (p: unknown) => Promise<unknown>;
  return handler.call(handlers, params);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** The client asked for pointBatch events in rows form. */
function wantsRows(req: IncomingMessage): boolean {
  const query = (req.url ?? '').split('?')[1] ?? '';
  return new URLSearchParams(query).get('pointBatch') === 'rows';
}

/**
 * Browsers send Origin on WebSocket upgrades and POSTs; a page from another site must not drive the
 * gateway (cross-site WebSocket hijacking, login CSRF). Non-browser clients send no Origin and are allowed.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
