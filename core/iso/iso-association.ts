import type { Aarq, AssociateDiagnostic } from './acse';
import {
  abortFrom,
  acseFrom,
  buildAarq,
  buildAbort,
  buildAccept,
  buildConnect,
  buildDisconnect,
  buildFinish,
  buildRefuse,
  mmsFrom,
  negotiateContexts,
  rejectionFromAare,
  rejectionFromRefuse,
  releaseApdu,
  type NegotiatedContexts,
} from './association-pdus';
import { COTP_MAX_TPDU_SIZE, type CotpCr } from './cotp';
import { CotpConnection } from './cotp-connection';
import { encodeDataFrames, sessionDataStart } from './data-frames';
import { IsoError } from './errors';
import { ACSE_CONTEXT_ID, MMS_CONTEXT_ID, decodeCp, decodeCpa, type ContextResult } from './presentation';
import {
  DEFAULT_CALLING_AP_TITLE,
  DEFAULT_MAX_MMS_PDU_SIZE,
  type AssociateRequest,
  type IsoAssociationOptions,
  type IsoAssociationState,
  type IsoEvent,
  type IsoRole,
  type PeerAddressing,
} from './iso-association-types';
import { decodeUserData } from './presentation-user-data';
import { defaultIsoAddress, type IsoAddress } from './selectors';
import { decodeSpdu, type Spdu } from './session';
import { TpktFramer, encodeTpkts } from './tpkt';

/*
 * One MMS association's ISO stack — TPKT, COTP class 0, Session, Presentation and ACSE — as one pure
 * state machine per TCP connection, for both roles. It owns no socket and no timer:
 *
 *   - `receive(bytes)` takes whatever TCP delivered (any chunking) and returns events in order. An
 *     event `{ type: 'send', bytes }` carries bytes the machine must send by itself (the CN after the
 *     CC, the CC after a CR, the DN answering a release): write them to the socket when you see them.
 *   - The actions (`start`, `accept`, `reject`, `sendData`, `release`, `abort`) return the bytes to
 *     write. They throw IsoError 'association-state' when called in the wrong state (a caller bug).
 *   - Malformed or out-of-state input never throws: it yields `{ type: 'protocol-error', error }` and
 *     the machine closes. So do `rejected`, `released`, `aborted` and `disconnected`; after any of them
 *     the caller closes the TCP connection, and further input is ignored.
 *
 * Initiator:  start() → CR;  CC → [cotp-connected, send CN+CP+AARQ];  AC+CPA+AARE → associated | rejected;
 *             RF+CPR+AARE → rejected;  DT ↔ data;  release() → FN;  DN → released.
 * Responder:  CR → [cotp-connected, send CC];  CN+CP+AARQ → associate-request;  accept() → AC+CPA+AARE,
 *             or reject() → RF+CPR+AARE;  DT ↔ data;  FN → [release-request, send DN, released].
 * Either end: abort() → AB+ARU+ABRT;  AB → aborted;  COTP DR/ER → disconnected.
 */

/** Room for everything around an MMS PDU in one SSDU: the connect phase carries selectors, titles
 * and a password besides the MMS initiate PDU. */
const ISO_OVERHEAD = 4096;

export class IsoAssociation {
  readonly role: IsoRole;
  private stateValue: IsoAssociationState = 'idle';
  private readonly local: IsoAddress;
  private readonly remote: IsoAddress;
  private readonly password: string | undefined;
  private readonly framer: TpktFramer;
  private readonly cotp: CotpConnection;
  private contexts: NegotiatedContexts = { acse: ACSE_CONTEXT_ID, mms: MMS_CONTEXT_ID };
  private contextResults: ContextResult[] = [];
  private pendingInitiate: Uint8Array | undefined;
  private pendingAarq: Aarq | undefined;
  private cr: CotpCr | undefined;
  private readonly keepTpdus: boolean;
  /** With keepTpdus: the TPDUs of the SDU being reassembled, then of the one being handled. */
  private heldTpdus: Uint8Array[] = [];

  constructor(options: IsoAssociationOptions) {
    this.role = options.role;
    this.local = options.local ?? {
      ...defaultIsoAddress(),
      ...(options.role === 'initiator' ? { apTitle: DEFAULT_CALLING_AP_TITLE } : {}),
    };
    this.remote = options.remote ?? defaultIsoAddress();
    this.password = options.password;
    this.keepTpdus = options.keepTpdus ?? false;
    const maxMms = options.maxMmsPduSize ?? DEFAULT_MAX_MMS_PDU_SIZE;
    if (!Number.isInteger(maxMms) || maxMms < 1)
      throw new RangeError('maxMmsPduSize must be a positive integer');
    this.framer = new TpktFramer();
    this.cotp = new CotpConnection({
      role: options.role,
      localTsap: this.local.tsel,
      ...(options.role === 'initiator' ? { remoteTsap: this.remote.tsel } : {}),
      tpduSize: options.tpduSize ?? COTP_MAX_TPDU_SIZE,
      maxSduLength: maxMms + ISO_OVERHEAD,
    });
  }

