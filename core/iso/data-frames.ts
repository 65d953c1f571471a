import { COTP_DT_HEADER_LENGTH } from './cotp';
import { userDataHeader } from './presentation-user-data';
import { TPKT_HEADER_LENGTH, TPKT_VERSION } from './tpkt';

/*
 * The data phase on the hot path: one MMS PDU out becomes, in a single buffer written once,
 *
 *   for each segment:  TPKT 03 00 len-hi len-lo | COTP DT 02 f0 (80 on the last) | slice of the SSDU
 *   SSDU:              session GIVE TOKENS 01 00 + DATA TRANSFER 01 00 | presentation User-data header | MMS PDU
 *
 * which is what tpkt.encodeTpkts(cotp.send(session.encodeSpdu(DT))) builds, without the intermediate
 * copies of the PDU (the equivalence is a test). In the other direction `sessionDataStart` recognises
 * the same two empty-parameter SPDUs so the User-data is read in place; anything else takes the full
 * session decoder.
 */

/** SI 1 (GIVE TOKENS) LI 0, SI 1 (DATA TRANSFER) LI 0: basic concatenation with no parameters. */
const SESSION_DATA_PREFIX = [0x01, 0x00, 0x01, 0x00] as const;
const FRAME_OVERHEAD = TPKT_HEADER_LENGTH + COTP_DT_HEADER_LENGTH;

/** TPKT frames carrying `mmsPdu` in presentation context `contextId`, segmented to `tpduSize`. */
export function encodeDataFrames(mmsPdu: Uint8Array, contextId: number, tpduSize: number): Uint8Array {
  const presentation = userDataHeader(contextId, mmsPdu.length);
  const header = new Uint8Array(SESSION_DATA_PREFIX.length + presentation.length);
  header.set(SESSION_DATA_PREFIX);
  header.set(presentation, SESSION_DATA_PREFIX.length);
  const sduLength = header.length + mmsPdu.length;
  const room = tpduSize - COTP_DT_HEADER_LENGTH;
  const frames = Math.ceil(sduLength / room);
  const out = new Uint8Array(sduLength + frames * FRAME_OVERHEAD);
  let at = 0;
  for (let from = 0; from < sduLength; from += room) {
    const to = Math.min(from + room, sduLength);
    const length = FRAME_OVERHEAD + to - from;
    out[at] = TPKT_VERSION;
    out[at + 1] = 0;
    out[at + 2] = length >> 8;
    out[at + 3] = length & 0xff;
    out[at + 4] = COTP_DT_HEADER_LENGTH - 1; // LI 2
    out[at + 5] = 0xf0; // DT
    out[at + 6] = to === sduLength ? 0x80 : 0x00; // EOT on the last segment, TPDU-NR 0
    at += FRAME_OVERHEAD;
    at = copySpan(out, at, header, mmsPdu, from, to);
  }
  return out;
}

/** Copies bytes [from, to) of the concatenation head ++ body into out at `at`; returns the new end. */
function copySpan(
  out: Uint8Array,
  at: number,
  head: Uint8Array,
  body: Uint8Array,
  from: number,
  to: number,
): number {
  if (from < head.length) {
    const end = Math.min(to, head.length);
    out.set(head.subarray(from, end), at);
    at += end - from;
    from = end;
  }
  if (from < to) {
    out.set(body.subarray(from - head.length, to - head.length), at);
    at += to - from;
  }
  return at;
}

/** Where the User-data starts when the SSDU is exactly GT + DT without parameters; -1 otherwise. */
export function sessionDataStart(ssdu: Uint8Array): number {
  return ssdu.length >= 4 && ssdu[0] === 0x01 && ssdu[1] === 0x00 && ssdu[2] === 0x01 && ssdu[3] === 0x00
    ? 4
    : -1;
}
