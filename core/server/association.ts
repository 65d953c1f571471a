import { IsoAssociation, type AssociateDiagnostic, type AssociateRequest } from '../iso';
import {
  MmsError,
  decodeMmsPdu,
  encodeCancelError,
  encodeConclude,
  encodeConfirmedError,
  encodeConfirmedResponse,
  encodeInformationReport,
  encodeInitiateResponse,
  encodeReject,
  peekInvokeId,
  rejectReason,
  serviceErrorByName,
  type ConfirmedRequest,
  type InformationReport,
  type MmsPdu,
} from '../mms';
import { RelayGateError, errorMessage } from '../shared';
import type { ByteLink } from '../transport';
import type { ClientContext } from './client-context';
import { dispatch } from './dispatcher';
import { negotiateInitiate, type ServerLimits } from './initiate';
import type { ServerDataModel } from './model/data-model';

/** What an association needs from the server that accepted it. */
export interface AssociationHost {
  readonly model: ServerDataModel;
  readonly limits: ServerLimits;
  readonly password: string | undefined;
  /** Bytes queued to a client that stopped reading before it is dropped. */
  readonly maxBufferedBytes: number;
  /** Undefined to admit the association, or the diagnostic to refuse it with (too many clients). */
  admit(association: ServerAssociation): AssociateDiagnostic | undefined;
  /** Called for every confirmed request before it is answered; may delay or drop the answer (faults). */
  beforeAnswer(association: ServerAssociation, request: ConfirmedRequest): { delayMs: number } | 'drop';
  associated(association: ServerAssociation): void;
  closed(association: ServerAssociation): void;
  /** Something went wrong that the server survives; for diagnostics. */
  warn(association: ServerAssociation, message: string): void;
}

/** Reject reasons (ISO 9506-2 RejectPDU) this server sends. */
const REJECT = {
  invalidArgument: rejectReason(1, 4),
  unrecognizedService: rejectReason(1, 1),
  maxOutstanding: rejectReason(1, 6),
  unknownPdu: rejectReason(5, 0),
  invalidPdu: rejectReason(5, 1),
} as const;

let nextId = 1;

/**
 * One client association, server side: the ISO responder (TPKT … ACSE) and MMS above it. It accepts or
 * refuses the association (password, client limit, Initiate), answers confirmed requests from the data
 * model, and sends reports. Nothing a client sends makes it throw: malformed PDUs get a Reject, a PDU
 * larger than negotiated gets a Reject, a broken ISO stream closes this connection only.
 */
