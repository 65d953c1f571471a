import {
  Asn1Error,
  BerReader,
  BerWriter,
  TagClass,
  decodeUnsigned,
  formatTag,
  type BerLimits,
  type Tlv,
} from '../asn1';
import {
  MmsError,
  decodeReject,
  decodeServiceError,
  writeReject,
  writeServiceError,
  type RejectReason,
  type ServiceError,
} from './errors';
import type { ObjectName } from './object-name';
import {
  decodeGetNameListRequest,
  decodeGetNameListResponse,
  writeGetNameListRequest,
  writeGetNameListResponse,
  type GetNameListRequest,
  type GetNameListResponse,
} from './services/get-name-list';
import { decodeIdentifyResponse, writeIdentifyResponse, type IdentifyResponse } from './services/identify';
import {
  decodeInformationReport,
  writeInformationReport,
  type InformationReport,
} from './services/information-report';
import { decodeInitiate, writeInitiate, type InitiateParameters } from './services/initiate';
import {
  decodeReadRequest,
  decodeReadResponse,
  writeReadRequest,
  writeReadResponse,
  type ReadRequest,
  type ReadResponse,
} from './services/read';
import {
  decodeGetNamedVariableListAttributesRequest,
  decodeGetNamedVariableListAttributesResponse,
  decodeGetVariableAttributesRequest,
  decodeGetVariableAttributesResponse,
  writeGetNamedVariableListAttributesRequest,
  writeGetNamedVariableListAttributesResponse,
  writeGetVariableAttributesRequest,
  writeGetVariableAttributesResponse,
  type NamedVariableListAttributes,
  type VariableAttributes,
} from './services/variable-attributes';
import {
  decodeWriteRequest,
  decodeWriteResponse,
  writeWriteRequest,
  writeWriteResponse,
  type WriteRequest,
  type WriteResult,
} from './services/write';

const C = TagClass.context;
const U = TagClass.universal;

/**
 *   MMSpdu ::= CHOICE {
 *     confirmed-RequestPDU  [0] IMPLICIT Confirmed-RequestPDU,
 *     confirmed-ResponsePDU [1] IMPLICIT Confirmed-ResponsePDU,
 *     confirmed-ErrorPDU    [2] IMPLICIT Confirmed-ErrorPDU,
 *     unconfirmed-PDU       [3] IMPLICIT Unconfirmed-PDU,
 *     rejectPDU             [4] IMPLICIT RejectPDU,
 *     cancel-RequestPDU     [5] IMPLICIT Cancel-RequestPDU,    -- Unsigned32 (invokeID)
 *     cancel-ResponsePDU    [6] IMPLICIT Cancel-ResponsePDU,   -- Unsigned32
 *     cancel-ErrorPDU       [7] IMPLICIT Cancel-ErrorPDU,
 *     initiate-RequestPDU   [8] IMPLICIT Initiate-RequestPDU,
 *     initiate-ResponsePDU  [9] IMPLICIT Initiate-ResponsePDU,
 *     initiate-ErrorPDU     [10] IMPLICIT Initiate-ErrorPDU,   -- ServiceError
 *     conclude-RequestPDU   [11] IMPLICIT NULL,
 *     conclude-ResponsePDU  [12] IMPLICIT NULL,
 *     conclude-ErrorPDU     [13] IMPLICIT ServiceError }
 *
 *   Confirmed-RequestPDU ::= SEQUENCE { invokeID Unsigned32, listOfModifier SEQUENCE OF Modifier OPTIONAL,
 *                                       service ConfirmedServiceRequest }
 *   Confirmed-ResponsePDU ::= SEQUENCE { invokeID Unsigned32, service ConfirmedServiceResponse }
 *   Confirmed-ErrorPDU ::= SEQUENCE { invokeID [0] IMPLICIT Unsigned32,
 *                                     modifierPosition [1] IMPLICIT Unsigned32 OPTIONAL,
 *                                     serviceError [2] IMPLICIT ServiceError }
 *
 * ConfirmedServiceRequest/Response alternatives used here: getNameList [1], identify [2], read [4],
 * write [5], getVariableAccessAttributes [6], getNamedVariableListAttributes [12].
 */
export const ServiceTag = {
  getNameList: 1,
  identify: 2,
  read: 4,
  write: 5,
  getVariableAccessAttributes: 6,
  getNamedVariableListAttributes: 12,
} as const;

