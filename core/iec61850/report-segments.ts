import type { MmsValue } from '../mms';
import type { Report, ReportEntry } from './report';

/**
 * What one segmented report may cost before it is dropped. A peer that keeps sending segments of a
 * report that never completes must not hold memory or CPU: every segment has to bring new members, and
 * the totals are capped.
 */
export interface ReassemblyLimits {
  /** Segments of one report. */
  readonly maxSegments: number;
  /** Entries of one report; a data set member appears at most once. The subscription passes its size. */
  readonly maxEntries: number;
  /** Octets of one report's values, as encoded (estimated from the decoded values). */
  readonly maxBytes: number;
  /** Reports in progress at once (one per RptID); the oldest is dropped for a new one. */
  readonly maxInProgress: number;
}

/**
 * A report of 10,000 members or 1 MiB of values is far beyond any real data set (an MMS PDU carries at
 * most 65000 octets, so 1 MiB is 16 full segments), and 256 segments is what a 1000-member data set
 * sent 4 members per segment needs.
 */
export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = Object.freeze({
  maxSegments: 256,
  maxEntries: 10_000,
  maxBytes: 1024 * 1024,
  maxInProgress: 8,
});

/** Why a segmented report in progress was dropped. */
export type ReassemblyDropReason =
  /** A segment is missing, repeated or out of order. */
  | 'gap'
  /** A later segment with SubSeqNum > 0 whose first segment was never seen. */
  | 'orphan'
  /** A segment with a new SeqNum arrived before the last segment of the previous one. */
  | 'replaced'
  /** Too many reports in progress: the oldest made room. */
  | 'evicted'
  /** A segment brought no member not already in the report (none, or only repeats). */
  | 'no-progress'
  /** A limit of {@link ReassemblyLimits} was passed. */
  | 'limit';

export interface ReassemblyDrop {
  readonly rptId: string;
  readonly seqNum: number | undefined;
  readonly reason: ReassemblyDropReason;
  /** For `limit`: which one, its value and what was seen. */
  readonly limit?: keyof ReassemblyLimits;
  readonly max?: number;
  readonly seen?: number;
  /** One line: `RptID Meas03 #5 dropped after 3 segments: …`. */
  readonly message: string;
}

export interface ReassemblyCounters {
  /** Segmented reports completed. */
  completed: number;
  /** Segmented reports (or orphan segments) dropped, for any reason. */
  dropped: number;
  /** Of those, dropped for passing a limit or for a segment without progress. */
  limited: number;
  /** Later segments of a report dropped for a limit: ignored without a word each. */
  ignored: number;
}

export interface ReportAssemblerOptions {
  limits?: Partial<ReassemblyLimits>;
  /** Told of every drop, with its reason, so the caller can say it with the peer's name. */
  onDrop?: (drop: ReassemblyDrop) => void;
}

interface Pending {
  readonly first: Report;
  readonly entries: ReportEntry[];
  readonly seen: Set<number>;
  segments: number;
  bytes: number;
  next: number;
}

/**
 * Joins segmented reports (IEC 61850-7-2 §17.2.3.2.3: a report too large for one PDU is sent as
 * segments with the same SeqNum, SubSeqNum 0, 1, 2… and MoreSegmentsFollow true on all but the last).
 * One report per RptID can be in progress; a gap, a repeat or a new SeqNum drops what was pending and
 * counts it, because a partial report would show members as unchanged when they are unknown. Each
 * segment appends its entries (nothing stored is copied again), must add at least one member not yet
 * in the report, and the report's segments, entries and octets are bounded.
 */
export class ReportAssembler {
  private readonly pending = new Map<string, Pending>();
  /** The SeqNum of the last report of each RptID dropped for a limit: its later segments are ignored. */
  private readonly abandoned = new Map<string, number | undefined>();
  private readonly limits: ReassemblyLimits;
  private readonly onDrop: ((drop: ReassemblyDrop) => void) | undefined;
  readonly counters: ReassemblyCounters = { completed: 0, dropped: 0, limited: 0, ignored: 0 };

  constructor(options: ReportAssemblerOptions = {}) {
    this.limits = { ...DEFAULT_REASSEMBLY_LIMITS, ...options.limits };
    this.onDrop = options.onDrop;
  }

  /** Segmented reports dropped because a segment was missing, out of order, or over a limit. */
  get dropped(): number {
    return this.counters.dropped;
  }

  /** Reports in progress. */
  get inProgress(): number {
    return this.pending.size;
  }

  /** Entries and value octets held for the reports in progress. */
  get held(): { entries: number; bytes: number } {
    let entries = 0;
    let bytes = 0;
    for (const p of this.pending.values()) {
      entries += p.entries.length;
      bytes += p.bytes;
    }
    return { entries, bytes };
  }

