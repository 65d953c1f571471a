import { IsoError } from './errors';

/*
 * RFC 1006 section 6, the TPKT packet:
 *
 *   A TPKT consists of two parts: a packet-header and a TPDU.
 *    0                   1                   2                   3
 *   |      vrsn     |    reserved   |          packet length        |
 *   vrsn           8 bits  This field is always 3 for the version of the protocol described in this memo.
 *   packet length 16 bits (min 7, max 65535)  This field contains the length of entire packet in octets,
 *                          including packet-header. This permits a maximum TPDU size of 65531 octets.
 *
 * The minimum of 7 is a 4-byte header plus the shortest class 0 TPDU (a 3-byte DT header with no data).
 */
export const TPKT_VERSION = 3;
export const TPKT_HEADER_LENGTH = 4;
export const TPKT_MIN_LENGTH = 7;
export const TPKT_MAX_LENGTH = 65535;
export const TPKT_MAX_PAYLOAD = TPKT_MAX_LENGTH - TPKT_HEADER_LENGTH;

/** The TPKT packet length of a TPDU: the TPDU and the 4-byte header, at most 65535. */
function packetLength(tpdu: Uint8Array): number {
  const length = tpdu.length + TPKT_HEADER_LENGTH;
  if (length > TPKT_MAX_LENGTH) {
    throw new IsoError('tpkt-payload-too-large', `a TPKT carries at most ${TPKT_MAX_PAYLOAD} bytes, got ${tpdu.length}`);
  }
  return length;
}

/** Wraps one TPDU in a TPKT header. */
export function encodeTpkt(tpdu: Uint8Array): Uint8Array {
  return encodeTpkts([tpdu]);
}

/** Wraps each TPDU in its own TPKT and joins them into one buffer for a single socket write. */
export function encodeTpkts(tpdus: readonly Uint8Array[]): Uint8Array {
  return encodeTpktsHead(tpdus, Number.POSITIVE_INFINITY).head;
}

/**
 * The first `max` octets of what encodeTpkts(tpdus) gives, and the length of the whole, building only
 * those octets: what a capture keeps of a received PDU (the first 4 kB of a 65 kB answer).
 */
export function encodeTpktsHead(tpdus: readonly Uint8Array[], max: number): { head: Uint8Array; length: number } {
  let length = 0;
  for (const t of tpdus) length += packetLength(t);
  const head = new Uint8Array(Math.min(max, length));
  let at = 0;
  for (const t of tpdus) {
    const packet = packetLength(t);
    for (const b of [TPKT_VERSION, 0, packet >> 8, packet & 0xff]) if (at < head.length) head[at++] = b;
    const n = Math.min(t.length, head.length - at);
    head.set(t.subarray(0, n), at);
    at += n;
    if (at >= head.length) break;
  }
  return { head, length };
}

/** Checks a 4-byte header; `streamOffset` is where it starts, for the error. Returns the packet length. */
function checkHeader(b0: number, b2: number, b3: number, streamOffset: number, maxLength: number): number {
  if (b0 !== TPKT_VERSION) {
    throw new IsoError('tpkt-version', `TPKT version must be 3, got ${b0}`, { offset: streamOffset });
  }
  const length = (b2 << 8) | b3;
  if (length < TPKT_MIN_LENGTH || length > maxLength) {
    throw new IsoError('tpkt-length', `TPKT length ${length} is outside ${TPKT_MIN_LENGTH}..${maxLength}`, {
      offset: streamOffset + 2,
    });
  }
  return length;
}

/** Decodes exactly one complete TPKT (e.g. a captured frame) and returns its TPDU. */
export function decodeTpkt(frame: Uint8Array): Uint8Array {
  if (frame.length < TPKT_HEADER_LENGTH) {
    throw new IsoError('tpkt-length', `a TPKT header needs 4 bytes, got ${frame.length}`, { offset: frame.length });
  }
  const length = checkHeader(frame[0]!, frame[2]!, frame[3]!, 0, TPKT_MAX_LENGTH);
  if (length !== frame.length) {
    throw new IsoError('tpkt-length', `TPKT length says ${length} bytes, the frame has ${frame.length}`, { offset: 2 });
  }
  return frame.slice(TPKT_HEADER_LENGTH);
}

export interface TpktFramerOptions {
  /** Largest packet accepted (header included), at most 65535. Lower it to bound memory further. */
  maxPacketLength?: number;
}

/**
 * A TPKT framer you feed bytes to, in chunks of any size: `push` returns the TPDUs completed by that
 * chunk. It holds at most one incomplete packet (<= maxPacketLength bytes), so a peer cannot make it
 * buffer more. A bad header leaves the stream unsynchronised: the framer then fails every later push,
 * and the caller must drop the connection.
 */
export class TpktFramer {
  private readonly maxLength: number;
  private readonly header = new Uint8Array(TPKT_HEADER_LENGTH);
  private headerFill = 0;
  private payload: Uint8Array | undefined;
  private payloadFill = 0;
  private consumed = 0;
  private failure: IsoError | undefined;

  constructor(options: TpktFramerOptions = {}) {
    const max = options.maxPacketLength ?? TPKT_MAX_LENGTH;
    if (!Number.isInteger(max) || max < TPKT_MIN_LENGTH || max > TPKT_MAX_LENGTH) {
      throw new RangeError(`maxPacketLength must be an integer in ${TPKT_MIN_LENGTH}..${TPKT_MAX_LENGTH}`);
    }
    this.maxLength = max;
  }

  /** Bytes held for the packet in progress. */
  get bufferedBytes(): number {
    return this.headerFill + this.payloadFill;
  }

  /** Total bytes consumed from the stream so far (error offsets are relative to the stream start). */
  get streamOffset(): number {
    return this.consumed;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) {
      throw new IsoError('tpkt-failed', `TPKT stream failed earlier: ${this.failure.message}`, {
        offset: this.failure.offset,
        cause: this.failure,
      });
    }
    const out: Uint8Array[] = [];
    let i = 0;
    while (i < chunk.length) {
      i = this.payload === undefined ? this.fillHeader(chunk, i) : this.fillPayload(chunk, i, out);
    }
    return out;
  }

  private fillHeader(chunk: Uint8Array, start: number): number {
    const n = Math.min(TPKT_HEADER_LENGTH - this.headerFill, chunk.length - start);
    this.header.set(chunk.subarray(start, start + n), this.headerFill);
    this.headerFill += n;
    this.consumed += n;
    if (this.headerFill === TPKT_HEADER_LENGTH) {
      const headerStart = this.consumed - TPKT_HEADER_LENGTH;
      let length: number;
      try {
        length = checkHeader(this.header[0]!, this.header[2]!, this.header[3]!, headerStart, this.maxLength);
      } catch (err) {
        this.failure = err as IsoError;
        throw err;
      }
      this.payload = new Uint8Array(length - TPKT_HEADER_LENGTH);
      this.payloadFill = 0;
    }
    return start + n;
  }

  private fillPayload(chunk: Uint8Array, start: number, out: Uint8Array[]): number {
    const payload = this.payload!;
    const n = Math.min(payload.length - this.payloadFill, chunk.length - start);
    payload.set(chunk.subarray(start, start + n), this.payloadFill);
    this.payloadFill += n;
    this.consumed += n;
    if (this.payloadFill === payload.length) {
      out.push(payload);
      this.payload = undefined;
      this.payloadFill = 0;
      this.headerFill = 0;
    }
    return start + n;
  }
}
