import type { PointCache } from '../cache';
import type { IedClient } from '../client';
import type { PollGroupStatus } from '../contract';
import { dataSizeBound, formatObjectName, splitReadByPduSize, type MmsTypeSpec, type VariableName } from '../mms';
import { errorMessage } from '../shared';
import type { Binding } from './binding';

/** One whole FCD a poll group reads each cycle, and the points it feeds. */
export interface PollItem {
  readonly name: VariableName;
  readonly spec: MmsTypeSpec;
  readonly binding: Binding;
}

export interface PollGroupOptions {
  readonly id: string;
  readonly periodMs: number;
  readonly client: IedClient;
  readonly maxPduSize: number;
  readonly cache: PointCache;
  readonly now: () => number;
  /** Delay of the first cycle, so that groups of many IEDs do not all fire in the same millisecond. */
  readonly phaseMs: number;
  /** Called after each cycle that failed as a whole (timeout, association lost); reset by a good one. */
  readonly onFailure: (err: unknown, consecutive: number) => void;
  /** Called after each cycle that applied values (so the runtime can flush promptly). */
  readonly onCycle?: () => void;
}

const MAX_ITEMS_PER_REQUEST = 128;

/**
 * Reads one poll group's FCDs every period: many variables per Read request, packed to the negotiated
 * PDU size (answers included, sized from the types), all requests of a cycle sent together (pipelined
 * up to the negotiated outstanding limit by the connection). A cycle still running when the next is due
 * makes that next one missed, never queued; a cycle that starts late is counted late.
 */
export class PollGroup {
  private itemList: readonly PollItem[] = [];
  private names: VariableName[] = [];
  private bounds: (number | undefined)[] = [];
  private requestCount = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;
  private running = false;
  private stopped = true;
  private failures = 0;
  private readonly counters = { cycles: 0, late: 0, missed: 0, lastDurationMs: null as number | null, lastError: null as string | null };

  constructor(private readonly options: PollGroupOptions) {}

  /** What each cycle reads; may change while running (a report falls back to polling, or recovers). */
  set items(items: readonly PollItem[]) {
    this.itemList = items;
    this.names = items.map((i) => i.name);
    this.bounds = items.map((i) => dataSizeBound(i.spec));
    this.requestCount = items.length === 0 ? 0 : splitReadByPduSize(this.names, this.options.maxPduSize, { maxVariables: MAX_ITEMS_PER_REQUEST, responseBounds: this.bounds }).length;
  }

  get items(): readonly PollItem[] {
    return this.itemList;
  }

  start(): void {
    this.stopped = false;
    this.due = this.options.now() + this.options.phaseMs;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  status(): PollGroupStatus {
    return {
      id: this.options.id,
      periodMs: this.options.periodMs,
      variables: this.itemList.length,
      requests: this.requestCount,
      ...this.counters,
    };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, this.due - this.options.now()));
  }

  private fire(): void {
    const { periodMs, now } = this.options;
    const t = now();
    const lateness = t - this.due;
    // The next due time stays on the grid; cycles that fell wholly behind are missed, not bunched.
    this.due += periodMs;
    if (this.due <= t) {
      const skipped = Math.floor((t - this.due) / periodMs) + 1;
      this.counters.missed += skipped;
      this.due += skipped * periodMs;
    }
    this.schedule();
    if (this.running) {
      this.counters.missed++;
      return;
    }
    if (this.itemList.length === 0) return;
    if (lateness > Math.max(50, periodMs * 0.1)) this.counters.late++;
    void this.cycle();
  }

  private async cycle(): Promise<void> {
    const { client, cache, now } = this.options;
    const items = this.itemList;
    const started = now();
    this.running = true;
    try {
      const results = await client.readVariables(this.names, { maxItemsPerRequest: MAX_ITEMS_PER_REQUEST, responseBounds: this.bounds });
      if (this.stopped) return;
      const t = now();
      // The group changed while the cycle ran (an RCB now reports some points, and its GI may already
      // have been applied): each answer goes to the points its FCD is polled for now, through the current
      // binding, so a point that moved keeps source 'report'.
      const current = this.itemList === items ? null : new Map(this.itemList.map((i) => [formatObjectName(i.name), i]));
      for (let i = 0; i < items.length; i++) {
        const result = results[i];
        const item = current === null ? items[i] : current.get(formatObjectName((items[i] as PollItem).name));
        if (result && item) item.binding.apply(result, cache, 'poll', t);
      }
      this.counters.cycles++;
      this.counters.lastDurationMs = t - started;
      this.counters.lastError = null;
      this.failures = 0;
      this.options.onCycle?.();
    } catch (err) {
      if (this.stopped) return;
      this.counters.lastError = errorMessage(err);
      this.options.onFailure(err, ++this.failures);
    } finally {
      this.running = false;
    }
  }
}