  /** Feeds one decoded report; returns the complete report when this segment completes one. */
  push(report: Report): Report | undefined {
    if (report.subSeqNum === undefined) return report;
    const key = report.rptId;
    if (this.abandoned.has(key)) {
      // A peer that keeps sending a report we gave up on gets one message, not one per segment.
      if (this.abandoned.get(key) === report.seqNum && report.subSeqNum !== 0) {
        this.counters.ignored++;
        return undefined;
      }
      this.abandoned.delete(key);
    }
    let current = this.pending.get(key);
    if (current !== undefined && current.first.seqNum !== report.seqNum) {
      this.drop(current, 'replaced', `a segment of #${report.seqNum ?? '?'} came before its last segment`);
      current = undefined;
    } else if (current !== undefined && report.subSeqNum !== current.next) {
      this.drop(current, 'gap', `segment ${report.subSeqNum} came where ${current.next} was due`);
      current = undefined;
    }
    if (current === undefined) {
      if (report.subSeqNum !== 0) {
        this.count(
          { rptId: key, seqNum: report.seqNum, reason: 'orphan' },
          `segment ${report.subSeqNum} without segment 0`,
        );
        return undefined;
      }
      current = this.begin(report);
    }
    if (!this.add(current, report)) return undefined;
    if (report.moreSegmentsFollow === true) return undefined;
    this.pending.delete(key);
    this.counters.completed++;
    const entries = current.entries.sort((a, b) => a.index - b.index);
    return { ...current.first, moreSegmentsFollow: false, entries };
  }

  /** Forgets what is pending, e.g. when the association is lost. */
  clear(): void {
    this.pending.clear();
    this.abandoned.clear();
  }

  private begin(report: Report): Pending {
    if (this.pending.size >= this.limits.maxInProgress) {
      const [oldest] = this.pending.values();
      if (oldest) this.drop(oldest, 'evicted', `${this.limits.maxInProgress} reports were in progress`);
    }
    const pending: Pending = { first: report, entries: [], seen: new Set(), segments: 0, bytes: 0, next: 0 };
    this.pending.set(report.rptId, pending);
    return pending;
  }

  /** Adds one segment's entries; false when the report was dropped instead. */
  private add(current: Pending, segment: Report): boolean {
    current.segments++;
    current.next++;
    if (current.segments > this.limits.maxSegments)
      return this.overLimit(current, 'maxSegments', current.segments, 'segments');
    let added = 0;
    for (const entry of segment.entries) {
      if (current.seen.has(entry.index)) continue;
      current.seen.add(entry.index);
      current.entries.push(entry);
      current.bytes += entry.value ? valueOctets(entry.value) : 3;
      added++;
    }
    if (added === 0) {
      const repeats = segment.entries.length;
      const what = repeats === 0 ? 'no member' : `only ${repeats} member(s) already in the report`;
      this.drop(current, 'no-progress', `segment ${segment.subSeqNum ?? '?'} brought ${what}`, true);
      return false;
    }
    if (current.entries.length > this.limits.maxEntries)
      return this.overLimit(current, 'maxEntries', current.entries.length, 'entries');
    if (current.bytes > this.limits.maxBytes)
      return this.overLimit(current, 'maxBytes', current.bytes, 'octets of values');
    return true;
  }

  private overLimit(current: Pending, limit: keyof ReassemblyLimits, seen: number, what: string): false {
    const max = this.limits[limit];
    this.pending.delete(current.first.rptId);
    this.abandon(current);
    this.count(
      { rptId: current.first.rptId, seqNum: current.first.seqNum, reason: 'limit', limit, max, seen },
      `${seen} ${what} pass the limit ${limit} (${max})`,
      current.segments,
      true,
    );
    return false;
  }

  private drop(current: Pending, reason: ReassemblyDropReason, why: string, limited = false): void {
    this.pending.delete(current.first.rptId);
    if (limited) this.abandon(current);
    this.count(
      { rptId: current.first.rptId, seqNum: current.first.seqNum, reason },
      why,
      current.segments,
      limited,
    );
  }

  private abandon(current: Pending): void {
    // Bounded like the reports in progress: the RptIDs of one association's RCBs.
    if (this.abandoned.size >= this.limits.maxInProgress) this.abandoned.clear();
    this.abandoned.set(current.first.rptId, current.first.seqNum);
  }

  private count(
    drop: Omit<ReassemblyDrop, 'message'>,
    why: string,
    segments?: number,
    limited = false,
  ): void {
    this.counters.dropped++;
    if (limited) this.counters.limited++;
    const after = segments === undefined ? '' : ` after ${segments} segment${segments === 1 ? '' : 's'}`;
    const message = `segmented report ${drop.rptId} #${drop.seqNum ?? '?'} dropped${after}: ${why}`;
    this.onDrop?.({ ...drop, message });
  }
}

/**
 * The octets a value takes encoded, near enough to budget memory: two per TLV header plus the content.
 * The value came from one PDU, so the walk is bounded by the PDU size.
 */
export function valueOctets(value: MmsValue): number {
  let total = 0;
  const stack: MmsValue[] = [value];
  while (stack.length > 0) {
    const v = stack.pop() as MmsValue;
    total += 2;
    switch (v.type) {
      case 'structure':
        for (const m of v.members) stack.push(m);
        break;
      case 'array':
        for (const e of v.elements) stack.push(e);
        break;
      case 'bit-string':
        total += 1 + v.bytes.length;
        break;
      case 'octet-string':
        total += v.value.length;
        break;
      case 'visible-string':
      case 'mms-string':
        total += v.value.length;
        break;
      case 'boolean':
        total += 1;
        break;
      case 'binary-time':
        total += 6;
        break;
      default:
        total += 8;
    }
  }
  return total;
}
