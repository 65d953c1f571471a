/**
 * The outbox journal's format, pure: one JSON object per line, appended as events come and go.
 *
 *   {"add":17,"topic":"relaygate/IED1/trip/state","payload":"{…}","qos":1,"retain":true}
 *   {"done":17}
 *
 * `add` is an event handed to the outbox; `done` says it was acknowledged by the broker (or dropped to
 * the outbox bound). Replaying the lines gives the events still owed, in order. A torn last line (the
 * process died mid-write) and lines that are not journal entries are skipped and counted, never fatal.
 */
export interface OutboxEntry {
  id: number;
  topic: string;
  payload: string;
  qos: 1 | 2;
  retain: boolean;
}

export interface JournalReplay {
  entries: OutboxEntry[];
  /** The next id to use: above every id seen, so a `done` line never names a new entry. */
  nextId: number;
  /** Lines that were not entries (torn, corrupt). */
  skipped: number;
  /** Lines read, for deciding when to compact. */
  lines: number;
}

export function addLine(e: OutboxEntry): string {
  return `${JSON.stringify({ add: e.id, topic: e.topic, payload: e.payload, qos: e.qos, retain: e.retain })}\n`;
}

export function doneLine(id: number): string {
  return `{"done":${id}}\n`;
}

/** Upper bound on the journal text replayed; a larger file is refused rather than read into memory. */
export const MAX_JOURNAL_CHARS = 64 * 1024 * 1024;

export function replayJournal(text: string): JournalReplay {
  if (text.length > MAX_JOURNAL_CHARS)
    throw new RangeError(
      `the outbox journal holds ${text.length} characters, more than ${MAX_JOURNAL_CHARS}`,
    );
  const live = new Map<number, OutboxEntry>();
  let nextId = 1;
  let skipped = 0;
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    lines++;
    const parsed = parseLine(line);
    if (parsed === null) {
      skipped++;
      continue;
    }
    if ('done' in parsed) live.delete(parsed.done);
    else live.set(parsed.id, parsed);
    nextId = Math.max(nextId, ('done' in parsed ? parsed.done : parsed.id) + 1);
  }
  return { entries: [...live.values()], nextId, skipped, lines };
}

function parseLine(line: string): OutboxEntry | { done: number } | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (isId(o.done)) return { done: o.done };
  if (!isId(o.add) || typeof o.topic !== 'string' || typeof o.payload !== 'string') return null;
  if ((o.qos !== 1 && o.qos !== 2) || typeof o.retain !== 'boolean') return null;
  return { id: o.add, topic: o.topic, payload: o.payload, qos: o.qos, retain: o.retain };
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}
