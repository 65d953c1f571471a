import {
  Asn1Error,
  BerReader,
  BerWriter,
  TagClass,
  decodeNull,
  decodeUnsigned,
  formatTag,
  type BerLimits,
  type Tlv,
} from '../asn1';
import { RelayGateError } from '../shared';
import {
  MmsError,
  decodeReject,
  decodeServiceError,
  writeReject,
  writeServiceError,
  type RejectReason,
  type ServiceError,
} from './errors';
import {
  decodeRequestBody,
  decodeResponseBody,
  serviceOfTag,
  writeRequestBody,
  writeResponseBody,
  type ConfirmedRequest,
  type ConfirmedResponse,
  type ServiceKind,
} from './services/confirmed';
import {
  decodeInformationReport,
  writeInformationReport,
  type InformationReport,
} from './services/information-report';
import { decodeInitiate, writeInitiate, type InitiateParameters } from './services/initiate';

const C = TagClass.context;
const U = TagClass.universal;

/**
 *   MMSpdu ::= CHOICE {
 *     confirmed-RequestPDU  [0] IMPLICIT Confirmed-RequestPDU,
 *     confirmed-ResponsePDU [1] IMPLICIT Confirmed-ResponsePDU,
 *     confirmed-ErrorPDU    [2] IMPLICIT Confirmed-ErrorPDU,
 *     unconfirmed-PDU       [3] IMPLICIT Unconfirmed-PDU,
 *     rejectPDU             [4] IMPLICIT RejectPDU,
 *     cancel-RequestPDU     [5] IMPLICIT Unsigned32,              -- the invokeID to cancel
 *     cancel-ResponsePDU    [6] IMPLICIT Unsigned32,
 *     cancel-ErrorPDU       [7] IMPLICIT SEQUENCE {
 *                                 originalInvokeID [0] IMPLICIT Unsigned32,
 *                                 serviceError     [1] IMPLICIT ServiceError },
 *     initiate-RequestPDU   [8] IMPLICIT Initiate-RequestPDU,
 *     initiate-ResponsePDU  [9] IMPLICIT Initiate-ResponsePDU,
 *     initiate-ErrorPDU     [10] IMPLICIT ServiceError,
 *     conclude-RequestPDU   [11] IMPLICIT NULL,
 *     conclude-ResponsePDU  [12] IMPLICIT NULL,
 *     conclude-ErrorPDU     [13] IMPLICIT ServiceError }
 *
 *   Confirmed-RequestPDU ::= SEQUENCE {
 *     invokeID       Unsigned32,
 *     listOfModifier SEQUENCE OF Modifier OPTIONAL,                -- not used by IEC 61850; skipped
 *     service        ConfirmedServiceRequest }
 *   Confirmed-ResponsePDU ::= SEQUENCE { invokeID Unsigned32, service ConfirmedServiceResponse }
 *   Confirmed-ErrorPDU ::= SEQUENCE {
 *     invokeID         [0] IMPLICIT Unsigned32,
 *     modifierPosition [1] IMPLICIT Unsigned32 OPTIONAL,
 *     serviceError     [2] IMPLICIT ServiceError }
 *   Unconfirmed-PDU ::= SEQUENCE { service UnconfirmedService }  -- informationReport [0] only
 */
export type MmsPdu =
  | { readonly kind: 'confirmed-request'; readonly invokeId: number; readonly request: ConfirmedRequest }
  | { readonly kind: 'confirmed-response'; readonly invokeId: number; readonly response: ConfirmedResponse }
  | { readonly kind: 'confirmed-error'; readonly invokeId: number; readonly error: ServiceError }
  | { readonly kind: 'information-report'; readonly report: InformationReport }
  | { readonly kind: 'reject'; readonly invokeId?: number; readonly reason: RejectReason }
  | { readonly kind: 'cancel-request' | 'cancel-response'; readonly invokeId: number }
  | { readonly kind: 'cancel-error'; readonly invokeId: number; readonly error: ServiceError }
  | { readonly kind: 'initiate-request' | 'initiate-response'; readonly params: InitiateParameters }
  | { readonly kind: 'initiate-error' | 'conclude-error'; readonly error: ServiceError }
  | { readonly kind: 'conclude-request' | 'conclude-response' };

export type MmsPduKind = MmsPdu['kind'];

/**
 * Decodes one MMS PDU (the presentation layer's user data for the MMS context).
 *
 * Throws only RelayGateErrors: an Asn1Error when the envelope itself is malformed, an MmsError
 * `unknown-pdu` / `unknown-service` for alternatives we do not implement, and an MmsError `bad-pdu`
 * (with the BER error as its cause) when the body of a confirmed PDU is malformed. Every MmsError
 * raised after the invoke id was read carries it in `invokeId`.
 */