export type ConfirmedRequest =
  | { service: 'identify' }
  | ({ service: 'getNameList' } & GetNameListRequest)
  | ({ service: 'read' } & ReadRequest)
  | ({ service: 'write' } & WriteRequest)
  | { service: 'getVariableAccessAttributes'; name: ObjectName }
  | { service: 'getNamedVariableListAttributes'; name: ObjectName };

export type ConfirmedResponse =
  | ({ service: 'identify' } & IdentifyResponse)
  | ({ service: 'getNameList' } & GetNameListResponse)
  | ({ service: 'read' } & ReadResponse)
  | { service: 'write'; results: WriteResult[] }
  | ({ service: 'getVariableAccessAttributes' } & VariableAttributes)
  | ({ service: 'getNamedVariableListAttributes' } & NamedVariableListAttributes);

export type ServiceKind = ConfirmedRequest['service'];

export type MmsPdu =
  | { kind: 'confirmed-request'; invokeId: number; request: ConfirmedRequest }
  | { kind: 'confirmed-response'; invokeId: number; response: ConfirmedResponse }
  | { kind: 'confirmed-error'; invokeId: number; error: ServiceError }
  | { kind: 'information-report'; report: InformationReport }
  | { kind: 'reject'; invokeId?: number; reason: RejectReason }
  | { kind: 'cancel-request' | 'cancel-response'; invokeId: number }
  | { kind: 'initiate-request' | 'initiate-response'; params: InitiateParameters }
  | { kind: 'initiate-error' | 'conclude-error'; error: ServiceError }
  | { kind: 'conclude-request' | 'conclude-response' };

const SERVICE_BY_TAG = new Map<number, ServiceKind>(
  Object.entries(ServiceTag).map(([k, v]) => [v, k as ServiceKind]),
);

/** Decodes one MMS PDU. Errors are Asn1Error (malformed BER) or MmsError (unknown PDU or service). */
export function decodeMmsPdu(bytes: Uint8Array, limits?: Partial<BerLimits>): MmsPdu {
  const reader = new BerReader(bytes, limits ? { limits } : {});
  const tlv = reader.next('an MMS PDU');
  reader.end('the MMS PDU');
  if (tlv.cls !== C)
    throw new MmsError(
      'unknown-pdu',
      `expected an MMS PDU (context tag), found ${formatTag(tlv.cls, tlv.tag)}`,
      0,
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
    case 8:
      return { kind: 'initiate-request', params: decodeInitiate(reader, tlv, 'Initiate-RequestPDU') };
    case 9:
      return { kind: 'initiate-response', params: decodeInitiate(reader, tlv, 'Initiate-ResponsePDU') };
    case 10:
      return { kind: 'initiate-error', error: decodeServiceError(reader, tlv) };
    case 11:
      return { kind: 'conclude-request' };
    case 12:
      return { kind: 'conclude-response' };
    case 13:
      return { kind: 'conclude-error', error: decodeServiceError(reader, tlv) };
    default:
      throw new MmsError('unknown-pdu', `unsupported MMS PDU ${formatTag(tlv.cls, tlv.tag)}`, 0);
  }
}

function serviceOf(tlv: Tlv, what: string): ServiceKind {
  const service = tlv.cls === C ? SERVICE_BY_TAG.get(tlv.tag) : undefined;
  if (!service)
    throw new MmsError(
      'unknown-service',
      `unsupported ${what} service ${formatTag(tlv.cls, tlv.tag)}`,
      tlv.start,
    );
  return service;
}

function decodeConfirmedRequest(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Confirmed-RequestPDU');
  const invokeId = decodeUnsigned(seq, seq.expect(U, 2, 'invokeID'));
  seq.optional(U, 16); // listOfModifier: not used by IEC 61850
  const body = seq.next('a ConfirmedServiceRequest');
  seq.end('Confirmed-RequestPDU');
  const request = decodeRequestBody(seq, body, serviceOf(body, 'confirmed request'));
  return { kind: 'confirmed-request', invokeId, request };
}

function decodeRequestBody(r: BerReader, body: Tlv, service: ServiceKind): ConfirmedRequest {
  switch (service) {
    case 'identify':
      return { service };
    case 'getNameList':
      return { service, ...decodeGetNameListRequest(r, body) };
    case 'read':
      return { service, ...decodeReadRequest(r, body) };
    case 'write':
      return { service, ...decodeWriteRequest(r, body) };
    case 'getVariableAccessAttributes':
      return { service, name: decodeGetVariableAttributesRequest(r, body) };
    case 'getNamedVariableListAttributes':
      return { service, name: decodeGetNamedVariableListAttributesRequest(r, body) };
  }
}