  get state(): IsoAssociationState {
    return this.stateValue;
  }

  /** The negotiated COTP TPDU size (128 until the CR/CC exchange). */
  get tpduSize(): number {
    return this.cotp.tpduSize;
  }

  // ---------------------------------------------------------------- actions

  /** Initiator: the CR to send first. The AARQ carrying `mmsInitiateRequest` follows the CC by itself. */
  start(mmsInitiateRequest: Uint8Array): Uint8Array {
    this.expect('initiator', 'idle', 'start');
    this.pendingInitiate = mmsInitiateRequest;
    this.stateValue = 'connecting';
    return encodeTpkts([this.cotp.connectRequest()]);
  }

  /** Responder: accept the reported association; `mmsInitiateResponse` goes in the AARE. */
  accept(mmsInitiateResponse: Uint8Array): Uint8Array {
    this.expect('responder', 'awaiting-response', 'accept');
    const spdu = buildAccept(
      this.local,
      this.contexts,
      this.contextResults,
      this.pendingAarq!,
      mmsInitiateResponse,
    );
    this.pendingAarq = undefined;
    this.stateValue = 'associated';
    return this.frame(spdu);
  }

  /**
   * Responder: refuse the reported association (X.227 A-ASSOCIATE response, negative): RF + CPR + AARE
   * with this diagnostic. The machine closes; close the TCP connection after writing the bytes.
   */
  reject(
    diagnostic: AssociateDiagnostic = { source: 'acse-service-user', reason: 'no-reason-given' },
    result: 'rejected-permanent' | 'rejected-transient' = 'rejected-permanent',
  ): Uint8Array {
    this.expect('responder', 'awaiting-response', 'reject');
    const spdu = buildRefuse(
      this.local,
      this.contexts,
      this.contextResults,
      this.pendingAarq!,
      diagnostic,
      result,
    );
    const bytes = this.frame(spdu);
    this.close();
    return bytes;
  }

  /** The TPKT frames carrying one MMS PDU, segmented to the negotiated TPDU size. */
  sendData(mmsPdu: Uint8Array): Uint8Array {
    if (this.stateValue !== 'associated') {
      throw new IsoError(
        'association-state',
        `sendData needs an established association, the state is ${this.stateValue}`,
      );
    }
    return encodeDataFrames(mmsPdu, this.contexts.mms, this.cotp.tpduSize);
  }

  /** Orderly release (A-RELEASE): FN + RLRQ. Wait for `released`; data may still arrive meanwhile. */
  release(): Uint8Array {
    if (this.stateValue !== 'associated') {
      throw new IsoError(
        'association-state',
        `release needs an established association, the state is ${this.stateValue}`,
      );
    }
    this.stateValue = 'releasing';
    return this.frame(buildFinish(this.contexts.acse));
  }

  /**
   * Abort (A-ABORT) from any state after the transport connection opened: AB + ARU + ABRT. The machine
   * closes; close the TCP connection after writing the bytes. Before the CC there is nothing to abort
   * at the ISO level and the result is empty.
   */
  abort(): Uint8Array {
    const open = this.cotp.state === 'open' && this.stateValue !== 'closed';
    const bytes = open ? this.frame(buildAbort(this.contexts.acse)) : new Uint8Array(0);
    this.close();
    return bytes;
  }

  /** The TCP connection closed (or is being closed): drop all state. */
  close(): void {
    this.stateValue = 'closed';
    this.cotp.close();
    this.pendingAarq = undefined;
    this.pendingInitiate = undefined;
  }

  // ---------------------------------------------------------------- input

  /** Feeds bytes received from TCP; returns what they completed, in order. */
  receive(bytes: Uint8Array): IsoEvent[] {
    const events: IsoEvent[] = [];
    if (this.stateValue === 'closed') return events;
    try {
      for (const tpdu of this.framer.push(bytes)) {
        this.onTpdu(tpdu, events);
        if (this.isClosed()) break;
      }
    } catch (err) {
      if (!(err instanceof IsoError)) throw err;
      this.close();
      events.push({ type: 'protocol-error', error: err });
    }
    return events;
  }

