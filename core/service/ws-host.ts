import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  eventNames,
  MAX_REQUEST_BYTES,
  parseClientMessage,
  type ChannelName,
  type ServerMessage,
  type ServiceHandlers,
} from '../contract';
import { errorMessage } from '../shared';
import type { GatewayService } from './gateway-service';

/** Path of the WebSocket endpoint on the HTTP host. */
export const API_PATH = '/api';

/** A client that does not read its socket stops getting events once this much is queued. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * The WebSocket binding of the service contract. Every message is validated on arrival; a malformed
 * one gets an error reply, and nothing a client sends can crash the host.
 */
export class WsHost {
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<WebSocket>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly service: GatewayService) {
    // ws closes the connection (1009) above maxPayload; between our limit and that, the client gets a
    // proper 'too-large' reply instead.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES * 4 });
    this.wss.on('connection', (socket) => this.accept(socket));
    for (const event of eventNames) {
      this.unsubscribers.push(service.on(event, (payload) => this.broadcast({ event, payload })));
    }
  }

  /** Hooks the HTTP server's 'upgrade' event. Foreign origins and other paths are refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== API_PATH || !isSameOrigin(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    for (const client of this.clients) client.terminate();
    this.clients.clear();
    this.wss.close();
  }

  private accept(socket: WebSocket): void {
    this.clients.add(socket);
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', (err) => this.service.log('warn', 'service', `WebSocket client error: ${errorMessage(err)}`));
    socket.on('message', (data, isBinary) => void this.onMessage(socket, data, isBinary));
  }

  private async onMessage(socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) {
      send(socket, { id: null, error: { code: 'bad-shape', message: 'binary frames are not accepted; send JSON text' } });
      return;
    }
    const outcome = parseClientMessage(rawText(data));
    if (!outcome.ok) {
      send(socket, { id: outcome.id, error: outcome.error });
      return;
    }
    const { id, method, params } = outcome.request;
    try {
      const result = await callHandler(this.service, method, params);
      send(socket, { id, result });
    } catch (err) {
      this.service.log('warn', 'service', `${method} failed: ${errorMessage(err)}`);
      send(socket, { id, error: { code: 'handler-failed', message: errorMessage(err) } });
    }
  }

  private broadcast(message: ServerMessage): void {
    for (const client of this.clients) {
      if (client.bufferedAmount <= MAX_BUFFERED_BYTES) send(client, message);
    }
  }
}

/** The params were validated against this channel's schema by parseClientMessage. */
function callHandler(handlers: ServiceHandlers, method: ChannelName, params: unknown): Promise<unknown> {
  const handler = handlers[method] as (p: unknown) => Promise<unknown>;
  return handler.call(handlers, params);
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * Browsers send Origin on WebSocket upgrades; a page from another site must not drive the gateway
 * (cross-site WebSocket hijacking). Non-browser clients send no Origin and are allowed.
 */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
