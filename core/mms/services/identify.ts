import { TagClass, decodeVisibleString, type BerReader, type BerWriter, type Tlv } from '../../asn1';

const C = TagClass.context;

/**
 *   Identify-Request ::= NULL                                    -- service tag [2] IMPLICIT
 *   Identify-Response ::= SEQUENCE {
 *     vendorName [0] IMPLICIT VisibleString,
 *     modelName  [1] IMPLICIT VisibleString,
 *     revision   [2] IMPLICIT VisibleString,
 *     listOfAbstractSyntaxes [3] IMPLICIT SEQUENCE OF OBJECT IDENTIFIER OPTIONAL }
 */
export interface IdentifyResponse {
  vendorName: string;
  modelName: string;
  revision: string;
}

export function writeIdentifyResponse(w: BerWriter, r: IdentifyResponse): void {
  w.begin(C, 2)
    .latin1String(C, 0, r.vendorName)
    .latin1String(C, 1, r.modelName)
    .latin1String(C, 2, r.revision)
    .end();
}

export function decodeIdentifyResponse(reader: BerReader, tlv: Tlv): IdentifyResponse {
  const seq = reader.children(tlv, 'Identify-Response');
  const vendorName = decodeVisibleString(seq, seq.expect(C, 0, 'vendorName'));
  const modelName = decodeVisibleString(seq, seq.expect(C, 1, 'modelName'));
  const revision = decodeVisibleString(seq, seq.expect(C, 2, 'revision'));
  seq.optional(C, 3);
  seq.end('Identify-Response');
  return { vendorName, modelName, revision };
}
