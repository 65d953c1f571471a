import type { Diagnostics, GetDiagnosticsParams, LogEntry, LogLevel } from '../contract';
import { MAX_DIAGNOSTICS_PAGE } from '../contract';
import { RingBuffer } from '../shared';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Longest message kept; a runaway message must not blow the bounded log's memory. */
const MAX_MESSAGE_CHARS = 2000;

/** The bounded diagnostics log behind getDiagnostics: newest entries win, drops are counted. */
export class DiagnosticsLog {
  private readonly ring: RingBuffer<LogEntry>;
  private nextSeq = 1;

  constructor(
    capacity = 5000,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.ring = new RingBuffer(capacity);
  }

  add(level: LogLevel, source: string, message: string): LogEntry {
    const entry: LogEntry = {
      seq: this.nextSeq++,
      time: this.now().toISOString(),
      level,
      source: source.slice(0, 200),
      message: message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message,
    };
    this.ring.push(entry);
    return entry;
  }

  query(params: GetDiagnosticsParams): Diagnostics {
    const minRank = LEVEL_RANK[params.minLevel ?? 'debug'];
    const afterSeq = params.afterSeq ?? 0;
    const limit = params.limit ?? MAX_DIAGNOSTICS_PAGE;
    const matching = this.ring.toArray().filter((e) => e.seq > afterSeq && LEVEL_RANK[e.level] >= minRank);
    return {
      entries: matching.slice(Math.max(0, matching.length - limit)),
      capacity: this.ring.capacity,
      dropped: this.ring.dropped,
    };
  }
}