export function decodeMmsPdu(bytes: Uint8Array, limits?: Partial<BerLimits>): MmsPdu {
  const reader = new BerReader(bytes, limits ? { limits } : {});
  const tlv = reader.next('an MMS PDU');
  reader.end('the MMS PDU');
  if (tlv.cls !== C)
    throw new MmsError(
      'unknown-pdu',
      `expected an MMS PDU (context tag), found ${formatTag(tlv.cls, tlv.tag)}`,
      {
        offset: 0,
      },
    );
  switch (tlv.tag) {
    case 0:
      return decodeConfirmedRequest(reader, tlv);
    case 1:
      return decodeConfirmedResponse(reader, tlv);
    case 2:
      return decodeConfirmedError(reader, tlv);
    case 3:
      return decodeUnconfirmed(reader, tlv);
    case 4:
      return { kind: 'reject', ...decodeReject(reader, tlv) };
    case 5:
      return { kind: 'cancel-request', invokeId: decodeUnsigned(reader, tlv) };
    case 6:
      return { kind: 'cancel-response', invokeId: decodeUnsigned(reader, tlv) };
    case 7:
      return decodeCancelError(reader, tlv);
    case 8:
      return { kind: 'initiate-request', params: decodeInitiate(reader, tlv, 'Initiate-RequestPDU') };
    case 9:
      return { kind: 'initiate-response', params: decodeInitiate(reader, tlv, 'Initiate-ResponsePDU') };
    case 10:
      return { kind: 'initiate-error', error: decodeServiceError(reader, tlv) };
    case 11:
      decodeNull(reader, tlv);
      return { kind: 'conclude-request' };
    case 12:
      decodeNull(reader, tlv);
      return { kind: 'conclude-response' };
    case 13:
      return { kind: 'conclude-error', error: decodeServiceError(reader, tlv) };
    default:
      throw new MmsError('unknown-pdu', `unsupported MMS PDU ${formatTag(tlv.cls, tlv.tag)}`, { offset: 0 });
  }
}

/** The service of a confirmed PDU's body; an `unknown-service` MmsError (with the invoke id) if we lack it. */
function serviceOf(body: Tlv, what: string, invokeId: number): ServiceKind {
  const service = serviceOfTag(body);
  if (service === undefined)
    throw new MmsError('unknown-service', `unsupported ${what} service ${formatTag(body.cls, body.tag)}`, {
      offset: body.start,
      invokeId,
    });
  return service;
}

/** Runs a body decoder; a BER failure inside becomes a `bad-pdu` MmsError that names the invoke id. */
function withInvokeId<T>(invokeId: number, what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof MmsError || !(err instanceof RelayGateError)) throw err;
    throw new MmsError('bad-pdu', `${what} #${invokeId}: ${err.message}`, {
      offset: err.offset,
      invokeId,
      cause: err,
    });
  }
}

function decodeConfirmedRequest(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Confirmed-RequestPDU');
  const invokeId = decodeUnsigned(seq, seq.expect(U, 2, 'invokeID'));
  return withInvokeId(invokeId, 'confirmed request', () => {
    seq.optional(U, 16); // listOfModifier: not used by IEC 61850
    const body = seq.next('a ConfirmedServiceRequest');
    const service = serviceOf(body, 'confirmed request', invokeId);
    const request = decodeRequestBody(seq, body, service);
    seq.end('Confirmed-RequestPDU');
    return { kind: 'confirmed-request', invokeId, request };
  });
}

function decodeConfirmedResponse(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Confirmed-ResponsePDU');
  const invokeId = decodeUnsigned(seq, seq.expect(U, 2, 'invokeID'));
  return withInvokeId(invokeId, 'confirmed response', () => {
    const body = seq.next('a ConfirmedServiceResponse');
    const service = serviceOf(body, 'confirmed response', invokeId);
    const response = decodeResponseBody(seq, body, service);
    seq.end('Confirmed-ResponsePDU');
    return { kind: 'confirmed-response', invokeId, response };
  });
}

function decodeConfirmedError(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Confirmed-ErrorPDU');
  const invokeId = decodeUnsigned(seq, seq.expect(C, 0, 'invokeID'));
  return withInvokeId(invokeId, 'confirmed error', () => {
    seq.optional(C, 1); // modifierPosition
    const error = decodeServiceError(seq, seq.expect(C, 2, 'serviceError'));
    seq.end('Confirmed-ErrorPDU');
    return { kind: 'confirmed-error', invokeId, error };
  });
}

function decodeCancelError(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Cancel-ErrorPDU');
  const invokeId = decodeUnsigned(seq, seq.expect(C, 0, 'originalInvokeID'));
  const error = decodeServiceError(seq, seq.expect(C, 1, 'serviceError'));
  seq.end('Cancel-ErrorPDU');
  return { kind: 'cancel-error', invokeId, error };
}

function decodeUnconfirmed(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Unconfirmed-PDU');
  const body = seq.next('an UnconfirmedService');
  seq.end('Unconfirmed-PDU');
  if (body.cls !== C || body.tag !== 0)
    throw new MmsError(
      'unknown-service',
      `unsupported unconfirmed service ${formatTag(body.cls, body.tag)}`,
      {
        offset: body.start,
      },
    );
  return { kind: 'information-report', report: decodeInformationReport(seq, body) };
}

/**
 * The invoke id of a PDU, read without decoding its body: confirmed request [0] and response [1]
 * (invokeID first), confirmed error [2], cancel error [7] and reject [4] (`[0]` first; a reject may
 * omit it), cancel request/response [5]/[6] (the PDU is the id). Undefined for other PDUs and for
 * anything unreadable. For routing and for failing the right request when a body will not decode.
 */
