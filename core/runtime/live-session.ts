import { defaultStaleTimeout, type PointCache } from '../cache';
import type { IedSession } from '../client';
import type { IedConfig, IedStatus } from '../contract';
import { errorMessage } from '../shared';
import type { PointTarget } from './binding';
import { BehaviourWatch } from './behaviour';
import type { ClockWatch } from './clock-watch';
import type { IedPoint } from './ied-points';
import type { RuntimeLog } from './log';
import { PollGroup } from './poll-group';
import { ReportRunner, type ReportRunnerContext } from './report-runner';
import type { RuntimeOptions } from './options';
import { TypeCatalog } from './type-catalog';
import { fcdItems, fcdsOf } from './fcd-items';

export interface LiveSessionContext {
  readonly ied: IedConfig;
  readonly points: readonly IedPoint[];
  readonly cache: PointCache;
  readonly now: () => number;
  readonly random: () => number;
  readonly log: RuntimeLog;
  readonly options: RuntimeOptions;
  readonly clock: ClockWatch;
  readonly entryIds: ReportRunnerContext['entryIds'];
  /** Poll cycles keep failing as a whole: the supervisor drops the association and reconnects. */
  readonly unhealthy: (why: string) => void;
}

/**
 * Everything that lives as long as one association: the types asked, each point's FCD, the poll groups,
 * the report runners and the behaviour reads. Built after the association, torn down with it.
 */
export class LiveSession {
  private readonly types: TypeCatalog;
  private readonly fcds = new Map<PointTarget, readonly string[]>();
  private readonly groups = new Map<string, PollGroup>();
  private readonly runners: ReportRunner[] = [];
  private readonly behaviour: BehaviourWatch;
  private behaviourTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    private readonly session: IedSession,
    private readonly ctx: LiveSessionContext,
  ) {
    this.types = new TypeCatalog(session.client);
    const lds = [...new Set(ctx.points.map((p) => p.target.ld))];
    const lns = [...new Set(ctx.points.filter((p) => p.target.ln !== 'LLN0').map((p) => `${p.target.ld}/${p.target.ln}`))];
    this.behaviour = new BehaviourWatch(ctx.ied.id, lds, lns);
  }

  /** Asks the types the plan needs, starts polling everything, then enables the planned RCBs. */
  async start(): Promise<void> {
    const { ctx, session } = this;
    await this.types.load(ctx.points.map((p) => p.target));
    for (const [t, fcd] of fcdsOf(ctx.points.map((p) => p.target), this.types, ctx.cache)) this.fcds.set(t, fcd);
    const unknown = ctx.points.length - this.fcds.size;
    if (unknown > 0) ctx.log('warn', `${unknown} points do not exist in the IED's model (see their status)`);
    await this.readBehaviour();
    this.behaviourTimer = setInterval(() => void this.readBehaviour(), ctx.options.behaviourPeriodMs);
    for (const g of ctx.ied.pollGroups) {
      const group = new PollGroup({
        id: g.id,
        periodMs: g.periodMs,
        client: session.client,
        maxPduSize: session.connection.negotiated.maxPduSize,
        cache: ctx.cache,
        now: ctx.now,
        phaseMs: Math.floor(ctx.random() * Math.min(g.periodMs, 1000)),
        onFailure: (err, n) => this.pollFailed(g.id, err, n),
      });
      this.groups.set(g.id, group);
    }
    const fcdOf = (p: PointTarget): readonly string[] => this.fcds.get(p) ?? p.path;
    for (const plan of ctx.ied.reports) {
      const planned = ctx.points.filter((p) => p.config.source === 'report' && p.config.report === plan.id && this.fcds.has(p.target));
      this.runners.push(
        new ReportRunner(plan, planned.map((p) => p.target), {
          iedId: ctx.ied.id,
          client: session.client,
          source: session.connection,
          cache: ctx.cache,
          types: this.types,
          now: ctx.now,
          log: ctx.log,
          fcdOf,
          entryIds: ctx.entryIds,
          self: session.local,
          coverageChanged: () => this.assignPolls(),
          clock: (deviceMs, flags) => this.observeClock(deviceMs, flags),
        }, ctx.options.reportRetryMs),
      );
    }
    this.assignPolls();
    for (const group of this.groups.values()) group.start();
    await Promise.all(this.runners.map((r) => r.start()));
  }

  /** Stops everything; with `release`, disables and releases the RCBs first (a clean stop). */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    clearInterval(this.behaviourTimer);
    for (const group of this.groups.values()) group.stop();
    await Promise.all(this.runners.map((r) => r.stop(release && !this.session.connection.closed)));
  }

  status(): Pick<IedStatus, 'pollGroups' | 'reports' | 'behaviour'> {
    return {
      pollGroups: [...this.groups.values()].map((g) => g.status()),
      reports: this.runners.map((r) => r.status()),
      behaviour: this.behaviour.status(),
    };
  }

  /**
   * Gives each poll group the FCDs of its points that no active RCB delivers, and sets each point's
   * stale timeout from how it is updated now (its poll period, or its RCB's integrity period).
   */
  private assignPolls(): void {
    if (this.stopped) return;
    const { ctx } = this;
    const byReport = new Map<PointTarget, number>();
    for (const r of this.runners) for (const t of r.covered) byReport.set(t, r.plan.integrityMs);
    const polled = new Map<string, PointTarget[]>();
    for (const p of ctx.points) {
      const t = p.target;
      if (!this.fcds.has(t)) continue;
      const group = p.config.pollGroup ?? 'default';
      const integrity = byReport.get(t);
      const period = ctx.ied.pollGroups.find((g) => g.id === group)?.periodMs ?? 1000;
      const expected = integrity === undefined ? period : integrity > 0 ? integrity : null;
      ctx.cache.setStaleTimeout(t.index, p.config.staleTimeoutMs ?? (expected === null ? null : defaultStaleTimeout(expected)));
      if (integrity !== undefined) continue;
      const list = polled.get(group) ?? [];
      list.push(t);
      polled.set(group, list);
    }
    for (const [id, group] of this.groups) group.items = fcdItems(polled.get(id) ?? [], this.types, this.fcds);
  }

  private async readBehaviour(): Promise<void> {
    try {
      await this.behaviour.read(this.session.client, this.ctx.cache);
    } catch (err) {
      if (!this.stopped) this.ctx.log('debug', `Mod/Beh could not be read: ${errorMessage(err)}`);
    }
  }

  private observeClock(deviceMs: number, flags: { clockNotSynchronized: boolean; clockFailure: boolean }): void {
    if (this.ctx.clock.observe(this.ctx.now(), deviceMs, flags) && (flags.clockNotSynchronized || flags.clockFailure))
      this.ctx.log('warn', `the IED's timestamps say ${[flags.clockFailure ? 'ClockFailure' : '', flags.clockNotSynchronized ? 'ClockNotSynchronized' : ''].filter(Boolean).join(' and ')}`);
  }

  private pollFailed(group: string, err: unknown, consecutive: number): void {
    if (this.stopped) return;
    this.ctx.log(consecutive === 1 ? 'warn' : 'debug', `poll group ${group} failed: ${errorMessage(err)}`);
    if (consecutive >= this.ctx.options.maxPollFailures)
      this.ctx.unhealthy(`${consecutive} poll cycles of group ${group} failed in a row (${errorMessage(err)})`);
  }
}
