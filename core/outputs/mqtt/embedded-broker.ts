import { timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import { RelayGateError } from '../../shared';

/**
 * A small MQTT broker inside the gateway (aedes), for benches and `relaygate demo` where no broker is
 * configured. Bound to 127.0.0.1 unless told otherwise; with a user name set, every client must give
 * that user name and password (MQTT CONNACK 4 otherwise). In-memory: retained messages live as long as
 * the process. A production site points the gateway at a hardened external broker instead.
 */
export interface EmbeddedBrokerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 1883; 0 takes a free port. */
  port?: number;
  username?: string;
  /** The resolved password (the caller resolves the SecretRef). */
  password?: string;
}

export class EmbeddedBroker {
  private broker: Aedes | null = null;
  private server: Server | null = null;
  private bound: AddressInfo | null = null;

  constructor(private readonly o: EmbeddedBrokerOptions = {}) {
    if (o.password !== undefined && o.username === undefined)
      throw new RelayGateError(
        'output',
        'broker-config',
        'the embedded MQTT broker has a password but no user name',
      );
  }

  /** Starts listening; resolves with the address actually bound. */
  async start(): Promise<{ host: string; port: number; url: string }> {
    if (this.bound !== null) return this.address();
    const broker = await Aedes.createBroker();
    if (this.o.username !== undefined)
      broker.authenticate = this.authenticate(this.o.username, this.o.password ?? '');
    const server = createServer(broker.handle);
    const host = this.o.host ?? '127.0.0.1';
    const port = this.o.port ?? 1883;
    await new Promise<void>((ok, fail) => {
      server.once('error', (err) =>
        fail(
          new RelayGateError(
            'output',
            'broker-listen',
            `embedded MQTT broker cannot listen on ${host}:${port}: ${err.message}`,
            { cause: err },
          ),
        ),
      );
      server.listen(port, host, () => ok());
    }).catch(async (err: unknown) => {
      await new Promise<void>((done) => broker.close(() => done()));
      throw err;
    });
    this.broker = broker;
    this.server = server;
    this.bound = server.address() as AddressInfo;
    return this.address();
  }

  address(): { host: string; port: number; url: string } {
    if (this.bound === null)
      throw new RelayGateError('output', 'broker-state', 'the embedded MQTT broker is not running');
    const host = this.bound.address;
    const shown = host.includes(':') ? `[${host}]` : host;
    return { host, port: this.bound.port, url: `mqtt://${shown}:${this.bound.port}` };
  }

  /** Clients connected now. */
  get clients(): number {
    return this.broker?.connectedClients ?? 0;
  }

  async stop(): Promise<void> {
    const { broker, server } = this;
    this.broker = null;
    this.server = null;
    this.bound = null;
    if (broker !== null) await new Promise<void>((done) => broker.close(() => done()));
    if (server !== null) await new Promise<void>((done) => server.close(() => done()));
  }

  private authenticate(username: string, password: string): NonNullable<Aedes['authenticate']> {
    const expectedUser = Buffer.from(username);
    const expectedPass = Buffer.from(password);
    return (_client, user, pass, done) => {
      const ok = equal(Buffer.from(user ?? ''), expectedUser) && equal(pass ?? Buffer.alloc(0), expectedPass);
      if (ok) return done(null, true);
      const err = new Error('bad user name or password') as AuthenticateError;
      err.returnCode = 4;
      done(err, false);
    };
  }
}

/** Constant time for equal lengths; the length itself is not secret enough to hide. */
function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