  private isClosed(): boolean {
    return this.stateValue === 'closed';
  }

  private onTpdu(tpdu: Uint8Array, events: IsoEvent[]): void {
    if (this.keepTpdus) this.heldTpdus.push(tpdu);
    const ev = this.cotp.receive(tpdu);
    if (!ev) return; // a DT segment, buffered
    const tpdus = this.heldTpdus;
    if (this.keepTpdus) this.heldTpdus = [];
    switch (ev.type) {
      case 'connect-request':
        // A responder takes any class 0 CR: TSAP checks, if wanted, belong to the accept decision.
        this.cr = ev.cr;
        events.push({ type: 'send', bytes: encodeTpkts([this.cotp.accept()]) });
        events.push({ type: 'cotp-connected', tpduSize: this.cotp.tpduSize });
        this.stateValue = 'associating';
        return;
      case 'connected': {
        events.push({ type: 'cotp-connected', tpduSize: ev.tpduSize });
        const aarq = buildAarq(
          this.local,
          this.remote,
          this.pendingInitiate ?? new Uint8Array(0),
          this.password,
        );
        this.pendingInitiate = undefined;
        events.push({ type: 'send', bytes: this.frame(buildConnect(this.local, this.remote, aarq)) });
        this.stateValue = 'associating';
        return;
      }
      case 'disconnected':
        this.close();
        events.push({ type: 'disconnected', reason: ev.reason });
        return;
      case 'data': {
        const before = events.length;
        this.onSsdu(ev.sdu, events);
        // The PDUs this SSDU carried, with the TPDUs that brought them (for a capture).
        if (this.keepTpdus) for (const e of events.slice(before)) if (e.type === 'data' || e.type === 'associated') e.tpdus = tpdus;
        return;
      }
    }
  }

  private onSsdu(ssdu: Uint8Array, events: IsoEvent[]): void {
    const dataAt = sessionDataStart(ssdu);
    if (dataAt >= 0) {
      this.onData(ssdu.subarray(dataAt), events);
      return;
    }
    const spdu = decodeSpdu(ssdu);
    switch (spdu.type) {
      case 'DT':
        return this.onData(spdu.userInformation, events);
      case 'CN':
        return this.onConnect(spdu, events);
      case 'AC':
        return this.onAccept(spdu, events);
      case 'RF':
        this.expectReceived('initiator', 'associating', 'REFUSE');
        this.close();
        events.push({ type: 'rejected', rejection: rejectionFromRefuse(spdu, this.contexts.acse) });
        return;
      case 'FN':
        return this.onFinish(spdu, events);
      case 'DN':
        return this.onDisconnect(spdu, events);
      case 'AB':
        this.close();
        events.push({ type: 'aborted', abort: abortFrom(spdu, this.contexts.acse) });
        return;
      default:
        throw new IsoError(
          'association-unexpected-pdu',
          `session ${spdu.type} SPDU is not used by an MMS association`,
        );
    }
  }

  private onData(userData: Uint8Array, events: IsoEvent[]): void {
    if (this.stateValue !== 'associated' && this.stateValue !== 'releasing') {
      throw new IsoError('association-unexpected-pdu', `data received in state ${this.stateValue}`);
    }
    const pdvs = decodeUserData(userData);
    const pdv = pdvs[0]!;
    if (pdvs.length !== 1 || pdv.contextId !== this.contexts.mms || pdv.encoding !== 'single-asn1-type') {
      throw new IsoError(
        'presentation-context',
        `data must be one single-ASN1-type value in the MMS context ${this.contexts.mms}`,
      );
    }
    events.push({ type: 'data', mmsPdu: pdv.data });
  }

  private onConnect(spdu: Extract<Spdu, { type: 'CN' }>, events: IsoEvent[]): void {
    this.expectReceived('responder', 'associating', 'CONNECT');
    const cpBytes = spdu.userData ?? spdu.extendedUserData;
    if (!cpBytes) throw new IsoError('session-missing-parameter', 'CONNECT carries no presentation CP');
    const cp = decodeCp(cpBytes);
    const { contexts, results } = negotiateContexts(cp);
    this.contexts = contexts;
    this.contextResults = results;
    const aarq = acseFrom(cp.userData, contexts.acse, 'CP-type');
    if (aarq.type !== 'AARQ')
      throw new IsoError('association-unexpected-pdu', `CP-type carries an ${aarq.type}, not an AARQ`);
    const mmsPdu = mmsFrom(aarq, contexts.mms);
    this.pendingAarq = aarq;
    this.stateValue = 'awaiting-response';
    const request: AssociateRequest = { addressing: this.addressing(spdu, cp), aarq, mmsPdu };
    if (aarq.authenticationValue?.kind === 'charstring') request.password = aarq.authenticationValue.value;
    events.push({ type: 'associate-request', request });
  }

