import { BlockList, createServer, isIP, type Server, type Socket } from 'node:net';
import type { ModbusServerStats, ModbusSettings } from '../../contract';
import { RelayGateError, TypedEmitter } from '../../shared';
import { ModbusConnection, normalizeAddress, type ConnectionLimits, type ModbusClientInfo } from './modbus-connection';
import { serveFrame, type Responder, type ServeOptions } from './modbus-pdu';
import type { RegisterImage } from './register-map-image';

/**
 * The read-only Modbus TCP server (CONVENTIONS.md "Modbus TCP server"). It answers FC 01-04 from the
 * register image and everything else with an exception (modbus-pdu.ts); it owns the listening socket,
 * the client allow-list, the connection limit and the per-client counters.
 */

export type ModbusServerSettings = Pick<ModbusSettings, 'bind' | 'port' | 'unitId' | 'checkUnitId' | 'allowList' | 'maxConnections' | 'fillGaps'>;

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxBufferedBytes: 64 * 1024,
  stalledTimeoutMs: 30_000,
  frameTimeoutMs: 5_000,
  idleTimeoutMs: 0,
};

export type { ModbusServerStats };

export interface ModbusServerEvents extends Record<string, unknown> {
  connected: ModbusClientInfo;
  disconnected: ModbusClientInfo;
  refused: { address: string; reason: 'not-allowed' | 'limit' };
  malformed: { client: ModbusClientInfo; reason: string };
  /** An error of the listening socket after it started (e.g. out of file descriptors on accept). */
  error: Error;
}

export class ModbusTcpServer extends TypedEmitter<ModbusServerEvents> {
  private readonly connections = new Map<number, ModbusConnection>();
  private nextId = 1;
  private accepted = 0;
  private refusedNotAllowed = 0;
  private refusedLimit = 0;
  private closedMalformed = 0;
  private readonly serveOptions: ServeOptions;

  private constructor(
    private readonly server: Server,
    private readonly image: RegisterImage,
    private readonly settings: ModbusServerSettings,
    private readonly allowed: BlockList | null,
    private readonly limits: ConnectionLimits,
    private readonly serve: Responder,
  ) {
    super();
    const { unitId, checkUnitId, fillGaps } = settings;
    this.serveOptions = { unitId, checkUnitId, fillGaps, alloc: Buffer.allocUnsafe };
    server.on('connection', (socket) => this.accept(socket));
  }

  /**
   * Starts listening on settings.bind:settings.port (port 0 picks a free one). `serve` answers each
   * frame; the default answers from the image (the benchmark swaps in jsmodbus's classes to compare).
   */
  static async listen(
    image: RegisterImage,
    settings: ModbusServerSettings,
    limits: Partial<ConnectionLimits> = {},
    serve: Responder = serveFrame,
  ): Promise<ModbusTcpServer> {
    const allowed = allowListOf(settings.allowList);
    const server = createServer({ noDelay: true });
    const modbus = new ModbusTcpServer(server, image, settings, allowed, { ...DEFAULT_CONNECTION_LIMITS, ...limits }, serve);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(new RelayGateError('output', 'listen-failed', `the Modbus server cannot listen on ${settings.bind}:${settings.port}: ${err.message}`, { cause: err })),
      );
      server.listen(settings.port, settings.bind, () => resolve());
    });
    // From now on an accept error is reported, never an unhandled 'error' that ends the process.
    server.on('error', (err) => modbus.emit('error', err));
    return modbus;
  }

  address(): { host: string; port: number } {
    const a = this.server.address();
    return a !== null && typeof a === 'object' ? { host: a.address, port: a.port } : { host: this.settings.bind, port: this.settings.port };
  }

  clients(): ModbusClientInfo[] {
    return [...this.connections.values()].map((c) => c.info());
  }

  stats(): ModbusServerStats {
    return {
      ...this.address(),
      connections: this.connections.size,
      accepted: this.accepted,
      refusedNotAllowed: this.refusedNotAllowed,
      refusedLimit: this.refusedLimit,
      closedMalformed: this.closedMalformed,
    };
  }

  /** Stops listening and closes every client connection. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of this.connections.values()) c.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    const address = normalizeAddress(socket.remoteAddress ?? '');
    if (this.allowed !== null && !this.allowed.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) {
      this.refusedNotAllowed++;
      socket.destroy();
      this.emit('refused', { address, reason: 'not-allowed' });
      return;
    }
    if (this.connections.size >= this.settings.maxConnections) {
      this.refusedLimit++;
      socket.destroy();
      this.emit('refused', { address, reason: 'limit' });
      return;
    }
    this.accepted++;
    const id = this.nextId++;
    const connection = new ModbusConnection(id, socket, this.image, this.serveOptions, this.limits, (reason) => {
      this.closedMalformed++;
      this.emit('malformed', { client: connection.info(), reason });
    }, this.serve);
    this.connections.set(id, connection);
    // A reset or a write to a closed peer ends this connection only.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connection.dispose();
      this.connections.delete(id);
      this.emit('disconnected', connection.info());
    });
    this.emit('connected', connection.info());
  }
}

/** The allow-list as a BlockList of addresses and subnets (`10.0.0.5`, `10.0.0.0/24`, `fd00::/8`); null allows all. */
function allowListOf(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [ip = '', bits] = entry.split('/');
    const family = isIP(ip);
    const prefix = bits === undefined ? undefined : Number(bits);
    if (family === 0 || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))) {
      throw new RelayGateError('output', 'bad-allow-list', `modbus.allowList: '${entry}' is not an IP address or subnet (10.0.0.5, 10.0.0.0/24)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, prefix, type);
  }
  return list;
}
