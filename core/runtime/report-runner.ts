import type { PointCache } from '../cache';
import {
  ReportSubscription,
  isClientError,
  rcbHolding,
  readRcbInstances,
  type IedClient,
  type RcbInstance,
  type ReportSource,
} from '../client';
import type { ReportPlan, ReportStatus } from '../contract';
import { parseObjectReference, type Report, type TriggerOption } from '../iec61850';
import { errorMessage, fromHex, toHex } from '../shared';
import { Binding, type PointTarget, type TimeObserver } from './binding';
import type { EntryIdStore } from './entry-ids';
import type { RuntimeLog } from './log';
import { ReportStats } from './report-stats';
import type { TypeCatalog } from './type-catalog';

export interface ReportRunnerContext {
  readonly iedId: string;
  readonly client: IedClient;
  readonly source: ReportSource;
  readonly cache: PointCache;
  readonly types: TypeCatalog;
  readonly now: () => number;
  readonly log: RuntimeLog;
  readonly fcdOf: (p: PointTarget) => readonly string[];
  /** BRCB EntryIDs and the instance each plan held, kept across reconnects and restarts (the state file). */
  readonly entryIds: Pick<EntryIdStore, 'get' | 'set' | 'instance' | 'setInstance'>;
  /** The gateway's end of the TCP link (`address:port`): the address the IED records as Owner. */
  readonly self?: string;
  /** The points this runner delivers changed: the poll groups take the rest. */
  readonly coverageChanged: () => void;
  readonly clock: TimeObserver;
}

type Phase = 'pending' | 'active' | 'polling';

/** `integrity` is the project's word for what IEC 61850-8-1's TrgOps bit calls `period`. */
function trgOpsOf(plan: ReportPlan): TriggerOption[] {
  return plan.trgOps.map((t) => (t === 'integrity' ? 'period' : t));
}

/**
 * One planned RCB on one association: checks who holds its instances, takes a free one, checks ConfRev,
 * reserves, configures (TrgOps, IntgPd, BufTm), resumes a BRCB after its last EntryID, enables and asks
 * for a GI; maps the data set members to the planned points and feeds the cache from each report. When
 * no instance can be used, its points are polled, diagnostics say why, and the RCB is tried again later.
 */
export class ReportRunner {
  private phase: Phase = 'pending';
  private reason: string | null = null;
  private holder: string | null = null;
  private instance: string | null = null;
  private confRev: number | null = null;
  private sub: ReportSubscription | undefined;
  private bindings: (Binding | undefined)[] = [];
  private coveredSet = new Set<PointTarget>();
  private retryAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Reports (the GI) that arrived while the RCB was being enabled, applied once the members are mapped. */
  private pendingEarly: Report[] = [];
  private readonly stats: ReportStats;

  constructor(
    readonly plan: ReportPlan,
    /** The points the plan says come from this RCB. */
    private readonly points: readonly PointTarget[],
    private readonly ctx: ReportRunnerContext,
    private readonly retryMs: number,
  ) {
    this.stats = new ReportStats(plan.buffered);
  }

  /** Points this RCB delivers now. */
  get covered(): ReadonlySet<PointTarget> {
    return this.coveredSet;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    this.retryAt = null;
    try {
      await this.tryStart();
    } catch (err) {
      if (this.stopped) return;
      this.fallBack(errorMessage(err), null);
    }
  }

