import { IsoError } from './errors';
import {
  COTP_DEFAULT_TPDU_SIZE,
  COTP_DT_HEADER_LENGTH,
  COTP_MAX_TPDU_SIZE,
  decodeCotp,
  describeCotpDisconnect,
  encodeCotp,
  tpduSizeToCode,
  type CotpCc,
  type CotpCr,
  type CotpDr,
  type CotpEr,
} from './cotp';

/**
 * The class 0 transport connection as a pure state machine: feed it received TPDUs (TPKT payloads),
 * get events back; ask it for the TPDUs to send. It owns no socket and no timer.
 *
 * Class 0 has no flow control, no expedited data and no disconnect procedure of its own: a connection
 * ends when the network connection (TCP) closes. DR is only sent to refuse a CR, but a DR or an ER
 * received in any state is reported as a clean disconnect with its reason.
 */
export type CotpRole = 'initiator' | 'responder';
export type CotpState = 'idle' | 'awaiting-cc' | 'awaiting-accept' | 'open' | 'closed';

export interface CotpConnectionOptions {
  role: CotpRole;
  /** Our TSAP selector: calling TSAP in a CR we send, called TSAP a CR to us should name. */
  localTsap?: Uint8Array;
  /** The peer's TSAP selector (initiator only: the called TSAP). */
  remoteTsap?: Uint8Array;
  /** TPDU size we propose (initiator) or the largest we accept (responder). Default 8192. */
  tpduSize?: number;
  /** Our reference (SRC-REF). Default 1. */
  localRef?: number;
  /** Reassembly bound: the largest SDU accepted, e.g. the negotiated MMS PDU size plus ISO overhead. */
  maxSduLength: number;
}

export interface CotpDisconnectReason {
  /** The TPDU that ended the connection. */
  tpdu: 'DR' | 'ER';
  /** DR reason or ER reject cause. */
  code: number;
  text: string;
}

export type CotpEvent =
  /** Responder: a CR arrived; answer with accept() or refuse(). */
  | { type: 'connect-request'; cr: CotpCr }
  /** Initiator: the CC arrived; the connection is open. */
  | { type: 'connected'; tpduSize: number; cc: CotpCc }
  /** A complete SDU, reassembled from one or more DT TPDUs. */
  | { type: 'data'; sdu: Uint8Array }
  | { type: 'disconnected'; reason: CotpDisconnectReason };

export class CotpConnection {
  readonly role: CotpRole;
  private stateValue: CotpState = 'idle';
  private readonly localTsap: Uint8Array | undefined;
  private readonly remoteTsapOption: Uint8Array | undefined;
  private readonly proposedTpduSize: number;
  private readonly localRef: number;
  private readonly maxSduLength: number;
  private negotiatedTpduSize = COTP_DEFAULT_TPDU_SIZE;
  private remoteRef = 0;
  private pendingCr: CotpCr | undefined;
  private parts: Uint8Array[] = [];
  private partsLength = 0;

  constructor(options: CotpConnectionOptions) {
    this.role = options.role;
    this.localTsap = options.localTsap;
    this.remoteTsapOption = options.remoteTsap;
    this.proposedTpduSize = options.tpduSize ?? COTP_MAX_TPDU_SIZE;
    tpduSizeToCode(this.proposedTpduSize);
    this.localRef = options.localRef ?? 1;
    if (!Number.isInteger(options.maxSduLength) || options.maxSduLength < 1) {
      throw new RangeError('maxSduLength must be a positive integer');
    }
    this.maxSduLength = options.maxSduLength;
  }

  get state(): CotpState {
    return this.stateValue;
  }

  /** The TPDU size in force (default 128 until negotiated). */
  get tpduSize(): number {
    return this.negotiatedTpduSize;
  }

  /** Bytes of a segmented SDU received so far. */
  get reassemblyLength(): number {
    return this.partsLength;
  }

  /** Initiator: the CR TPDU to send first. */
  connectRequest(): Uint8Array {
    this.expectState('idle', 'connectRequest');
    if (this.role !== 'initiator') throw new IsoError('cotp-state', 'only the initiator sends a CR');
    this.stateValue = 'awaiting-cc';
    return encodeCotp({
      type: 'CR',
      dstRef: 0,
      srcRef: this.localRef,
      protocolClass: 0,
      options: 0,
      tpduSize: this.proposedTpduSize,
      ...(this.remoteTsapOption ? { calledTsap: this.remoteTsapOption } : {}),
      ...(this.localTsap ? { callingTsap: this.localTsap } : {}),
    });
  }

  /** Responder: accept the pending CR; returns the CC TPDU. The TPDU size is the smaller proposal. */
  accept(): Uint8Array {
    this.expectState('awaiting-accept', 'accept');
    const cr = this.pendingCr!;
    const size = Math.min(cr.tpduSize ?? COTP_DEFAULT_TPDU_SIZE, this.proposedTpduSize);
    this.negotiatedTpduSize = size;
    this.remoteRef = cr.srcRef;
    this.pendingCr = undefined;
    this.stateValue = 'open';
    return encodeCotp({
      type: 'CC',
      dstRef: cr.srcRef,
      srcRef: this.localRef,
      protocolClass: 0,
      options: 0,
      tpduSize: size,
      // The TSAP-IDs of a CC name the same calling and called TSAPs as the CR did.
      ...(cr.calledTsap ? { calledTsap: cr.calledTsap } : {}),
      ...(cr.callingTsap ? { callingTsap: cr.callingTsap } : {}),
    });
  }

