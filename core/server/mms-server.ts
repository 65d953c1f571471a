import type { AssociateDiagnostic } from '../iso';
import type { ConfirmedRequest } from '../mms';
import { TypedEmitter } from '../shared';
import { TcpListener, type ByteLink } from '../transport';
import { ServerAssociation, type AssociationHost } from './association';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './initiate';
import type { ServerDataModel } from './model/data-model';

export interface MmsServerOptions {
  /** Address to bind; default 127.0.0.1 (this machine only). */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** ACSE password (mechanism 2.2.3.1); a missing or wrong one is refused with authentication-failure. */
  password?: string;
  /** Associations served at once; one more is refused with a transient AARE rejection. Default 10. */
  maxClients?: number;
  limits?: Partial<ServerLimits>;
  /** A connection must complete its association within this time (default 10 s). */
  associateTimeoutMs?: number;
  /** Connections still associating at once; the oldest is dropped for a new one (default 32). */
  maxPendingConnections?: number;
  /** Bytes queued to a client that stopped reading before it is aborted (default 8 MiB). */
  maxBufferedBytes?: number;
}

/** Misbehaviour on purpose, for tests of clients and for fault scenarios. */
export interface ServerFaults {
  /** Every answer waits this long. */
  responseDelayMs?: number;
  /** Requests for which this returns true are never answered (a lost answer, a stuck server). */
  unanswered?: (request: ConfirmedRequest) => boolean;
}

export interface MmsServerEvents extends Record<string, unknown> {
  request: { association: ServerAssociation; request: ConfirmedRequest };
  associated: ServerAssociation;
  closed: ServerAssociation;
  warning: string;
}

/**
 * An MMS server over TCP serving one data model: accepts associations up to the client limit and hands
 * each to a ServerAssociation. Bad clients cost their own connection only.
 */
export class MmsServer extends TypedEmitter<MmsServerEvents> implements AssociationHost {
  readonly associations = new Set<ServerAssociation>();
  readonly limits: ServerLimits;
  readonly password: string | undefined;
  readonly maxBufferedBytes: number;
  faults: ServerFaults = {};
  private listener: TcpListener | undefined;
  private portValue = 0;

  private constructor(
    readonly model: ServerDataModel,
    private readonly options: MmsServerOptions,
  ) {
    super();
    this.limits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
    this.password = options.password;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  }

  static async start(model: ServerDataModel, options: MmsServerOptions = {}): Promise<MmsServer> {
    const server = new MmsServer(model, options);
    await server.listen(options.port ?? 0);
    return server;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.portValue;
  }

  /** `host:port`, as the CLI takes it. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }

  get listening(): boolean {
    return this.listener !== undefined;
  }

  /** Associations that completed Initiate and are still open. */
  get clientCount(): number {
    let n = 0;
    for (const a of this.associations) if (a.associated) n++;
    return n;
  }

  /** Serves one association over any byte link (TCP, or an in-memory pair in tests). */
  attach(link: ByteLink): ServerAssociation {
    const pending = [...this.associations].filter((a) => !a.associated);
    const maxPending = this.options.maxPendingConnections ?? 32;
    if (pending.length >= maxPending) pending[0]?.abort('too many connections still associating');
    const association = new ServerAssociation(link, this, this.options.associateTimeoutMs ?? 10_000);
    if (!link.closed) this.associations.add(association);
    return association;
  }

  /** Drops every association at the TCP level (the listener stays). */
  disconnectAll(): void {
    for (const a of [...this.associations]) a.drop();
  }

  /** Stops listening and drops every association. */
  async stop(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.disconnectAll();
    await listener?.close();
  }

  /** Stops, then listens again on the same port: what clients see when an IED reboots. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen(this.portValue);
  }

  // ---- AssociationHost

  admit(association: ServerAssociation): AssociateDiagnostic | undefined {
    const max = this.options.maxClients ?? 10;
    let others = 0;
    for (const a of this.associations) if (a !== association && a.associated) others++;
    return others >= max ? { source: 'acse-service-user', reason: 'no-reason-given' } : undefined;
  }

  beforeAnswer(association: ServerAssociation, request: ConfirmedRequest): { delayMs: number } | 'drop' {
    this.emit('request', { association, request });
    if (this.faults.unanswered?.(request)) return 'drop';
    return { delayMs: this.faults.responseDelayMs ?? 0 };
  }

  associated(association: ServerAssociation): void {
    this.emit('associated', association);
  }

  closed(association: ServerAssociation): void {
    this.associations.delete(association);
    this.model.dataSets.dropAssociation(association);
    this.emit('closed', association);
  }

  warn(association: ServerAssociation, message: string): void {
    this.emit('warning', `${association.remote}: ${message}`);
  }

  private async listen(port: number): Promise<void> {
    const listener = await TcpListener.listen(port, this.host);
    listener.on('connection', (link) => this.attach(link));
    this.listener = listener;
    this.portValue = listener.port;
  }
}
