import type { IncludedMember } from './report-builder';

/** One buffered report of a BRCB (IEC 61850-7-2 §17.2.2: an entry with its EntryID and time). */
export interface BufferedEntry {
  readonly key: bigint;
  /** 8 octets, the key big-endian. */
  readonly entryId: Uint8Array;
  readonly timeMs: number;
  readonly members: readonly IncludedMember[];
}

export const DEFAULT_BUFFER_ENTRIES = 1000;

/** The 8-octet EntryID of a key. */
export function entryIdOf(key: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, key);
  return out;
}

/**
 * The report buffer of a BRCB: entries in order, bounded; the oldest go first when it is full. What
 * the client has received is tracked by a cursor (the key of the last entry sent), so a client that
 * comes back resumes after the EntryID it last saw. Dropping an entry the client has not received sets
 * the overflow flag that the next report carries as BufOvfl.
 */
export class ReportBuffer {
  private entries: BufferedEntry[] = [];
  /** Key of the last entry delivered; undefined = nothing yet (start at the oldest). */
  private cursor: bigint | undefined;
  private overflowed = false;
  /** Whether a client set the cursor (EntryID write) since the RCB was last disabled. */
  resumeRequested = false;

  constructor(public capacity = DEFAULT_BUFFER_ENTRIES) {}

  get size(): number {
    return this.entries.length;
  }

  append(entry: BufferedEntry): void {
    this.entries.push(entry);
    while (this.entries.length > Math.max(1, this.capacity)) {
      const dropped = this.entries.shift()!;
      if (this.cursor === undefined || dropped.key > this.cursor) this.overflowed = true;
    }
  }

  /** The first entry after the cursor, if any. */
  next(): BufferedEntry | undefined {
    const cursor = this.cursor;
    return cursor === undefined ? this.entries[0] : this.entries.find((e) => e.key > cursor);
  }

  delivered(entry: BufferedEntry): void {
    this.cursor = entry.key;
  }

  /** BufOvfl for the next report: true once after entries the client had not seen were dropped. */
  takeOverflow(): boolean {
    const o = this.overflowed;
    this.overflowed = false;
    return o;
  }

  /**
   * EntryID written by a client: all zero starts at the oldest entry; otherwise the entry must still be
   * in the buffer (false when it is not: it was never made or was overwritten).
   */
  resumeAfter(entryId: Uint8Array): boolean {
    const key = new DataView(entryId.buffer, entryId.byteOffset, 8).getBigUint64(0);
    if (key === 0n) this.cursor = undefined;
    else if (this.entries.some((e) => e.key === key)) this.cursor = key;
    else return false;
    this.resumeRequested = true;
    return true;
  }

  /** Enabling without a resume point replays the whole buffer. */
  startFromOldestUnlessResumed(): void {
    if (!this.resumeRequested) this.cursor = undefined;
    this.resumeRequested = false;
  }

  /**
   * As if the buffer had overflowed now (a fault to test clients with): every entry the client has not
   * received but the newest is dropped, and the next report says BufOvfl.
   */
  overflow(): void {
    const cursor = this.cursor;
    const pending = this.entries.filter((e) => cursor === undefined || e.key > cursor);
    const dropped = new Set(pending.slice(0, -1));
    this.entries = this.entries.filter((e) => !dropped.has(e));
    this.overflowed = true;
  }

  purge(): void {
    this.entries = [];
    this.cursor = undefined;
    this.overflowed = false;
  }
}
