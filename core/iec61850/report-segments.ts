import type { Report, ReportEntry } from './report';

/**
 * Joins segmented reports (IEC 61850-7-2 §17.2.3.2.3: a report too large for one PDU is sent as
 * segments with the same SeqNum, SubSeqNum 0, 1, 2… and MoreSegmentsFollow true on all but the last).
 * One report per RptID can be in progress; a gap, a repeat or a new SeqNum drops what was pending and
 * counts it, because a partial report would show members as unchanged when they are unknown.
 */
export class ReportAssembler {
  private readonly pending = new Map<string, { report: Report; entries: ReportEntry[]; next: number }>();
  /** Segmented reports dropped because a segment was missing or out of order. */
  dropped = 0;

  constructor(private readonly maxInProgress = 64) {}

  /** Feeds one decoded report; returns the complete report when this segment completes one. */
  push(report: Report): Report | undefined {
    if (report.subSeqNum === undefined) return report;
    const key = report.rptId;
    const current = this.pending.get(key);
    if (
      current !== undefined &&
      (current.report.seqNum !== report.seqNum || report.subSeqNum !== current.next)
    ) {
      this.pending.delete(key);
      this.dropped++;
      return this.push(report);
    }
    if (current === undefined && report.subSeqNum !== 0) {
      this.dropped++;
      return undefined;
    }
    const entries = [...(current?.entries ?? []), ...report.entries];
    if (report.moreSegmentsFollow !== true) {
      this.pending.delete(key);
      const first = current?.report ?? report;
      return { ...first, moreSegmentsFollow: false, entries: entries.sort((a, b) => a.index - b.index) };
    }
    if (current === undefined && this.pending.size >= this.maxInProgress) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
      this.dropped++;
    }
    this.pending.set(key, { report: current?.report ?? report, entries, next: report.subSeqNum + 1 });
    return undefined;
  }

  /** Forgets what is pending, e.g. when the association is lost. */
  clear(): void {
    this.pending.clear();
  }
}
