import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { RelayGateError } from '../../shared';
import { addLine, doneLine, replayJournal, type OutboxEntry } from './outbox-journal';

/**
 * Buffered-report events owed to the broker (docs/MQTT.md "Events are not lost"). An event enters when
 * the IED hands it over and leaves when the broker acknowledges it (PUBACK/PUBCOMP). With a path, every
 * add and every acknowledgement is appended to a journal (outbox-journal.ts) with a synchronous write,
 * so a gateway restart resends what was not acknowledged; a killed process loses nothing the kernel
 * already has. Without a path the outbox lives in memory only.
 *
 * Bounded: when full, the oldest event is dropped and counted.
 */
export interface OutboxItem extends OutboxEntry {
  /** Times written to a broker connection. */
  attempts: number;
  /** Written on the current connection and not yet acknowledged. */
  inflight: boolean;
}

/** Rewrite the journal once it holds this many lines more than the live entries need. */
const COMPACT_SLACK = 2000;

export class Outbox {
  private readonly items = new Map<number, OutboxItem>();
  private nextId = 1;
  private journalLines = 0;
  private fd: number | null = null;
  private droppedCount = 0;
  /** Journal lines that could not be read at open (torn or corrupt). */
  readonly skippedAtOpen: number;

  constructor(
    readonly limit: number,
    readonly path?: string,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`outbox limit must be a positive integer, got ${limit}`);
    this.skippedAtOpen = path === undefined ? 0 : this.load(path);
  }

  private load(path: string): number {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      const replay = replayJournal(text);
      for (const e of replay.entries) this.items.set(e.id, { ...e, attempts: 0, inflight: false });
      this.nextId = replay.nextId;
      this.journalLines = replay.lines;
      this.fd = openSync(path, 'a');
      this.trim();
      return replay.skipped;
    } catch (err) {
      throw new RelayGateError(
        'output',
        'outbox',
        `cannot open the MQTT outbox '${path}': ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  get size(): number {
    return this.items.size;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  add(m: Omit<OutboxEntry, 'id'>): OutboxItem {
    const item: OutboxItem = { ...m, id: this.nextId++, attempts: 0, inflight: false };
    this.items.set(item.id, item);
    this.append(addLine(item));
    this.trim();
    return item;
  }

  /** The broker acknowledged the event. */
  done(id: number): void {
    if (!this.items.delete(id)) return;
    this.append(doneLine(id));
    this.compactIfDue();
  }

  /** Events not in flight on the current connection, oldest first. */
  pending(): OutboxItem[] {
    return [...this.items.values()].filter((i) => !i.inflight);
  }

  /** The connection is gone: nothing is in flight any more. */
  connectionLost(): void {
    for (const i of this.items.values()) i.inflight = false;
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private trim(): void {
    while (this.items.size > this.limit) {
      const oldest = this.items.keys().next().value as number;
      this.items.delete(oldest);
      this.append(doneLine(oldest));
      this.droppedCount++;
    }
  }

  private append(text: string): void {
    if (this.fd === null) return;
    writeSync(this.fd, text);
    this.journalLines++;
  }

  /** Rewrites the journal with the live entries only: temporary file, fsync, rename. */
  private compactIfDue(): void {
    if (this.fd === null || this.path === undefined || this.journalLines < this.items.size + COMPACT_SLACK)
      return;
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    let text = '';
    for (const i of this.items.values()) text += addLine(i);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.journalLines = this.items.size;
  }
}
