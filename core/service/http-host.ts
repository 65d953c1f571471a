import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../shared';
import type { GatewayService } from './gateway-service';
import { HttpRoutes, SECURITY_HEADERS } from './http-routes';
import { isLoopback, type ServeAuth } from './serve-auth';
import { WsHost, type WsHostCounters } from './ws-host';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};


export interface HttpHostOptions {
  host: string;
  port: number;
  /** Folder holding the built renderer (index.html and assets). */
  staticRoot: string;
  /** Send budget of each WebSocket connection (default 4 MiB); see WsHostOptions. */
  maxSendBufferBytes?: number;
  /** Logins and roles; required by `start` on any address but loopback. */
  auth?: ServeAuth;
  /** HTTPS (and wss:) with this certificate and key, PEM. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** Serves the built renderer and the WebSocket API on one port. */
export class HttpHost {
  private readonly server: Server;
  private readonly ws: WsHost;
  private readonly routes: HttpRoutes;
  private readonly secure: boolean;

  private constructor(
    private readonly service: GatewayService,
    private readonly staticRoot: string,
    options: HttpHostOptions,
  ) {
    this.ws = new WsHost(service, {
      ...(options.maxSendBufferBytes !== undefined ? { maxSendBufferBytes: options.maxSendBufferBytes } : {}),
      ...(options.auth ? { auth: options.auth } : {}),
    });
    this.routes = new HttpRoutes(options.auth);
    this.secure = options.tls !== undefined;
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.serve(req, res);
    this.server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);
    this.server.on('upgrade', (req, socket, head) => this.ws.handleUpgrade(req, socket, head));
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  static async start(service: GatewayService, options: HttpHostOptions): Promise<HttpHost> {
    if (!isLoopback(options.host) && !options.auth?.required)
      throw new Error(
        `refusing to serve on ${options.host} without a password: anyone who reaches it could start, stop and change the gateway. Set an operator password (and a viewer password for read-only users), or bind 127.0.0.1`,
      );
    const host = new HttpHost(service, resolve(options.staticRoot), options);
    await new Promise<void>((ok, fail) => {
      host.server.once('error', fail);
      host.server.listen(options.port, options.host, () => {
        host.server.off('error', fail);
        ok();
      });
    });
    return host;
  }

  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${this.secure ? 'https' : 'http'}://${host}:${address.port}/`;
  }

  /** The WebSocket connections: accepted, open, and closed for not reading. */
  get wsCounters(): WsHostCounters {
    return this.ws.counters;
  }

  get rendererAvailable(): boolean {
    return existsSync(join(this.staticRoot, 'index.html'));
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.routes.close();
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (await this.routes.handle(req, res)) return;
    } catch (err) {
      this.service.log('warn', 'service', `HTTP ${req.method} ${req.url}: ${errorMessage(err)}`);
      if (!res.headersSent) reply(res, 500, 'internal error');
      return;
    }
    await this.serveStatic(req, res);
  }

  private async serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    try {
      const file = await this.resolveFile(req.url ?? '/');
      if (!file) return reply(res, 404, 'not found');
      const body = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      this.service.log('warn', 'service', `HTTP ${req.url}: ${errorMessage(err)}`);
      reply(res, 500, 'internal error');
    }
  }

  /** Maps a URL path into staticRoot; refuses traversal; unknown routes without an extension get the SPA. */
  private async resolveFile(url: string): Promise<string | null> {
    let path: string;
    try {
      path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    } catch {
      return null;
    }
    const candidate = normalize(join(this.staticRoot, path));
    if (candidate !== this.staticRoot && !candidate.startsWith(this.staticRoot + sep)) return null;
    if (await isFile(candidate)) return candidate;
    const index = join(this.staticRoot, 'index.html');
    if (extname(path) === '' && (await isFile(index))) return index;
    return null;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function reply(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${code} ${text}\n`);
}
