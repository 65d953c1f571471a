import { TagClass, decodeNull, type BerReader, type BerWriter, type Tlv } from '../../asn1';
import type { ObjectName } from '../object-name';
import {
  decodeGetNameListRequest,
  decodeGetNameListResponse,
  writeGetNameListRequest,
  writeGetNameListResponse,
  type GetNameListRequest,
  type GetNameListResponse,
} from './get-name-list';
import { decodeIdentifyResponse, writeIdentifyResponse, type IdentifyResponse } from './identify';
import {
  decodeDefineNamedVariableListRequest,
  decodeDefineNamedVariableListResponse,
  decodeDeleteNamedVariableListRequest,
  decodeDeleteNamedVariableListResponse,
  writeDefineNamedVariableListRequest,
  writeDefineNamedVariableListResponse,
  writeDeleteNamedVariableListRequest,
  writeDeleteNamedVariableListResponse,
  type DefineNamedVariableListRequest,
  type DeleteNamedVariableListRequest,
  type DeleteNamedVariableListResponse,
} from './named-variable-list';
import {
  decodeReadRequest,
  decodeReadResponse,
  writeReadRequest,
  writeReadResponse,
  type ReadRequest,
  type ReadResponse,
} from './read';
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
} from './variable-attributes';
import {
  decodeWriteRequest,
  decodeWriteResponse,
  writeWriteRequest,
  writeWriteResponse,
  type WriteRequest,
  type WriteResult,
} from './write';

const C = TagClass.context;

/**
 * The ConfirmedServiceRequest / ConfirmedServiceResponse alternatives we implement (ISO 9506-2):
 *
 *   ConfirmedServiceRequest ::= CHOICE {
 *     getNameList                    [1]  IMPLICIT GetNameList-Request,
 *     identify                       [2]  IMPLICIT Identify-Request,        -- NULL
 *     read                           [4]  IMPLICIT Read-Request,
 *     write                          [5]  IMPLICIT Write-Request,
 *     getVariableAccessAttributes    [6]  GetVariableAccessAttributes-Request,   -- explicit: a CHOICE
 *     defineNamedVariableList        [11] IMPLICIT DefineNamedVariableList-Request,
 *     getNamedVariableListAttributes [12] GetNamedVariableListAttributes-Request, -- explicit: ObjectName
 *     deleteNamedVariableList        [13] IMPLICIT DeleteNamedVariableList-Request, ... }
 *
 * The response CHOICE uses the same tags. Any other tag is an `unknown-service` MmsError naming it.
 */
export const ServiceTag = {
  getNameList: 1,
  identify: 2,
  read: 4,
  write: 5,
  getVariableAccessAttributes: 6,
  defineNamedVariableList: 11,
  getNamedVariableListAttributes: 12,
  deleteNamedVariableList: 13,
} as const;

export type ServiceKind = keyof typeof ServiceTag;

export type ConfirmedRequest =
  | { readonly service: 'identify' }
  | ({ readonly service: 'getNameList' } & GetNameListRequest)
  | ({ readonly service: 'read' } & ReadRequest)
  | ({ readonly service: 'write' } & WriteRequest)
  | { readonly service: 'getVariableAccessAttributes'; readonly name: ObjectName }
  | { readonly service: 'getNamedVariableListAttributes'; readonly name: ObjectName }
  | ({ readonly service: 'defineNamedVariableList' } & DefineNamedVariableListRequest)
  | ({ readonly service: 'deleteNamedVariableList' } & DeleteNamedVariableListRequest);

export type ConfirmedResponse =
  | ({ readonly service: 'identify' } & IdentifyResponse)
  | ({ readonly service: 'getNameList' } & GetNameListResponse)
  | ({ readonly service: 'read' } & ReadResponse)
  | { readonly service: 'write'; readonly results: readonly WriteResult[] }
  | ({ readonly service: 'getVariableAccessAttributes' } & VariableAttributes)
  | ({ readonly service: 'getNamedVariableListAttributes' } & NamedVariableListAttributes)
  | { readonly service: 'defineNamedVariableList' }
  | ({ readonly service: 'deleteNamedVariableList' } & DeleteNamedVariableListResponse);

const SERVICE_BY_TAG = new Map<number, ServiceKind>(
  Object.entries(ServiceTag).map(([k, v]) => [v, k as ServiceKind]),
);

/** The service a context-tagged ConfirmedService alternative names, or undefined for one we lack. */
export function serviceOfTag(tlv: Tlv): ServiceKind | undefined {
  return tlv.cls === C ? SERVICE_BY_TAG.get(tlv.tag) : undefined;
}

export function decodeRequestBody(r: BerReader, body: Tlv, service: ServiceKind): ConfirmedRequest {
  switch (service) {
    case 'identify':
      decodeNull(r, body);
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
    case 'defineNamedVariableList':
      return { service, ...decodeDefineNamedVariableListRequest(r, body) };
    case 'deleteNamedVariableList':
      return { service, ...decodeDeleteNamedVariableListRequest(r, body) };
  }
}

export function decodeResponseBody(r: BerReader, body: Tlv, service: ServiceKind): ConfirmedResponse {
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
    case 'defineNamedVariableList':
      decodeDefineNamedVariableListResponse(r, body);
      return { service };
    case 'deleteNamedVariableList':
      return { service, ...decodeDeleteNamedVariableListResponse(r, body) };
  }
}

export function writeRequestBody(w: BerWriter, request: ConfirmedRequest): void {
  switch (request.service) {
    case 'identify':
      w.null(C, ServiceTag.identify);
      return;
    case 'getNameList':
      return writeGetNameListRequest(w, request);
    case 'read':
      return writeReadRequest(w, request);
    case 'write':
      return writeWriteRequest(w, request);
    case 'getVariableAccessAttributes':
      return writeGetVariableAttributesRequest(w, request.name);
    case 'getNamedVariableListAttributes':
      return writeGetNamedVariableListAttributesRequest(w, request.name);
    case 'defineNamedVariableList':
      return writeDefineNamedVariableListRequest(w, request);
    case 'deleteNamedVariableList':
      return writeDeleteNamedVariableListRequest(w, request);
  }
}

export function writeResponseBody(w: BerWriter, response: ConfirmedResponse): void {
  switch (response.service) {
    case 'identify':
      return writeIdentifyResponse(w, response);
    case 'getNameList':
      return writeGetNameListResponse(w, response);
    case 'read':
      return writeReadResponse(w, response);
    case 'write':
      return writeWriteResponse(w, response.results);
    case 'getVariableAccessAttributes':
      return writeGetVariableAttributesResponse(w, response);
    case 'getNamedVariableListAttributes':
      return writeGetNamedVariableListAttributesResponse(w, response);
    case 'defineNamedVariableList':
      return writeDefineNamedVariableListResponse(w);
    case 'deleteNamedVariableList':
      return writeDeleteNamedVariableListResponse(w, response);
  }
}