export class ServerAssociation implements ClientContext {
  readonly id = nextId++;
  readonly remote: string;
  maxPduSize: number;
  private readonly iso: IsoAssociation;
  private maxOutstanding = 1;
  private outstanding = 0;
  private associatedFlag = false;
  private readonly closeListeners: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly link: ByteLink,
    private readonly host: AssociationHost,
    associateTimeoutMs: number,
  ) {
    this.remote = link.remote;
    this.maxPduSize = host.limits.maxPduSize;
    this.iso = new IsoAssociation({ role: 'responder', maxMmsPduSize: host.limits.maxPduSize });
    link.on('data', (chunk) => this.receive(chunk));
    link.on('close', () => this.finish());
    // A connection that never completes its association must not hold a slot.
    this.timer = setTimeout(() => {
      if (!this.associatedFlag) this.abort('no association within the time allowed');
    }, associateTimeoutMs);
  }

  get associated(): boolean {
    return this.associatedFlag && !this.link.closed;
  }

  get closed(): boolean {
    return this.link.closed;
  }

  onClose(listener: () => void): void {
    if (this.link.closed) listener();
    else this.closeListeners.push(listener);
  }

  sendReport(report: InformationReport): void {
    this.send(encodeInformationReport(report));
  }

  /** Drops the association at the TCP level, as a crashing IED or a pulled cable would. */
  drop(): void {
    this.link.destroy({ kind: 'error', code: 'dropped', message: 'dropped by the server' });
  }

  /** Aborts the association (A-ABORT), then closes the connection. */
  abort(why: string): void {
    if (this.link.closed) return;
    this.host.warn(this, `aborting: ${why}`);
    const bytes = this.iso.abort();
    if (bytes.length > 0) this.link.write(bytes);
    this.link.close();
  }

  private receive(chunk: Uint8Array): void {
    this.guarded(() => {
      for (const event of this.iso.receive(chunk)) {
        if (this.link.closed) return;
        switch (event.type) {
          case 'send':
            this.link.write(event.bytes);
            break;
          case 'associate-request':
            this.onAssociate(event.request);
            break;
          case 'data':
            this.onPdu(event.mmsPdu);
            break;
          case 'protocol-error':
            this.host.warn(this, `protocol error: ${event.error.message}`);
            this.link.close();
            break;
          case 'released':
          case 'aborted':
          case 'disconnected':
            this.link.close();
            break;
          default:
            break;
        }
      }
    });
  }

  private onAssociate(request: AssociateRequest): void {
    const refusal = this.host.admit(this);
    if (refusal) return this.refuse(refusal, 'rejected-transient');
    if (this.host.password !== undefined && request.password !== this.host.password)
      return this.refuse({ source: 'acse-service-user', reason: 'authentication-failure' }, 'rejected-permanent');
    let pdu: MmsPdu;
    try {
      pdu = decodeMmsPdu(request.mmsPdu);
    } catch (err) {
      this.host.warn(this, `unreadable Initiate-RequestPDU: ${errorMessage(err)}`);
      return this.refuse({ source: 'acse-service-user', reason: 'no-reason-given' }, 'rejected-permanent');
    }
    if (pdu.kind !== 'initiate-request')
      return this.refuse({ source: 'acse-service-user', reason: 'no-reason-given' }, 'rejected-permanent');
    const response = negotiateInitiate(pdu.params, this.host.limits);
    this.maxPduSize = response.maxPduSize ?? this.host.limits.maxPduSize;
    this.maxOutstanding = response.maxServOutstandingCalling;
    this.link.write(this.iso.accept(encodeInitiateResponse(response)));
    this.associatedFlag = true;
    clearTimeout(this.timer);
    this.host.associated(this);
  }

  private refuse(diagnostic: AssociateDiagnostic, result: 'rejected-permanent' | 'rejected-transient'): void {
    this.host.warn(this, `association refused: ${diagnostic.reason}`);
    this.link.write(this.iso.reject(diagnostic, result));
    this.link.close();
  }

  private onPdu(bytes: Uint8Array): void {
    if (bytes.length > this.maxPduSize) {
      this.host.warn(this, `a PDU of ${bytes.length} octets exceeds the negotiated ${this.maxPduSize}`);
      return this.send(encodeReject(peekInvokeId(bytes), REJECT.invalidPdu));
    }
    let pdu: MmsPdu;
    try {
      pdu = decodeMmsPdu(bytes);
    } catch (err) {
      if (!(err instanceof RelayGateError)) throw err;
      const invokeId = err instanceof MmsError ? err.invokeId : peekInvokeId(bytes);
      const reason =
        err instanceof MmsError && err.code === 'unknown-service'
          ? REJECT.unrecognizedService
          : invokeId === undefined
            ? REJECT.unknownPdu
            : REJECT.invalidArgument;
      this.host.warn(this, `rejected: ${err.message}`);
      return this.send(encodeReject(invokeId, reason));
    }
    switch (pdu.kind) {
      case 'confirmed-request':
        return this.serve(pdu.invokeId, pdu.request);
      case 'conclude-request':
        return this.send(encodeConclude('response'));
      case 'cancel-request':
        // Every request is answered before the next is read: there is nothing left to cancel.
        return this.send(
          encodeCancelError(pdu.invokeId, serviceErrorByName('cancel/cancel-not-possible')),
        );
      default:
        return this.send(encodeReject(undefined, REJECT.unknownPdu));
    }
  }

  private serve(invokeId: number, request: ConfirmedRequest): void {
    if (this.outstanding >= this.maxOutstanding) return this.send(encodeReject(invokeId, REJECT.maxOutstanding));
    const plan = this.host.beforeAnswer(this, request);
    if (plan === 'drop') return;
    const answer = (): void => {
      this.outstanding = Math.max(0, this.outstanding - 1);
      if (!this.link.closed) this.guarded(() => this.send(this.answer(invokeId, request)));
    };
    this.outstanding++;
    if (plan.delayMs > 0) setTimeout(answer, plan.delayMs);
    else answer();
  }

  private answer(invokeId: number, request: ConfirmedRequest): Uint8Array {
    const result = dispatch(this.host.model, request, this);
    const out = 'error' in result ? encodeConfirmedError(invokeId, result.error) : encodeConfirmedResponse(invokeId, result);
    if (out.length <= this.maxPduSize) return out;
    const why = `the answer has ${out.length} octets, more than the negotiated ${this.maxPduSize}`;
    return encodeConfirmedError(invokeId, serviceErrorByName('service/pdu-size', { additionalDescription: why }));
  }

  /** Runs work for this association; a bug of ours costs this connection only, never the server. */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.host.warn(this, `internal error: ${errorMessage(err)}`);
      this.link.destroy({ kind: 'error', code: 'internal', message: errorMessage(err) });
    }
  }

  private send(mmsPdu: Uint8Array): void {
    if (this.link.closed || this.iso.state !== 'associated') return;
    if (this.link.bufferedAmount > this.host.maxBufferedBytes) {
      this.abort(`the client reads nothing: ${this.link.bufferedAmount} octets are waiting`);
      return;
    }
    this.link.write(this.iso.sendData(mmsPdu));
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.iso.close();
    for (const listener of this.closeListeners.splice(0)) {
      try {
        listener();
      } catch (err) {
        this.host.warn(this, `internal error on close: ${errorMessage(err)}`);
      }
    }
    this.host.closed(this);
  }
}
