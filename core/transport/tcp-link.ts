import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { RelayGateError, TypedEmitter } from '../shared';
import { BaseLink, type LinkCloseReason } from './link';

export interface TcpConnectOptions {
  host: string;
  port: number;
  /** Give up connecting after this long (default 5000 ms, as CONVENTIONS.md). */
  connectTimeoutMs?: number;
  /** TCP keepalive probe delay; 0 turns keepalive off (default 10000 ms). */
  keepAliveMs?: number;
  /** The local address to connect from (a host with several interfaces); default: the OS picks. */
  localAddress?: string;
}

/** A TCP socket as a ByteLink. The only socket owner on the IED side. */
export class TcpLink extends BaseLink {
  readonly remote: string;
  readonly local: string;

  constructor(private readonly socket: Socket) {
    super();
    this.remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.local = `${socket.localAddress ?? '?'}:${socket.localPort ?? '?'}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.emit('data', new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    socket.on('error', (err: NodeJS.ErrnoException) => this.finish(socketError(err)));
    socket.on('close', () => this.finish({ kind: 'peer-closed' }));
  }

  private corked = false;

  get bufferedAmount(): number {
    return this.socket.writableLength;
  }

  /**
   * Writes made in the same tick go out in one writev: pipelined requests then cost one system call,
   * not one each, and a lone request waits only until the end of the current tick.
   */
  write(bytes: Uint8Array): void {
    if (this.closed || this.socket.destroyed) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(bytes);
  }

  /** Stops reading: the kernel's receive window fills and TCP slows the peer down. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    if (this.closed) return;
    this.finish({ kind: 'local' });
    // Once our last bytes and FIN are out, nothing more is wanted from the peer: a socket left half-open
    // (paused, or facing a peer that keeps sending) would otherwise hold the process.
    this.socket.end(() => this.socket.destroy());
    // A peer that never reads what is left to send must not hold the socket forever either.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  destroy(reason: LinkCloseReason = { kind: 'local' }): void {
    this.finish(reason);
    this.socket.destroy();
  }
}

function socketError(err: NodeJS.ErrnoException): LinkCloseReason {
  return { kind: 'error', code: err.code ?? 'ESOCKET', message: err.message };
}

/** Transport error codes a caller can act on; the client maps them to its own error enum. */
export type ConnectFailure = 'connection-refused' | 'connect-timeout' | 'unreachable' | 'connect-failed';

export function connectFailureCode(err: NodeJS.ErrnoException): ConnectFailure {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ETIMEDOUT':
      return 'connect-timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unreachable';
    default:
      return 'connect-failed';
  }
}

/** Opens a TCP connection with a connect timeout and keepalive; rejects with a transport error. */
export function connectTcp(options: TcpConnectOptions): Promise<TcpLink> {
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const keepAliveMs = options.keepAliveMs ?? 10_000;
  const where = `${options.host}:${options.port}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: options.host, port: options.port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new RelayGateError('transport', 'connect-timeout', `no TCP connection to ${where} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new RelayGateError('transport', connectFailureCode(err), `cannot connect to ${where}: ${err.message}`, { cause: err }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      if (keepAliveMs > 0) socket.setKeepAlive(true, keepAliveMs);
      resolve(new TcpLink(socket));
    });
  });
}

export interface TcpListenerEvents extends Record<string, unknown> {
  connection: TcpLink;
}

/** Accepts TCP connections as ByteLinks: used by the MMS server side and by scripted test servers. */
export class TcpListener extends TypedEmitter<TcpListenerEvents> {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {
    super();
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      this.emit('connection', new TcpLink(socket));
    });
  }

  static listen(port: number, host = '127.0.0.1'): Promise<TcpListener> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(new TcpListener(server));
      });
    });
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