function decodeConfirmedResponse(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Confirmed-ResponsePDU');
  const invokeId = decodeUnsigned(seq, seq.expect(U, 2, 'invokeID'));
  const body = seq.next('a ConfirmedServiceResponse');
  seq.end('Confirmed-ResponsePDU');
  let service: ServiceKind;
  try {
    service = serviceOf(body, 'confirmed response');
  } catch (err) {
    // Keep the invoke id so the client can fail the one request this answers.
    throw Object.assign(err as MmsError, { invokeId });
  }
  return { kind: 'confirmed-response', invokeId, response: decodeResponseBody(seq, body, service) };
}

function decodeResponseBody(r: BerReader, body: Tlv, service: ServiceKind): ConfirmedResponse {
  switch (service) {
    case 'identify':
      return { service, ...decodeIdentifyResponse(r, body) };
    case 'getNameList':
      return { service, ...decodeGetNameListResponse(r, body) };
    case 'read':
      return { service, ...decodeReadResponse(r, body) };
    case 'write':
      return { service, results: decodeWriteResponse(r, body) };
    case 'getVariableAccessAttributes':
      return { service, ...decodeGetVariableAttributesResponse(r, body) };
    case 'getNamedVariableListAttributes':
      return { service, ...decodeGetNamedVariableListAttributesResponse(r, body) };
  }
}

function decodeConfirmedError(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Confirmed-ErrorPDU');
  const invokeId = decodeUnsigned(seq, seq.expect(C, 0, 'invokeID'));
  seq.optional(C, 1);
  const error = decodeServiceError(seq, seq.expect(C, 2, 'serviceError'));
  seq.end('Confirmed-ErrorPDU');
  return { kind: 'confirmed-error', invokeId, error };
}

function decodeUnconfirmed(reader: BerReader, tlv: Tlv): MmsPdu {
  const seq = reader.children(tlv, 'Unconfirmed-PDU');
  const body = seq.next('an UnconfirmedService');
  seq.end('Unconfirmed-PDU');
  if (body.cls !== C || body.tag !== 0)
    throw new MmsError(
      'unknown-service',
      `unsupported unconfirmed service ${formatTag(body.cls, body.tag)}`,
      body.start,
    );
  return { kind: 'information-report', report: decodeInformationReport(seq, body) };
}

/**
 * The invoke id of a confirmed response or error PDU, read without decoding the body, so a body the
 * client cannot decode still fails the request it answers instead of leaving it to time out.
 */
export function peekInvokeId(bytes: Uint8Array): number | undefined {
  try {
    const reader = new BerReader(bytes);
    const tlv = reader.next();
    if (tlv.cls !== C || (tlv.tag !== 1 && tlv.tag !== 2 && tlv.tag !== 4)) return undefined;
    const seq = reader.children(tlv);
    const id = seq.next();
    return (tlv.tag === 1 && id.cls === U && id.tag === 2) || (tlv.tag !== 1 && id.cls === C && id.tag === 0)
      ? decodeUnsigned(seq, id)
      : undefined;
  } catch (err) {
    if (err instanceof Asn1Error) return undefined;
    throw err;
  }
}

export function encodeConfirmedRequest(invokeId: number, request: ConfirmedRequest): Uint8Array {
  const w = new BerWriter(128);
  w.begin(C, 0).unsigned(U, 2, invokeId);
  switch (request.service) {
    case 'identify':
      w.null(C, ServiceTag.identify);
      break;
    case 'getNameList':
      writeGetNameListRequest(w, request);
      break;
    case 'read':
      writeReadRequest(w, request);
      break;
    case 'write':
      writeWriteRequest(w, request);
      break;
    case 'getVariableAccessAttributes':
      writeGetVariableAttributesRequest(w, request.name);
      break;
    case 'getNamedVariableListAttributes':
      writeGetNamedVariableListAttributesRequest(w, request.name);
      break;
  }
  return w.end().finish();
}

export function encodeConfirmedResponse(invokeId: number, response: ConfirmedResponse): Uint8Array {
  const w = new BerWriter(256);
  w.begin(C, 1).unsigned(U, 2, invokeId);
  switch (response.service) {
    case 'identify':
      writeIdentifyResponse(w, response);
      break;
    case 'getNameList':
      writeGetNameListResponse(w, response);
      break;
    case 'read':
      writeReadResponse(w, response);
      break;
    case 'write':
      writeWriteResponse(w, response.results);
      break;
    case 'getVariableAccessAttributes':
      writeGetVariableAttributesResponse(w, response);
      break;
    case 'getNamedVariableListAttributes':
      writeGetNamedVariableListAttributesResponse(w, response);
      break;
  }
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