  /** Stops reports; with `release`, disables and releases the RCB so the next client finds it free. */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const sub = this.sub;
    this.sub = undefined;
    if (sub && release) {
      try {
        await sub.stop();
        this.ctx.log('info', `RCB ${this.instance ?? this.plan.rcb} disabled and released`);
      } catch (err) {
        this.ctx.log('warn', `RCB ${this.instance ?? this.plan.rcb} could not be released: ${errorMessage(err)}`);
      }
    }
  }

  status(): ReportStatus {
    return {
      id: this.plan.id,
      rcb: this.plan.rcb,
      instance: this.instance,
      state: this.phase,
      reason: this.reason,
      holder: this.holder,
      confRev: this.confRev,
      plannedConfRev: this.plan.confRev ?? null,
      reports: this.stats.reports,
      sqNumGaps: this.stats.sqNumGaps,
      entryIdGaps: this.stats.entryIdGaps,
      bufferOverflows: this.stats.bufferOverflows,
      lastEntryId: this.ctx.entryIds.get(this.ctx.iedId, this.plan.id) ?? null,
      coveredPoints: this.coveredSet.size,
      nextRetryInMs: this.retryAt === null ? null : Math.max(0, Math.round(this.retryAt - this.ctx.now())),
    };
  }

  private async tryStart(): Promise<void> {
    const { plan, ctx } = this;
    let instances: RcbInstance[];
    try {
      instances = await readRcbInstances(ctx.client, plan.rcb);
    } catch (err) {
      if (isClientError(err, 'object-non-existent')) return this.fallBack(`RCB ${plan.rcb} does not exist in the IED`, null);
      throw err;
    }
    const previous = ctx.entryIds.instance(ctx.iedId, plan.id);
    const usable = instances.filter((i) => i.state !== undefined && !rcbHolding(i.state, ctx.self, instanceName(i) === previous).held);
    if (usable.length === 0) return this.fallBack(...heldBy(plan.rcb, instances, ctx.self));
    // The instance held last comes first: its buffer has our EntryIDs, and the IED may keep it reserved for us.
    usable.sort((a, b) => Number(instanceName(b) === previous) - Number(instanceName(a) === previous));
    for (const [n, candidate] of usable.entries()) {
      this.instance = instanceName(candidate);
      this.checkConfRev(candidate);
      let sub: ReportSubscription;
      try {
        sub = await this.subscribe(candidate.ref);
      } catch (err) {
        // The IED refuses it (a reservation we took for ours was another client's): the next instance.
        if (n + 1 < usable.length && (isClientError(err, 'temporarily-unavailable') || isClientError(err, 'access-denied'))) {
          ctx.log('info', `RCB ${this.instance} refused (${errorMessage(err)}); trying the next instance`);
          continue;
        }
        throw err;
      }
      if (this.stopped) {
        await sub.stop().catch(() => undefined);
        return;
      }
      this.sub = sub;
      this.confRev = sub.state.confRev;
      ctx.entryIds.setInstance(ctx.iedId, plan.id, this.instance);
      await this.bind(sub);
      return;
    }
  }

  private checkConfRev(free: RcbInstance): void {
    const planned = this.plan.confRev;
    const actual = free.state?.confRev;
    if (planned !== undefined && actual !== undefined && planned !== actual)
      this.ctx.log(
        'warn',
        `RCB ${this.instance}: ConfRev is ${actual}, the plan was made for ${planned}: the IED was re-engineered. Its data set is mapped again as the IED has it now; update the project (relaygate init, or the wizard) to keep the plan in step`,
      );
  }

  /** Enables the instance; a BRCB resumes after its last EntryID, or replays its buffer when that fails. */
  private async subscribe(ref: string): Promise<ReportSubscription> {
    const { plan, ctx } = this;
    const early: Report[] = [];
    let deliver = (r: Report): void => void early.push(r);
    const onReport = (r: Report): void => deliver(r);
    const saved = plan.buffered ? ctx.entryIds.get(ctx.iedId, plan.id) : undefined;
    const base = {
      onReport,
      trgOps: trgOpsOf(plan),
      ...(plan.integrityMs > 0 ? { intgPd: plan.integrityMs } : {}),
      ...(plan.bufTimeMs !== undefined ? { bufTm: plan.bufTimeMs } : {}),
      gi: true,
    };
    let sub: ReportSubscription;
    try {
      sub = await ReportSubscription.start(ctx.client, ctx.source, ref, saved ? { ...base, resumeEntryId: fromHex(saved) } : base);
      if (saved) ctx.log('info', `RCB ${this.instance}: resumed after EntryID ${saved}`);
    } catch (err) {
      if (!saved || !/EntryID/.test(errorMessage(err))) throw err;
      ctx.log('warn', `RCB ${this.instance}: could not resume after EntryID ${saved} (${errorMessage(err)}); the IED's buffer is replayed`);
      sub = await ReportSubscription.start(ctx.client, ctx.source, ref, base);
    }
    this.stats.restart();
    deliver = (r) => this.onReport(r);
    this.pendingEarly = early;
    return sub;
  }

  /** Maps the data set members to points, switches the covered points from polling to reports. */
  private async bind(sub: ReportSubscription): Promise<void> {
    const { ctx } = this;
    const members = sub.members.map((m) => {
      try {
        return parseObjectReference(m);
      } catch {
        return undefined;
      }
    });
    await ctx.types.load(members.flatMap((m) => (m?.fc ? [{ ld: m.ld, ln: m.ln, fc: m.fc }] : [])));
    this.bindings = members.map((m, i) => {
      if (!m?.fc) return undefined;
      const spec = ctx.types.specOf(m.ld, m.ln, m.fc, m.path);
      if (typeof spec === 'string') return undefined;
      const mine = this.points.filter((p) => p.ld === m.ld && p.ln === m.ln && p.fc === m.fc);
      const b = Binding.compile(sub.members[i] as string, m.path, spec, mine, ctx.fcdOf);
      return b.size > 0 ? b : undefined;
    });
    this.coveredSet = new Set(this.bindings.flatMap((b) => b?.valueTargets ?? []));
    const missing = this.points.filter((p) => !this.coveredSet.has(p));
    this.phase = 'active';
    this.reason = missing.length > 0 ? `${missing.length} planned points are not in data set ${sub.state.datSet}: polled` : null;
    this.holder = null;
    ctx.log('info', `RCB ${this.instance} enabled (${sub.rcb.buffered ? 'BRCB' : 'URCB'}, data set ${sub.state.datSet}, ConfRev ${sub.state.confRev}): ${this.coveredSet.size} points by report`);
    if (missing.length > 0)
      ctx.log('warn', `RCB ${this.instance}: ${missing.map((p) => p.id).slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} not in its data set ${sub.state.datSet}; polled instead`);
    ctx.coverageChanged();
    const early = this.pendingEarly;
    this.pendingEarly = [];
    for (const r of early) this.onReport(r);
  }

  private onReport(report: Report): void {
    if (this.stopped) return;
    const { ctx } = this;
    for (const news of this.stats.observe(report.seqNum, report.entryId, report.bufOvfl)) ctx.log('warn', `RCB ${this.instance}: ${news}`);
    if (report.confRev !== undefined && this.confRev !== null && report.confRev !== this.confRev) {
      ctx.log('warn', `RCB ${this.instance}: ConfRev changed from ${this.confRev} to ${report.confRev} while enabled: the data set changed; mapping it again`);
      void this.restart();
      return;
    }
    const now = ctx.now();
    for (const entry of report.entries) {
      const binding = this.bindings[entry.index];
      if (!binding) continue;
      const result = entry.value ? { ok: true as const, value: entry.value } : entry.accessError ? { ok: false as const, error: entry.accessError } : undefined;
      if (!result) continue;
      const change = entry.reasons?.some((r) => r === 'dchg' || r === 'qchg') === true;
      binding.apply(result, ctx.cache, 'report', now, change ? ctx.clock : undefined, this.plan.buffered);
    }
    if (this.plan.buffered && report.entryId) ctx.entryIds.set(ctx.iedId, this.plan.id, toHex(report.entryId));
  }

  private async restart(): Promise<void> {
    const sub = this.sub;
    this.sub = undefined;
    this.phase = 'pending';
    this.coveredSet = new Set();
    this.ctx.coverageChanged();
    await sub?.stop().catch(() => undefined);
    await this.start();
  }

  private fallBack(reason: string, holder: string | null): void {
    if (this.stopped) return;
    this.phase = 'polling';
    this.reason = reason;
    this.holder = holder;
    this.coveredSet = new Set();
    this.retryAt = this.ctx.now() + this.retryMs;
    this.ctx.log('warn', `${reason}; its ${this.points.length} points are polled instead, the RCB is tried again in ${Math.round(this.retryMs / 1000)} s`);
    this.ctx.coverageChanged();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.start(), this.retryMs);
  }
}

/** `LD/LLN0.brcbA01`: an instance's reference without its FC. */
const instanceName = (i: RcbInstance): string => i.ref.replace(/\[(RP|BR)\]$/, '');

/** The reason and holder when every instance is held: names each instance and its Owner. */
function heldBy(rcb: string, instances: readonly RcbInstance[], self: string | undefined): [string, string | null] {
  const parts = instances.map((i) => {
    const name = instanceName(i);
    if (!i.state) return `${name} ${i.error ?? 'unreadable'}`;
    const h = rcbHolding(i.state, self);
    return `${name} ${h.how}${h.owner ? ` by ${h.owner}` : ' (owner not named by the IED)'}`;
  });
  const owner = instances.map((i) => (i.state ? rcbHolding(i.state, self).owner : null)).find((o) => o !== null) ?? null;
  const what = instances.length === 1 ? `RCB ${rcb} is held by another client` : `every instance of RCB ${rcb} is held by another client`;
  return [`${what}: ${parts.join('; ')}`, owner];
}
