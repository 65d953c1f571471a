import {
  decodeCotp,
  decodeCpa,
  decodeSpdu,
  decodeTpkt,
  decodeUserData,
  sessionDataStart,
  TPKT_HEADER_LENGTH,
  type CotpTpdu,
} from '../iso';
import { decodeMmsPdu, peekInvokeId } from '../mms';
import { bytesEqual, concatBytes, errorMessage } from '../shared';
import { objectTree, type DecodedNode, type TreeBudget } from './object-tree';

/** Most nodes in one PDU's tree; a read of many values shows its first ones and says how many more. */
export const MAX_TREE_NODES = 1500;

/** What a traffic tap recorded of one PDU (core/client TrafficRecord has these fields). */
export interface CapturedPdu {
  /** The MMS PDU (possibly truncated). */
  bytes: Uint8Array;
  /** The frames on the wire (possibly truncated), when captured. */
  frame?: Uint8Array;
  /** Octets on the wire (or of the PDU without a frame) before truncation. */
  length: number;
}

export interface DecodedPdu {
  /** The octets the hex dump shows and the nodes' offsets refer to: the frame, or the PDU. */
  shown: Uint8Array;
  invokeId?: number;
  /** ISO layers first (collapsed), then MMS (expanded). */
  tree: DecodedNode[];
}

/**
 * One captured PDU decoded with the project's own codecs, layer by layer: TPKT (RFC 1006), COTP
 * (ISO 8073 class 0), session (ISO 8327), presentation (ISO 8823), then MMS (ISO 9506). A layer that
 * does not decode becomes a node saying why, and the layers it carried are not shown; nothing throws.
 */
export function decodeCapturedPdu(pdu: CapturedPdu): DecodedPdu {
  const budget: TreeBudget = { nodes: MAX_TREE_NODES };
  const shown = pdu.frame ?? pdu.bytes;
  const tree: DecodedNode[] = [];
  if (shown.length < pdu.length) {
    tree.push({ label: 'Truncated', value: `the tap kept the first ${shown.length} of ${pdu.length} octets` });
  }
  if (pdu.frame) tree.push(...isoLayers(pdu.frame, budget));
  else tree.push({ label: 'ISO layers', value: 'not captured: the ISO stack sends this PDU inside its connect exchange', collapsed: true });
  const mms = layer('MMS (ISO 9506)', () => objectTree('MMS (ISO 9506)', decodeMmsPdu(pdu.bytes), budget));
  const at = pdu.frame ? mmsOffset(pdu.frame, pdu.bytes) : 0;
  if (at !== undefined) Object.assign(mms, { offset: at, length: pdu.bytes.length });
  tree.push(mms);
  const invokeId = peekInvokeId(pdu.bytes);
  return invokeId === undefined ? { shown, tree } : { shown, invokeId, tree };
}

/** Runs one layer's decoder; a failure is a node naming the layer and the decoder's reason. */
function layer(label: string, decode: () => DecodedNode): DecodedNode {
  try {
    return decode();
  } catch (err) {
    return { label, value: `not decoded: ${errorMessage(err)}` };
  }
}

/** Where the PDU sits in the frame: its tail, when one TPKT carried it whole. */
function mmsOffset(frame: Uint8Array, mms: Uint8Array): number | undefined {
  const at = frame.length - mms.length;
  return at >= 0 && bytesEqual(frame.subarray(at), mms) ? at : undefined;
}

interface Segment {
  offset: number;
  tpkt: Uint8Array;
  tpdu?: CotpTpdu;
}