export function peekInvokeId(bytes: Uint8Array): number | undefined {
  try {
    const reader = new BerReader(bytes);
    const tlv = reader.next();
    if (tlv.cls !== C) return undefined;
    if (tlv.tag === 5 || tlv.tag === 6) return decodeUnsigned(reader, tlv);
    const idTag = tlv.tag === 0 || tlv.tag === 1 ? { cls: U, tag: 2 } : { cls: C, tag: 0 };
    if (![0, 1, 2, 4, 7].includes(tlv.tag)) return undefined;
    const seq = reader.children(tlv);
    const id = seq.next();
    return id.cls === idTag.cls && id.tag === idTag.tag ? decodeUnsigned(seq, id) : undefined;
  } catch (err) {
    if (err instanceof Asn1Error) return undefined;
    throw err;
  }
}

export function encodeConfirmedRequest(invokeId: number, request: ConfirmedRequest): Uint8Array {
  const w = new BerWriter(128);
  w.begin(C, 0).unsigned(U, 2, invokeId);
  writeRequestBody(w, request);
  return w.end().finish();
}

export function encodeConfirmedResponse(invokeId: number, response: ConfirmedResponse): Uint8Array {
  const w = new BerWriter(256);
  w.begin(C, 1).unsigned(U, 2, invokeId);
  writeResponseBody(w, response);
  return w.end().finish();
}

export function encodeConfirmedError(invokeId: number, error: ServiceError): Uint8Array {
  const w = new BerWriter(32);
  w.begin(C, 2).unsigned(C, 0, invokeId);
  writeServiceError(w, C, 2, error);
  return w.end().finish();
}

export function encodeInformationReport(report: InformationReport): Uint8Array {
  const w = new BerWriter(256);
  writeInformationReport(w, report);
  return w.finish();
}

export function encodeReject(invokeId: number | undefined, reason: RejectReason): Uint8Array {
  const w = new BerWriter(16);
  writeReject(w, invokeId, reason);
  return w.finish();
}

export function encodeInitiateRequest(params: InitiateParameters): Uint8Array {
  const w = new BerWriter(64);
  writeInitiate(w, 8, params);
  return w.finish();
}

export function encodeInitiateResponse(params: InitiateParameters): Uint8Array {
  const w = new BerWriter(64);
  writeInitiate(w, 9, params);
  return w.finish();
}

export function encodeInitiateError(error: ServiceError): Uint8Array {
  const w = new BerWriter(16);
  writeServiceError(w, C, 10, error);
  return w.finish();
}

/** Conclude-RequestPDU ::= [11] IMPLICIT NULL; Conclude-ResponsePDU ::= [12] IMPLICIT NULL. */
export function encodeConclude(kind: 'request' | 'response'): Uint8Array {
  return Uint8Array.of(0x80 | (kind === 'request' ? 11 : 12), 0);
}

export function encodeConcludeError(error: ServiceError): Uint8Array {
  const w = new BerWriter(16);
  writeServiceError(w, C, 13, error);
  return w.finish();
}

/** Cancel-RequestPDU [5] / Cancel-ResponsePDU [6]: the invoke id of the request being cancelled. */
export function encodeCancel(kind: 'request' | 'response', invokeId: number): Uint8Array {
  return new BerWriter(8).unsigned(C, kind === 'request' ? 5 : 6, invokeId).finish();
}

export function encodeCancelError(invokeId: number, error: ServiceError): Uint8Array {
  const w = new BerWriter(16);
  w.begin(C, 7).unsigned(C, 0, invokeId);
  writeServiceError(w, C, 1, error);
  return w.end().finish();
}

/** Encodes any decoded PDU again: the inverse of decodeMmsPdu, for servers, tests and tools. */
export function encodeMmsPdu(pdu: MmsPdu): Uint8Array {
  switch (pdu.kind) {
    case 'confirmed-request':
      return encodeConfirmedRequest(pdu.invokeId, pdu.request);
    case 'confirmed-response':
      return encodeConfirmedResponse(pdu.invokeId, pdu.response);
    case 'confirmed-error':
      return encodeConfirmedError(pdu.invokeId, pdu.error);
    case 'information-report':
      return encodeInformationReport(pdu.report);
    case 'reject':
      return encodeReject(pdu.invokeId, pdu.reason);
    case 'cancel-request':
      return encodeCancel('request', pdu.invokeId);
    case 'cancel-response':
      return encodeCancel('response', pdu.invokeId);
    case 'cancel-error':
      return encodeCancelError(pdu.invokeId, pdu.error);
    case 'initiate-request':
      return encodeInitiateRequest(pdu.params);
    case 'initiate-response':
      return encodeInitiateResponse(pdu.params);
    case 'initiate-error':
      return encodeInitiateError(pdu.error);
    case 'conclude-request':
      return encodeConclude('request');
    case 'conclude-response':
      return encodeConclude('response');
    case 'conclude-error':
      return encodeConcludeError(pdu.error);
  }
}
