import { PointCache, defaultStaleTimeout, type CachePoint } from '../cache';
import { isoStackFor, type TrafficRecord } from '../client';
import type { IedConnectionState, IedStatus, LogLevel, PointBatch, PointState, Project } from '../contract';
import type { SecretResolver } from '../project';
import { TypedEmitter, errorMessage } from '../shared';
import { EntryIdStore } from './entry-ids';
import { isoFactoryFor } from './ied-endpoint';
import { iedPoints } from './ied-points';
import { IedSupervisor } from './ied-supervisor';
import { PointHistory, type PointHistoryOptions } from './point-history';
import { DEFAULT_RUNTIME_OPTIONS, type RuntimeOptions } from './options';
import type { PointSink } from './outputs';

export interface RuntimeLogEntry {
  readonly level: LogLevel;
  /** `runtime`, `ied:F7`, `output:modbus`, ... */
  readonly source: string;
  readonly message: string;
}

export interface GatewayEvents extends Record<string, unknown> {
  batch: PointBatch;
  iedStatus: IedStatus;
  log: RuntimeLogEntry;
}

export interface GatewayOptions {
  readonly secrets: SecretResolver;
  readonly outputs?: readonly PointSink[];
  readonly entryIds?: EntryIdStore;
  readonly options?: Partial<RuntimeOptions>;
  /** core/iso's association (the default); tests may wrap it. */
  readonly isoStack?: typeof isoStackFor;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Bounds of the analog points' history (default: 600 samples per point, 1,000,000 in all). */
  readonly history?: Partial<PointHistoryOptions>;
}

/** The cache's record of every project point: key, reference, type and stale timeout from its poll period. */
export function cachePoints(project: Project): CachePoint[] {
  return project.points.map((p) => {
    const ied = project.ieds.find((i) => i.id === p.ied);
    const period = ied?.pollGroups.find((g) => g.id === (p.pollGroup ?? 'default'))?.periodMs ?? 1000;
    return {
      key: `${p.ied}/${p.id}`,
      ied: p.ied,
      point: p.id,
      ref: p.ref,
      fc: p.fc,
      type: p.type,
      staleTimeoutMs: p.staleTimeoutMs ?? defaultStaleTimeout(period),
    };
  });
}

/**
 * The gateway runtime and composition root: one supervisor per IED feeding one cache, whose change
 * batches go to every output (Modbus image, MQTT publisher, the service's clients). A batch is taken as
 * soon as the event loop is free after a change, so a reported value reaches the outputs without
 * waiting for any timer; a tick evaluates staleness.
 */
export class Gateway extends TypedEmitter<GatewayEvents> {
  readonly cache: PointCache;
  /** The analog points' recent samples (Trends). */
  readonly history: PointHistory;
  readonly entryIds: EntryIdStore;
  private readonly supervisors = new Map<string, IedSupervisor>();
  private readonly outputs: readonly PointSink[];
  private readonly options: RuntimeOptions;
  private readonly now: () => number;
  private readonly iedStates = new Map<string, IedConnectionState>();
  private readonly statusDirty = new Set<string>();
  private flushScheduled = false;
  private statusScheduled = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private running = false;

  constructor(
    readonly project: Project,
    private readonly gatewayOptions: GatewayOptions,
  ) {
    super();
    this.options = { ...DEFAULT_RUNTIME_OPTIONS, ...gatewayOptions.options };
    this.now = gatewayOptions.now ?? Date.now;
    const points = cachePoints(project);
    this.cache = new PointCache(points);
    this.history = new PointHistory(points, gatewayOptions.history);
    this.cache.onDirty = () => this.scheduleFlush();
    this.entryIds = gatewayOptions.entryIds ?? new EntryIdStore();
    this.outputs = gatewayOptions.outputs ?? [];
    const baseIso = gatewayOptions.isoStack ?? isoStackFor;
    for (const ied of project.ieds) {
      this.supervisors.set(
        ied.id,
        new IedSupervisor(ied, iedPoints(ied, project.points, this.cache), {
          cache: this.cache,
          now: this.now,
          random: gatewayOptions.random ?? Math.random,
          options: this.options,
          secrets: gatewayOptions.secrets,
          isoStack: isoFactoryFor(ied, baseIso),
          entryIds: this.entryIds,
          log: (level, source, message) => this.log(level, source, message),
          changed: (id) => this.statusChanged(id),
        }),
      );
    }
  }

