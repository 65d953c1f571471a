import { RingBuffer } from '../shared';

/** One MMS PDU as seen on the association, for the Diagnostics view and `--verbose` traces. */
export interface TrafficRecord {
  /** Monotonic sequence number, so a reader can ask for "everything after N". */
  seq: number;
  direction: 'sent' | 'received';
  /** Wall-clock milliseconds since the epoch. */
  time: number;
  /** The MMS PDU bytes (below the presentation layer), copied so later buffer reuse cannot alter them. */
  bytes: Uint8Array;
  /**
   * The whole frame on the wire (TPKT, COTP, session, presentation, then the MMS PDU; several TPKTs when
   * COTP segmented it), copied and truncated like `bytes`; absent when the stack did not give it (the
   * initiate request, which travels in the connect exchange the ISO stack sends by itself).
   */
  frame?: Uint8Array;
  /** Octets of the frame (or of the PDU, without a frame) before truncation. */
  length: number;
  /** One decoded line, e.g. `confirmed-request #17 read 3 variables`. */
  summary: string;
  /**
   * Why this PDU could not be used, when it could not: an undecodable PDU, or a report its subscriber
   * could not decode (`unreadable report: Inclusion (item 3): …`). Set after the record is made.
   */
  problem?: string;
}

/** The first octets of the TPKT frames that carried a PDU and their whole length (core/iso encodeTpktsHead). */
export interface FrameHead {
  readonly head: Uint8Array;
  readonly length: number;
}

export interface TrafficTapOptions {
  /** Records kept; older ones are dropped and counted. Default 500. */
  capacity?: number;
  /** Largest PDU kept whole; longer ones are truncated (the summary still describes the whole PDU). */
  maxBytesPerRecord?: number;
  /** Set false to keep summaries only (cheaper on a busy association). */
  keepBytes?: boolean;
}

/**
 * A bounded record of the PDUs an association exchanged. Bounded in count and bytes per record, so a
 * chatty IED cannot grow memory; summarising is lazy so a disabled tap costs nothing.
 */
export class TrafficTap {
  private readonly records: RingBuffer<TrafficRecord>;
  /** Octets kept of a PDU or frame at most (a frame needs building no further). */
  readonly maxBytes: number;
  /** False: summaries only, so no frame needs building at all. */
  readonly keepBytes: boolean;
  private nextSeq = 1;
  private readonly listeners = new Set<(record: TrafficRecord) => void>();

  constructor(options: TrafficTapOptions = {}) {
    this.records = new RingBuffer(options.capacity ?? 500);
    this.maxBytes = options.maxBytesPerRecord ?? 4096;
    this.keepBytes = options.keepBytes ?? true;
  }

  record(
    direction: TrafficRecord['direction'],
    bytes: Uint8Array,
    summarize: () => string,
    frame?: Uint8Array | FrameHead,
  ): TrafficRecord {
    const framed = frame instanceof Uint8Array ? { head: frame, length: frame.length } : frame;
    const kept = this.keepBytes ? bytes.slice(0, this.maxBytes) : new Uint8Array(0);
    const entry: TrafficRecord = {
      seq: this.nextSeq++,
      direction,
      time: Date.now(),
      bytes: kept,
      length: framed?.length ?? bytes.length,
      summary: safeSummary(summarize),
    };
    if (framed && this.keepBytes) entry.frame = framed.head.slice(0, this.maxBytes);
    this.records.push(entry);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Records with seq greater than `afterSeq`, oldest first. */
  since(afterSeq = 0): TrafficRecord[] {
    return this.records.toArray().filter((r) => r.seq > afterSeq);
  }

  get dropped(): number {
    return this.records.dropped;
  }

  get capacity(): number {
    return this.records.capacity;
  }

  onRecord(listener: (record: TrafficRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A summary must never break the traffic it describes: a decoder error becomes the summary. */
function safeSummary(summarize: () => string): string {
  try {
    return summarize();
  } catch (err) {
    return `undecodable PDU: ${err instanceof Error ? err.message : String(err)}`;
  }
}
