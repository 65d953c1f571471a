import type { IedStatus, PointBatch, PointState } from '../contract';

/**
 * Throttles what goes to UI clients: point changes merged per point (the newest state wins) and IED
 * statuses merged per IED, emitted together at most once per interval (≤ 10 Hz at the 100 ms default;
 * many changes in one interval go as consecutive batches of at most `maxChanges`).
 * A client that misses a batch asks for a snapshot; each state in a batch is whole, so applying one twice
 * is harmless.
 */
export class PointStream {
  private readonly points = new Map<string, PointState>();
  private readonly ieds = new Map<string, IedStatus>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private batchNo = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly emitBatch: (batch: PointBatch) => void,
    private readonly emitIed: (status: IedStatus) => void,
    /**
     * Changes per emitted batch at most: 20,000 changes in one interval go out as consecutive batches
     * of this many (about 500 bytes of JSON per change, so about 125 kB each). A browser receives,
     * decodes and parses each WebSocket message in one task on its main thread: at 2000 changes (1 MB)
     * that task took 70 ms of CPU and stretched past 100 ms on a busy machine, so the live grid froze
     * (docs/BENCHMARKS.md, the live grid with 20,000 points).
     */
    private readonly maxChanges = 250,
  ) {}

  /** The number of the last batch emitted (a snapshot taken now continues from the next one). */
  get lastBatch(): number {
    return this.batchNo;
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.intervalMs);
  }

  /** Emits what is pending and stops. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }

  addBatch(batch: PointBatch): void {
    for (const c of batch.changes) this.points.set(c.key, c);
  }

  addIed(status: IedStatus): void {
    this.ieds.set(status.id, status);
  }

  private flush(): void {
    if (this.points.size > 0) {
      const changes = [...this.points.values()];
      this.points.clear();
      for (let i = 0; i < changes.length; i += this.maxChanges) this.emitBatch({ batch: ++this.batchNo, changes: changes.slice(i, i + this.maxChanges) });
    }
    if (this.ieds.size > 0) {
      const statuses = [...this.ieds.values()];
      this.ieds.clear();
      for (const s of statuses) this.emitIed(s);
    }
  }
}
