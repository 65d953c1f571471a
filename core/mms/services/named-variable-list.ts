import {
  Asn1Error,
  TagClass,
  decodeInteger,
  decodeNull,
  decodeUnsigned,
  decodeVisibleString,
  type BerReader,
  type BerWriter,
  type Tlv,
} from '../../asn1';
import { decodeObjectName, writeObjectName, type ObjectName } from '../object-name';
import { decodeVariableList, writeVariableList, type VariableName } from '../variable-access';

const C = TagClass.context;

/*
 * Named variable lists are IEC 61850 data sets. A client defines one (a "dynamic data set") to read or
 * report exactly the members it needs, and deletes it when done. Service tags: defineNamedVariableList
 * [11], deleteNamedVariableList [13].
 */

/**
 *   DefineNamedVariableList-Request ::= SEQUENCE {
 *     variableListName ObjectName,
 *     listOfVariable   [0] IMPLICIT SEQUENCE OF SEQUENCE {
 *                            variableSpecification VariableSpecification,
 *                            alternateAccess [5] IMPLICIT AlternateAccess OPTIONAL } }
 *
 *   DefineNamedVariableList-Response ::= NULL                       -- [11] IMPLICIT NULL
 */
export interface DefineNamedVariableListRequest {
  /** The data set: domain-specific (persistent in the LD) or aa-specific (`@name`, this association only). */
  readonly name: ObjectName;
  /** Members, each an FCD or FCDA as `LN$FC$DO[$DA]`. */
  readonly variables: readonly VariableName[];
}

export function writeDefineNamedVariableListRequest(w: BerWriter, r: DefineNamedVariableListRequest): void {
  w.begin(C, 11);
  writeObjectName(w, r.name);
  writeVariableList(w, r.variables, 0);
  w.end();
}

export function decodeDefineNamedVariableListRequest(
  reader: BerReader,
  tlv: Tlv,
): DefineNamedVariableListRequest {
  const seq = reader.children(tlv, 'DefineNamedVariableList-Request');
  const name = decodeObjectName(seq, seq.next('variableListName'));
  const variables = decodeVariableList(seq, seq.expect(C, 0, 'listOfVariable'));
  seq.end('DefineNamedVariableList-Request');
  return { name, variables };
}

export function writeDefineNamedVariableListResponse(w: BerWriter): void {
  w.null(C, 11);
}

export function decodeDefineNamedVariableListResponse(reader: BerReader, tlv: Tlv): void {
  decodeNull(reader, tlv);
}

/** scopeOfDelete values: which lists a DeleteNamedVariableList request deletes. */
export const DELETE_SCOPES = ['specific', 'aa-specific', 'domain', 'vmd'] as const;
export type DeleteScope = (typeof DELETE_SCOPES)[number];

/**
 *   DeleteNamedVariableList-Request ::= SEQUENCE {
 *     scopeOfDelete          [0] IMPLICIT INTEGER { specific (0), aa-specific (1), domain (2), vmd (3) }
 *                                DEFAULT specific,
 *     listOfVariableListName [1] IMPLICIT SEQUENCE OF ObjectName OPTIONAL,
 *     domainName             [2] IMPLICIT Identifier OPTIONAL }
 *
 *   DeleteNamedVariableList-Response ::= SEQUENCE {
 *     numberMatched [0] IMPLICIT Unsigned32,
 *     numberDeleted [1] IMPLICIT Unsigned32 }
 */
export interface DeleteNamedVariableListRequest {
  /** Absent means `specific`: delete exactly the lists named in `names`. */
  readonly scope?: DeleteScope;
  readonly names?: readonly ObjectName[];
  /** With scope `domain`: every deletable list of this domain. */
  readonly domain?: string;
}

export interface DeleteNamedVariableListResponse {
  readonly matched: number;
  readonly deleted: number;
}

export function writeDeleteNamedVariableListRequest(w: BerWriter, r: DeleteNamedVariableListRequest): void {
  w.begin(C, 13);
  // DEFAULT specific: left out when it is the default, as DER requires.
  if (r.scope !== undefined && r.scope !== 'specific') w.integer(C, 0, DELETE_SCOPES.indexOf(r.scope));
  if (r.names !== undefined) {
    w.begin(C, 1);
    for (const name of r.names) writeObjectName(w, name);
    w.end();
  }
  if (r.domain !== undefined) w.latin1String(C, 2, r.domain);
  w.end();
}

export function decodeDeleteNamedVariableListRequest(
  reader: BerReader,
  tlv: Tlv,
): DeleteNamedVariableListRequest {
  const seq = reader.children(tlv, 'DeleteNamedVariableList-Request');
  const out: { scope?: DeleteScope; names?: ObjectName[]; domain?: string } = {};
  const scopeTlv = seq.optional(C, 0);
  if (scopeTlv) {
    const code = decodeInteger(seq, scopeTlv);
    const scope = DELETE_SCOPES[code];
    if (scope === undefined)
      throw new Asn1Error('bad-value', `scopeOfDelete ${code} is not 0..3`, scopeTlv.valueStart);
    out.scope = scope;
  }
  const namesTlv = seq.optional(C, 1);
  if (namesTlv) {
    const list = seq.children(namesTlv, 'listOfVariableListName');
    const names: ObjectName[] = [];
    while (list.hasMore()) names.push(decodeObjectName(list, list.next('an ObjectName')));
    out.names = names;
  }
  const domainTlv = seq.optional(C, 2);
  if (domainTlv) out.domain = decodeVisibleString(seq, domainTlv);
  seq.end('DeleteNamedVariableList-Request');
  return out;
}

export function writeDeleteNamedVariableListResponse(w: BerWriter, r: DeleteNamedVariableListResponse): void {
  w.begin(C, 13).unsigned(C, 0, r.matched).unsigned(C, 1, r.deleted).end();
}

export function decodeDeleteNamedVariableListResponse(
  reader: BerReader,
  tlv: Tlv,
): DeleteNamedVariableListResponse {
  const seq = reader.children(tlv, 'DeleteNamedVariableList-Response');
  const matched = decodeUnsigned(seq, seq.expect(C, 0, 'numberMatched'));
  const deleted = decodeUnsigned(seq, seq.expect(C, 1, 'numberDeleted'));
  seq.end('DeleteNamedVariableList-Response');
  return { matched, deleted };
}