  private addressing(spdu: Extract<Spdu, { type: 'CN' }>, cp: ReturnType<typeof decodeCp>): PeerAddressing {
    const out: PeerAddressing = {};
    const set = (key: keyof PeerAddressing, v: Uint8Array | undefined): void => {
      if (v !== undefined) out[key] = v;
    };
    set('callingTsel', this.cr?.callingTsap);
    set('calledTsel', this.cr?.calledTsap);
    set('callingSsel', spdu.callingSessionSelector);
    set('calledSsel', spdu.calledSessionSelector);
    set('callingPsel', cp.callingSelector);
    set('calledPsel', cp.calledSelector);
    return out;
  }

  private onAccept(spdu: Extract<Spdu, { type: 'AC' }>, events: IsoEvent[]): void {
    this.expectReceived('initiator', 'associating', 'ACCEPT');
    if (!spdu.userData) throw new IsoError('session-missing-parameter', 'ACCEPT carries no presentation CPA');
    const cpa = decodeCpa(spdu.userData);
    const aare = acseFrom(cpa.userData, this.contexts.acse, 'CPA-PPDU');
    if (aare.type !== 'AARE')
      throw new IsoError('association-unexpected-pdu', `CPA-PPDU carries an ${aare.type}, not an AARE`);
    if (aare.result !== 'accepted') {
      // Some servers reject inside an accepting session connection; the AARE is what counts.
      this.close();
      events.push({ type: 'rejected', rejection: rejectionFromAare(aare) });
      return;
    }
    const refused = cpa.results?.find((r) => r.result !== 'acceptance');
    if (refused) {
      throw new IsoError(
        'presentation-context',
        `the responder did not accept every presentation context (${refused.result})`,
      );
    }
    const mmsPdu = mmsFrom(aare, this.contexts.mms);
    this.stateValue = 'associated';
    events.push({ type: 'associated', aare, mmsPdu });
  }

  private onFinish(spdu: Extract<Spdu, { type: 'FN' }>, events: IsoEvent[]): void {
    if (this.stateValue !== 'associated' && this.stateValue !== 'releasing') {
      throw new IsoError('association-unexpected-pdu', `FINISH received in state ${this.stateValue}`);
    }
    const rlrq = releaseApdu(spdu.userData, this.contexts.acse, 'FINISH');
    if (rlrq.type !== 'RLRQ')
      throw new IsoError('association-unexpected-pdu', `FINISH carries an ${rlrq.type}, not an RLRQ`);
    events.push({ type: 'release-request', ...(rlrq.reason === undefined ? {} : { reason: rlrq.reason }) });
    events.push({ type: 'send', bytes: this.frame(buildDisconnect(this.contexts.acse)) });
    this.close();
    events.push({ type: 'released', reason: 'normal' });
  }

  private onDisconnect(spdu: Extract<Spdu, { type: 'DN' }>, events: IsoEvent[]): void {
    this.expectReceived(this.role, 'releasing', 'DISCONNECT');
    const rlre = releaseApdu(spdu.userData, this.contexts.acse, 'DISCONNECT');
    if (rlre.type !== 'RLRE')
      throw new IsoError('association-unexpected-pdu', `DISCONNECT carries an ${rlre.type}, not an RLRE`);
    this.close();
    events.push({ type: 'released', ...(rlre.reason === undefined ? {} : { reason: rlre.reason }) });
  }

  // ---------------------------------------------------------------- helpers

  /** Wraps one SPDU (category 1, unsegmented in practice) into DT TPDUs and TPKT frames. */
  private frame(spdu: Uint8Array): Uint8Array {
    return encodeTpkts(this.cotp.send(spdu));
  }

  private expect(role: IsoRole, state: IsoAssociationState, action: string): void {
    if (this.role !== role) throw new IsoError('association-state', `${action} is for the ${role} only`);
    if (this.stateValue !== state) {
      throw new IsoError(
        'association-state',
        `${action} needs state ${state}, the association is ${this.stateValue}`,
      );
    }
  }

  private expectReceived(role: IsoRole, state: IsoAssociationState, what: string): void {
    if (this.role !== role || this.stateValue !== state) {
      throw new IsoError(
        'association-unexpected-pdu',
        `${what} SPDU received by the ${this.role} in state ${this.stateValue}`,
      );
    }
  }
}
