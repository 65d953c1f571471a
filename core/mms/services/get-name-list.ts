import {
  Asn1Error,
  TagClass,
  decodeBoolean,
  decodeInteger,
  decodeVisibleString,
  formatTag,
  type BerReader,
  type BerWriter,
  type Tlv,
} from '../../asn1';

const C = TagClass.context;
const U = TagClass.universal;

/** basicObjectClass values IEC 61850 asks for. */
export const OBJECT_CLASS = { namedVariable: 0, namedVariableList: 2, journal: 8, domain: 9 } as const;
export type ObjectClassName = keyof typeof OBJECT_CLASS;

/**
 *   GetNameList-Request ::= SEQUENCE {
 *     objectClass   [0] ObjectClass,            -- CHOICE { basicObjectClass [0] IMPLICIT INTEGER, ... }
 *     objectScope   [1] CHOICE {
 *                         vmdSpecific    [0] IMPLICIT NULL,
 *                         domainSpecific [1] IMPLICIT Identifier,
 *                         aaSpecific     [2] IMPLICIT NULL },
 *     continueAfter [2] IMPLICIT Identifier OPTIONAL }
 */
export interface GetNameListRequest {
  objectClass: ObjectClassName;
  /** The domain (LD) for domain-specific names; absent = VMD-specific (e.g. the list of domains). */
  domain?: string;
  continueAfter?: string;
}

/**
 *   GetNameList-Response ::= SEQUENCE {
 *     listOfIdentifier [0] IMPLICIT SEQUENCE OF Identifier,
 *     moreFollows      [1] IMPLICIT BOOLEAN DEFAULT TRUE }
 *
 * An absent moreFollows means TRUE: a client that read it as FALSE would stop after the first page.
 */
export interface GetNameListResponse {
  identifiers: string[];
  moreFollows: boolean;
}

export function writeGetNameListRequest(w: BerWriter, r: GetNameListRequest): void {
  w.begin(C, 1);
  w.begin(C, 0).integer(C, 0, OBJECT_CLASS[r.objectClass]).end();
  w.begin(C, 1);
  if (r.domain === undefined) w.null(C, 0);
  else w.latin1String(C, 1, r.domain);
  w.end();
  if (r.continueAfter !== undefined) w.latin1String(C, 2, r.continueAfter);
  w.end();
}

export function decodeGetNameListRequest(reader: BerReader, tlv: Tlv): GetNameListRequest {
  const seq = reader.children(tlv, 'GetNameList-Request');
  const cls = seq.children(seq.expect(C, 0, 'objectClass'), 'objectClass');
  const code = decodeInteger(cls, cls.expect(C, 0, 'basicObjectClass'));
  cls.end('objectClass');
  const objectClass = (Object.keys(OBJECT_CLASS) as ObjectClassName[]).find((k) => OBJECT_CLASS[k] === code);
  if (!objectClass)
    throw new Asn1Error('bad-value', `GetNameList basicObjectClass ${code} is not supported`, tlv.start);
  const scope = seq.children(seq.expect(C, 1, 'objectScope'), 'objectScope');
  const alt = scope.next('an objectScope alternative');
  const out: GetNameListRequest = { objectClass };
  if (alt.tag === 1) out.domain = decodeVisibleString(scope, alt);
  else if (alt.tag !== 0 && alt.tag !== 2)
    throw new Asn1Error('unexpected-tag', `unknown objectScope ${formatTag(alt.cls, alt.tag)}`, alt.start);
  scope.end('objectScope');
  const after = seq.optional(C, 2);
  if (after) out.continueAfter = decodeVisibleString(seq, after);
  seq.end('GetNameList-Request');
  return out;
}

export function writeGetNameListResponse(w: BerWriter, r: GetNameListResponse): void {
  w.begin(C, 1).begin(C, 0);
  for (const id of r.identifiers) w.latin1String(U, 26, id);
  w.end();
  // Sent explicitly either way: some clients (wrongly) read an absent moreFollows as FALSE.
  w.boolean(C, 1, r.moreFollows);
  w.end();
}

export function decodeGetNameListResponse(reader: BerReader, tlv: Tlv): GetNameListResponse {
  const seq = reader.children(tlv, 'GetNameList-Response');
  const list = seq.children(seq.expect(C, 0, 'listOfIdentifier'), 'listOfIdentifier');
  const identifiers: string[] = [];
  while (list.hasMore()) identifiers.push(decodeVisibleString(list, list.expect(U, 26, 'an Identifier')));
  const more = seq.optional(C, 1);
  seq.end('GetNameList-Response');
  return { identifiers, moreFollows: more ? decodeBoolean(seq, more) : true };
}
