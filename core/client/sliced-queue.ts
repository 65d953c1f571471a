/** Longest stretch of inbound work before yielding: timers, signals and other IEDs' sockets get their turn. */
export const DEFAULT_SLICE_MS = 20;

export interface SlicedQueueOptions<T> {
  /** Handles one item. A throw is the handler's own business: it must not throw. */
  handle: (item: T) => void;
  /** Work time per turn of the event loop. Default 20 ms. */
  sliceMs?: number;
  /** Called when a slice ends with work left: stop the source (pause the socket). */
  onBehind?: () => void;
  /** Called when the backlog is done after `onBehind`: restart the source. */
  onCaughtUp?: () => void;
  now?: () => number;
}

/**
 * Runs queued items in time slices. Node reads a busy socket up to 32 times in one poll phase, so a
 * flood of small PDUs handled synchronously as they arrive can hold the event loop for seconds: timers
 * (request timeouts) fire late and Ctrl-C waits. This queue handles items until its slice is used, then
 * asks the source to pause and continues in a later turn (setImmediate), after timers and other I/O.
 * Items keep their order; nothing is dropped.
 */
export class SlicedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private scheduled = false;
  private running = false;
  private behind = false;
  private stopped = false;
  /** Slices that ended with work left (how often a peer outran us). */
  yields = 0;

  private readonly now: () => number;

  constructor(private readonly options: SlicedQueueOptions<T>) {
    this.now = options.now ?? (() => performance.now());
  }

  get length(): number {
    return this.items.length - this.head;
  }

  push(items: readonly T[]): void {
    if (this.stopped) return;
    for (const item of items) this.items.push(item);
    if (!this.scheduled && !this.running) this.run();
  }

  /** Drops what is queued and ignores later pushes (the connection is gone). */
  stop(): void {
    this.stopped = true;
    this.items = [];
    this.head = 0;
  }

  private run(): void {
    this.running = true;
    try {
      if (this.slice()) return this.yieldTurn();
    } finally {
      this.running = false;
    }
    this.items = [];
    this.head = 0;
    if (this.behind) {
      this.behind = false;
      if (!this.stopped) this.options.onCaughtUp?.();
    }
  }

  /** Handles items until the queue is empty (false) or the slice is used with work left (true). */
  private slice(): boolean {
    const deadline = this.now() + (this.options.sliceMs ?? DEFAULT_SLICE_MS);
    while (this.head < this.items.length && !this.stopped) {
      const item = this.items[this.head] as T;
      this.items[this.head++] = undefined as T;
      this.options.handle(item);
      if (this.head < this.items.length && this.now() >= deadline) return true;
    }
    return false;
  }

  private yieldTurn(): void {
    this.yields++;
    if (!this.behind) {
      this.behind = true;
      this.options.onBehind?.();
    }
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }
}

/**
 * Cooperative yielding for a CPU-bound loop over peer-sized data (a discovered model, a long list):
 * `if (slice.due) await slice.next()` inside the loop gives timers, signals and sockets their turn
 * every `ms` milliseconds.
 */
export class TimeSlice {
  private deadline: number;

  constructor(private readonly ms = DEFAULT_SLICE_MS) {
    this.deadline = performance.now() + ms;
  }

  get due(): boolean {
    return performance.now() >= this.deadline;
  }

  async next(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.deadline = performance.now() + this.ms;
  }
}
