/**
 * The bounded queue that holds messages while the broker is away (CONVENTIONS.md "MQTT"): one entry per
 * topic, the newest value wins. When a new topic finds the queue full, the oldest entry is dropped.
 * Map insertion order is the send order; a replaced topic keeps its place.
 */
export class LatestQueue<T> {
  private readonly entries = new Map<string, T>();
  private supersededCount = 0;
  private droppedCount = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`queue limit must be a positive integer, got ${limit}`);
  }

  put(topic: string, item: T): void {
    if (this.entries.has(topic)) {
      this.supersededCount++;
      this.entries.set(topic, item);
      return;
    }
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.droppedCount++;
    }
    this.entries.set(topic, item);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Queued messages replaced by a newer one for the same topic, since creation. */
  get superseded(): number {
    return this.supersededCount;
  }

  /** Messages dropped because the queue was full, since creation. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Takes the oldest entry out. */
  shift(): [topic: string, item: T] | undefined {
    const first = this.entries.entries().next();
    if (first.done === true) return undefined;
    this.entries.delete(first.value[0]);
    return first.value;
  }

  has(topic: string): boolean {
    return this.entries.has(topic);
  }

  /** Takes everything out, oldest first. */
  drain(): [topic: string, item: T][] {
    const out = [...this.entries];
    this.entries.clear();
    return out;
  }
}
