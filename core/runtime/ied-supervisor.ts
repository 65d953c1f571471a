import type { PointCache } from '../cache';
import { TrafficTap, openIed, type IedSession, type IsoStackFactory } from '../client';
import type { IedConfig, IedConnectionState, IedStatus, LogLevel } from '../contract';
import type { SecretResolver } from '../project';
import { errorMessage } from '../shared';
import { backoffDelay } from './backoff';
import { ClockWatch } from './clock-watch';
import { iedEndpoint } from './ied-endpoint';
import type { IedPoint } from './ied-points';
import { LiveSession, type LiveSessionContext } from './live-session';
import type { RuntimeOptions } from './options';

export interface SupervisorContext {
  readonly cache: PointCache;
  readonly now: () => number;
  readonly random: () => number;
  readonly options: RuntimeOptions;
  readonly secrets: SecretResolver;
  readonly isoStack: IsoStackFactory;
  readonly entryIds: LiveSessionContext['entryIds'];
  readonly log: (level: LogLevel, source: string, message: string) => void;
  /** The IED's connection state or counters changed. */
  readonly changed: (ied: string) => void;
}

/**
 * Keeps one IED connected, independently of every other IED: associate, run a LiveSession (types, polls,
 * reports, Mod/Beh) until the association is lost or the runtime stops, mark the IED's points
 * disconnected once, wait with exponential backoff and jitter, and try again. Nothing here awaits another
 * IED, so one slow or dead IED never delays another.
 */
export class IedSupervisor {
  readonly tap: TrafficTap;
  private state: IedConnectionState = 'disconnected';
  private since: number;
  private lastError: string | null = null;
  private retryAt: number | null = null;
  private connects = 0;
  private negotiated: IedStatus['negotiated'] = null;
  private live: LiveSession | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly clock = new ClockWatch();

  constructor(
    readonly ied: IedConfig,
    private readonly points: readonly IedPoint[],
    private readonly ctx: SupervisorContext,
  ) {
    this.since = ctx.now();
    this.tap = new TrafficTap({ capacity: ctx.options.trafficCapacity, maxBytesPerRecord: 1024 });
    if (!ied.enabled) this.state = 'disabled';
  }

  start(): void {
    if (!this.ied.enabled) {
      this.ctx.cache.setIedDisconnected(this.ied.id, 'the IED is disabled in the project');
      return;
    }
    this.loopDone = this.loop();
  }

  /** Stops: releases the RCBs and concludes the association when there is one, then ends the loop. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loopDone;
  }

  status(): IedStatus {
    const live = this.live?.status();
    return {
      id: this.ied.id,
      name: this.ied.name ?? null,
      host: this.ied.host,
      port: this.ied.port,
      state: this.state,
      since: new Date(this.since).toISOString(),
      lastError: this.lastError,
      reconnectInMs: this.retryAt === null ? null : Math.max(0, Math.round(this.retryAt - this.ctx.now())),
      connects: this.connects,
      negotiated: this.negotiated,
      pollGroups: live?.pollGroups ?? [],
      reports: live?.reports ?? [],
      behaviour: live?.behaviour ?? [],
      time: this.clock.status(),
      points: this.ctx.cache.countsOf(this.ied.id),
    };
  }

  private log(level: LogLevel, message: string): void {
    this.ctx.log(level, `ied:${this.ied.id}`, message);
  }

  private setState(state: IedConnectionState, error?: string): void {
    const changed = state !== this.state || (error !== undefined && error !== this.lastError);
    if (error !== undefined) this.lastError = error;
    if (state !== this.state) this.since = this.ctx.now();
    this.state = state;
    if (changed) this.ctx.changed(this.ied.id);
  }

  private async loop(): Promise<void> {
    let password: string | undefined;
    try {
      password = this.ied.password ? await this.ctx.secrets.resolve(this.ied.password, `the password of IED ${this.ied.id}`) : undefined;
    } catch (err) {
      this.setState('error', errorMessage(err));
      this.ctx.cache.setIedDisconnected(this.ied.id, errorMessage(err));
      this.log('error', `${errorMessage(err)}; the IED is not connected`);
      return;
    }
    const endpoint = { ...iedEndpoint(this.ied, password), tap: this.tap };
    for (let attempt = 0; !this.stopping; ) {
      this.setState('connecting');
      const started = this.ctx.now();
      let session: IedSession;
      try {
        session = await openIed(endpoint, this.ctx.isoStack);
      } catch (err) {
        this.down(`cannot connect to ${this.ied.host}:${this.ied.port}: ${errorMessage(err)}`);
        await this.backoff(attempt++);
        continue;
      }
      if (this.stopping) {
        await session.close();
        break;
      }
      const why = await this.run(session);
      if (this.stopping) break;
      this.down(why);
      if (this.ctx.now() - started >= this.ctx.options.stableAfterMs) attempt = 0;
      await this.backoff(attempt++);
    }
    this.retryAt = null;
    this.ctx.cache.setIedDisconnected(this.ied.id, 'the gateway stopped');
    this.setState('disconnected');
  }

  /** Runs one association until it is lost or the runtime stops; returns why it ended. */
  private async run(session: IedSession): Promise<string> {
    this.connects++;
    const n = session.connection.negotiated;
    this.negotiated = { maxPduSize: n.maxPduSize, maxOutstanding: n.maxOutstanding };
    this.lastError = null;
    this.setState('connected');
    this.log('info', `connected to ${session.where} (PDU ${n.maxPduSize} octets, ${n.maxOutstanding} outstanding requests)`);
    const lost = new Promise<string>((resolve) => {
      session.connection.on('closed', (err) => resolve(err.message));
      const stop = (): void => resolve('stopping');
      this.wake = stop;
    });
    const warnings = session.connection.on('warning', (w) => this.log('warn', w));
    const live = new LiveSession(session, {
      ied: this.ied,
      points: this.points,
      cache: this.ctx.cache,
      now: this.ctx.now,
      random: this.ctx.random,
      log: (level, message) => {
        this.log(level, message);
        this.ctx.changed(this.ied.id);
      },
      options: this.ctx.options,
      clock: this.clock,
      entryIds: this.ctx.entryIds,
      unhealthy: (why) => {
        this.log('warn', `${why}: dropping the association to make it again`);
        session.connection.abort();
      },
    });
    this.live = live;
    live.start().catch((err: unknown) => {
      if (session.connection.closed || this.stopping) return;
      this.log('error', `setting up the session failed: ${errorMessage(err)}; dropping the association`);
      session.connection.abort();
    });
    const why = await lost;
    await live.stop(this.stopping);
    warnings();
    if (this.stopping && !session.connection.closed) await session.close();
    else session.connection.abort();
    this.live = undefined;
    this.negotiated = null;
    return why;
  }

  private down(reason: string): void {
    const news = this.state !== 'disconnected' || reason !== this.lastError;
    this.ctx.cache.setIedDisconnected(this.ied.id, reason);
    this.setState('disconnected', reason);
    this.log(news ? 'warn' : 'debug', reason);
  }

  private async backoff(attempt: number): Promise<void> {
    if (this.stopping) return;
    const delay = backoffDelay(attempt, this.ctx.random, this.ctx.options.backoff);
    this.retryAt = this.ctx.now() + delay;
    this.ctx.changed(this.ied.id);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.retryAt = null;
  }
}