function isoLayers(frame: Uint8Array, budget: TreeBudget): DecodedNode[] {
  const segments: Segment[] = [];
  const out: DecodedNode[] = [];
  try {
    for (let at = 0; at < frame.length; ) {
      const length = at + TPKT_HEADER_LENGTH <= frame.length ? (frame[at + 2]! << 8) | frame[at + 3]! : 0;
      if (length < TPKT_HEADER_LENGTH || at + length > frame.length) {
        throw new Error(`the TPKT at offset ${at} needs ${length || 'more than'} octets, ${frame.length - at} were kept`);
      }
      const tpkt = frame.subarray(at, at + length);
      segments.push({ offset: at, tpkt, tpdu: decodeCotp(decodeTpkt(tpkt)) });
      at += length;
    }
  } catch (err) {
    out.push({ label: 'Frame', value: `not decoded past ${segments.length} TPKT(s): ${errorMessage(err)}`, collapsed: true });
  }
  out.push(tpktNode(segments), cotpNode(segments, budget));
  const ssdu = concatBytes(segments.flatMap((s) => (s.tpdu?.type === 'DT' ? [s.tpdu.userData] : [])));
  const single = segments.length === 1 ? segments[0]!.offset + TPKT_HEADER_LENGTH + cotpHeaderLength(segments[0]!) : undefined;
  out.push(...upperLayers(ssdu, single, budget));
  return out;
}

function cotpHeaderLength(s: Segment): number {
  return s.tpkt[TPKT_HEADER_LENGTH]! + 1;
}

function tpktNode(segments: Segment[]): DecodedNode {
  const one = (s: Segment): DecodedNode => ({
    label: 'TPKT',
    value: `version ${s.tpkt[0]}, length ${s.tpkt.length}`,
    offset: s.offset,
    length: TPKT_HEADER_LENGTH,
  });
  if (segments.length === 1) return { ...one(segments[0]!), label: 'TPKT (RFC 1006)', collapsed: true };
  return {
    label: 'TPKT (RFC 1006)',
    value: `${segments.length} frames: COTP segmented the PDU`,
    collapsed: true,
    children: segments.map(one),
  };
}

function cotpNode(segments: Segment[], budget: TreeBudget): DecodedNode {
  const one = (s: Segment): DecodedNode => {
    // The TPDU's user data is what the session node shows; here only the header fields.
    const { userData: _carried, ...header } = (s.tpdu ?? {}) as CotpTpdu & { userData?: Uint8Array };
    const node = objectTree('COTP', s.tpdu ? header : undefined, budget);
    return { ...node, offset: s.offset + TPKT_HEADER_LENGTH, length: cotpHeaderLength(s) };
  };
  if (segments.length === 1) return { ...one(segments[0]!), label: 'COTP (ISO 8073 class 0)', collapsed: true };
  return { label: 'COTP (ISO 8073 class 0)', value: `${segments.length} TPDUs`, collapsed: true, children: segments.map(one) };
}

/** Session and presentation; `at` is where the SSDU starts in the frame when it is contiguous. */
function upperLayers(ssdu: Uint8Array, at: number | undefined, budget: TreeBudget): DecodedNode[] {
  const span = (offset: number, length: number) => (at === undefined ? {} : { offset: at + offset, length });
  const dataAt = sessionDataStart(ssdu);
  if (dataAt >= 0) {
    const session: DecodedNode = {
      label: 'Session (ISO 8327)',
      value: 'GIVE TOKENS + DATA TRANSFER',
      collapsed: true,
      ...span(0, dataAt),
      children: [
        { label: 'SPDU', value: 'GIVE TOKENS (SI 1, LI 0)' },
        { label: 'SPDU', value: 'DATA TRANSFER (SI 1, LI 0)' },
      ],
    };
    const userData = ssdu.subarray(dataAt);
    const presentation = layer('Presentation (ISO 8823)', () => ({
      ...objectTree('Presentation (ISO 8823)', { userData: decodeUserData(userData) }, budget),
      value: 'User-data',
    }));
    return [session, { ...presentation, collapsed: true, ...span(dataAt, userData.length) }];
  }
  const session = layer('Session (ISO 8327)', () => objectTree('Session (ISO 8327)', decodeSpdu(ssdu), budget));
  const out = [{ ...session, collapsed: true, ...span(0, ssdu.length) }];
  const spdu = tryDecode(() => decodeSpdu(ssdu));
  if (spdu?.type === 'AC' && spdu.userData) {
    const cpa = spdu.userData;
    out.push({ ...layer('Presentation (ISO 8823)', () => objectTree('Presentation (ISO 8823)', decodeCpa(cpa), budget)), collapsed: true });
  }
  return out;
}

function tryDecode<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}