  /** Starts the outputs, then every IED's supervisor (without waiting for any IED). */
  async start(): Promise<void> {
    if (this.running) return;
    const initial = this.cache.snapshot();
    for (const output of this.outputs) await output.start?.(initial);
    this.running = true;
    this.ticker = setInterval(() => this.tick(), this.options.tickMs);
    for (const s of this.supervisors.values()) s.start();
    const { ieds, points } = this.project;
    this.log('info', 'runtime', `started: ${ieds.length} IED${ieds.length === 1 ? '' : 's'}, ${points.length} point${points.length === 1 ? '' : 's'}`);
  }

  /** Releases every RCB and concludes every association, delivers the last batch, stops the outputs. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await Promise.all([...this.supervisors.values()].map((s) => s.stop()));
    clearInterval(this.ticker);
    this.flush();
    for (const output of this.outputs) {
      try {
        await output.stop?.();
      } catch (err) {
        this.log('warn', `output:${output.name}`, `stopping failed: ${errorMessage(err)}`);
      }
    }
    this.log('info', 'runtime', 'stopped');
  }

  get isRunning(): boolean {
    return this.running;
  }

  iedStatuses(): IedStatus[] {
    return [...this.supervisors.values()].map((s) => s.status());
  }

  iedStatus(id: string): IedStatus | undefined {
    return this.supervisors.get(id)?.status();
  }

  snapshot(): { batch: number; points: PointState[] } {
    return { batch: this.cache.lastBatch, points: this.cache.snapshot() };
  }

  /** The MMS PDUs of one IED's association after `afterSeq`, oldest first. */
  traffic(ied: string, afterSeq = 0): { records: TrafficRecord[]; dropped: number; capacity: number } | undefined {
    const tap = this.supervisors.get(ied)?.tap;
    return tap && { records: tap.since(afterSeq), dropped: tap.dropped, capacity: tap.capacity };
  }

  private log(level: LogLevel, source: string, message: string): void {
    this.emit('log', { level, source, message });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Takes the pending changes as one batch and hands it to every output, then to listeners. */
  private flush(): void {
    const batch = this.cache.takeBatch();
    if (!batch) return;
    this.history.apply(batch, this.now());
    for (const output of this.outputs) {
      try {
        output.apply(batch);
      } catch (err) {
        this.log('error', `output:${output.name}`, `applying a batch failed: ${errorMessage(err)}`);
      }
    }
    this.emit('batch', batch);
  }

  private tick(): void {
    const now = this.now();
    this.cache.tick(now);
    for (const output of this.outputs) {
      try {
        output.tick?.(now, this.cache);
      } catch (err) {
        this.log('error', `output:${output.name}`, `tick failed: ${errorMessage(err)}`);
      }
    }
    this.flush();
  }

  private statusChanged(id: string): void {
    this.statusDirty.add(id);
    if (this.statusScheduled) return;
    this.statusScheduled = true;
    setImmediate(() => {
      this.statusScheduled = false;
      const ids = [...this.statusDirty];
      this.statusDirty.clear();
      for (const ied of ids) {
        const status = this.supervisors.get(ied)?.status();
        if (!status) continue;
        if (this.iedStates.get(ied) !== status.state) {
          this.iedStates.set(ied, status.state);
          for (const output of this.outputs) output.iedState?.(ied, status.state);
        }
        this.emit('iedStatus', status);
      }
    });
  }
}
