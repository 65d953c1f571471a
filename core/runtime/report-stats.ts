/**
 * Report integrity counters of one RCB: SqNum gaps (a lost unbuffered report, or a buffered one the IED
 * dropped), EntryID gaps and buffer overflows. IEC 61850 leaves EntryID opaque; many IEDs count it up
 * by one, so EntryID gaps are counted only once the IED has been seen counting that way.
 */
export class ReportStats {
  reports = 0;
  sqNumGaps = 0;
  entryIdGaps = 0;
  bufferOverflows = 0;
  private lastSqNum: number | undefined;
  private lastEntry: bigint | undefined;
  private entryCounts = false;
  private overflowing = false;

  constructor(private readonly buffered: boolean) {}

  /** A new enable (after a reconnect): sequence numbers restart. */
  restart(): void {
    this.lastSqNum = undefined;
    this.lastEntry = undefined;
    this.overflowing = false;
  }

  /** Counts one report; returns what is news for diagnostics (a gap, an overflow starting), if anything. */
  observe(seqNum: number | undefined, entryId: Uint8Array | undefined, bufOvfl: boolean | undefined): string[] {
    const news: string[] = [];
    this.reports++;
    if (seqNum !== undefined) {
      if (this.lastSqNum !== undefined && seqNum !== this.lastSqNum) {
        const expected = this.lastSqNum + 1;
        // SqNum is 8 bits in URCBs and Ed1 BRCBs, 16 in Ed2 BRCBs: a wrap to 0 after either is no gap.
        const wrapped = seqNum === 0 && (this.lastSqNum === 255 || this.lastSqNum === 65535);
        if (seqNum !== expected && !wrapped) {
          this.sqNumGaps++;
          news.push(`SqNum jumped from ${this.lastSqNum} to ${seqNum}: reports were lost`);
        }
      }
      this.lastSqNum = seqNum;
    }
    if (this.buffered && entryId !== undefined && entryId.length === 8) {
      const n = new DataView(entryId.buffer, entryId.byteOffset, 8).getBigUint64(0);
      if (this.lastEntry !== undefined && n !== this.lastEntry) {
        if (n === this.lastEntry + 1n) this.entryCounts = true;
        else if (this.entryCounts && n > this.lastEntry + 1n) {
          this.entryIdGaps++;
          news.push(`EntryID jumped by ${n - this.lastEntry}: buffered entries were lost`);
        }
      }
      this.lastEntry = n;
    }
    if (bufOvfl === true && !this.overflowing) {
      this.bufferOverflows++;
      news.push('the IED reports a buffer overflow (BufOvfl): entries were lost while nobody read them');
    }
    this.overflowing = bufOvfl === true;
    return news;
  }
}