  /** Responder: refuse the pending CR with a DR (reason per ISO 8073 13.5.3, default 2). */
  refuse(reason = 2): Uint8Array {
    this.expectState('awaiting-accept', 'refuse');
    const cr = this.pendingCr!;
    this.pendingCr = undefined;
    this.stateValue = 'closed';
    return encodeCotp({ type: 'DR', dstRef: cr.srcRef, srcRef: this.localRef, reason });
  }

  /** Splits an SDU into DT TPDUs of at most the negotiated TPDU size; the last one has EOT set. */
  send(sdu: Uint8Array): Uint8Array[] {
    this.expectState('open', 'send');
    const room = this.negotiatedTpduSize - COTP_DT_HEADER_LENGTH;
    const out: Uint8Array[] = [];
    let at = 0;
    do {
      const end = Math.min(at + room, sdu.length);
      out.push(encodeCotp({ type: 'DT', eot: end === sdu.length, userData: sdu.subarray(at, end) }));
      at = end;
    } while (at < sdu.length);
    return out;
  }

  /** The peer's reference (SRC-REF of its CR or CC). */
  get peerRef(): number {
    return this.remoteRef;
  }

  /**
   * Handles one received TPDU. Returns the event it completes, or undefined when a DT segment was
   * only buffered. Throws IsoError for malformed or out-of-state TPDUs; the connection is then closed.
   */
  receive(bytes: Uint8Array): CotpEvent | undefined {
    if (this.stateValue === 'closed') throw new IsoError('cotp-state', 'TPDU received on a closed transport connection');
    try {
      return this.handle(bytes);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  private handle(bytes: Uint8Array): CotpEvent | undefined {
    const tpdu = decodeCotp(bytes);
    switch (tpdu.type) {
      case 'DR':
      case 'ER':
        return this.disconnected(tpdu);
      case 'CR':
        this.expectReceived('idle', 'CR');
        if (this.role !== 'responder') throw new IsoError('cotp-unexpected-tpdu', 'an initiator does not accept a CR', { offset: 1 });
        checkClass0(tpdu.protocolClass);
        this.pendingCr = tpdu;
        this.stateValue = 'awaiting-accept';
        return { type: 'connect-request', cr: tpdu };
      case 'CC': {
        this.expectReceived('awaiting-cc', 'CC');
        checkClass0(tpdu.protocolClass);
        // The responder may only lower the size; a larger answer is clamped to what we proposed.
        this.negotiatedTpduSize = Math.min(tpdu.tpduSize ?? COTP_DEFAULT_TPDU_SIZE, this.proposedTpduSize);
        this.remoteRef = tpdu.srcRef;
        this.stateValue = 'open';
        return { type: 'connected', tpduSize: this.negotiatedTpduSize, cc: tpdu };
      }
      case 'DT':
        this.expectReceived('open', 'DT');
        return this.reassemble(tpdu.userData, tpdu.eot);
      case 'DC':
        throw new IsoError('cotp-unexpected-tpdu', 'DC is not used in class 0', { offset: 1 });
    }
  }

  private reassemble(data: Uint8Array, eot: boolean): CotpEvent | undefined {
    if (this.partsLength + data.length > this.maxSduLength) {
      throw new IsoError(
        'cotp-sdu-too-large',
        `reassembled SDU would be ${this.partsLength + data.length} bytes, more than the ${this.maxSduLength} allowed`,
        { offset: COTP_DT_HEADER_LENGTH },
      );
    }
    this.parts.push(data);
    this.partsLength += data.length;
    if (!eot) return undefined;
    const sdu = this.parts.length === 1 ? this.parts[0]! : joinParts(this.parts, this.partsLength);
    this.parts = [];
    this.partsLength = 0;
    return { type: 'data', sdu };
  }

  private disconnected(tpdu: CotpDr | CotpEr): CotpEvent {
    this.close();
    const code = tpdu.type === 'DR' ? tpdu.reason : tpdu.cause;
    return { type: 'disconnected', reason: { tpdu: tpdu.type, code, text: describeCotpDisconnect(tpdu) } };
  }

  /** Marks the connection closed (e.g. when TCP closed) and drops any partial SDU. */
  close(): void {
    this.stateValue = 'closed';
    this.parts = [];
    this.partsLength = 0;
    this.pendingCr = undefined;
  }

  private expectState(state: CotpState, action: string): void {
    if (this.stateValue !== state) throw new IsoError('cotp-state', `${action} needs state ${state}, the connection is ${this.stateValue}`);
  }

  private expectReceived(state: CotpState, what: string): void {
    if (this.stateValue !== state) {
      throw new IsoError('cotp-unexpected-tpdu', `${what} received in state ${this.stateValue}`, { offset: 1 });
    }
  }
}

function checkClass0(protocolClass: number): void {
  if (protocolClass !== 0) throw new IsoError('cotp-class', `only class 0 is supported, the peer asked for class ${protocolClass}`, { offset: 6 });
}

function joinParts(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
