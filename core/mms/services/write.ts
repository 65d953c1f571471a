import {
  Asn1Error,
  TagClass,
  decodeInteger,
  formatTag,
  type BerReader,
  type BerWriter,
  type Tlv,
} from '../../asn1';
import { decodeData, writeData } from '../data-codec';
import { decodeVariableAccess, writeVariableAccess, type VariableAccess } from '../variable-access';
import { dataAccessError, type DataAccessError, type MmsValue } from '../value';

const C = TagClass.context;

/**
 *   Write-Request ::= SEQUENCE {
 *     variableAccessSpecification VariableAccessSpecification,
 *     listOfData [0] IMPLICIT SEQUENCE OF Data }
 *
 *   Write-Response ::= SEQUENCE OF CHOICE {
 *     failure [0] IMPLICIT DataAccessError,
 *     success [1] IMPLICIT NULL }
 */
export interface WriteRequest {
  access: VariableAccess;
  values: MmsValue[];
}

export type WriteResult = { ok: true } | { ok: false; error: DataAccessError };

export function writeWriteRequest(w: BerWriter, r: WriteRequest): void {
  w.begin(C, 5);
  writeVariableAccess(w, r.access);
  w.begin(C, 0);
  for (const v of r.values) writeData(w, v);
  w.end().end();
}

export function decodeWriteRequest(reader: BerReader, tlv: Tlv): WriteRequest {
  const seq = reader.children(tlv, 'Write-Request');
  const access = decodeVariableAccess(seq, seq.next('a VariableAccessSpecification'));
  const list = seq.children(seq.expect(C, 0, 'listOfData'), 'listOfData');
  seq.end('Write-Request');
  const values: MmsValue[] = [];
  while (list.hasMore()) values.push(decodeData(list, list.next('a Data element')));
  return { access, values };
}

export function writeWriteResponse(w: BerWriter, results: readonly WriteResult[]): void {
  w.begin(C, 5);
  for (const r of results) {
    if (r.ok) w.null(C, 1);
    else w.integer(C, 0, r.error.code);
  }
  w.end();
}

export function decodeWriteResponse(reader: BerReader, tlv: Tlv): WriteResult[] {
  const list = reader.children(tlv, 'Write-Response');
  const out: WriteResult[] = [];
  while (list.hasMore()) {
    const item = list.next('a write result');
    if (item.cls === C && item.tag === 1) out.push({ ok: true });
    else if (item.cls === C && item.tag === 0)
      out.push({ ok: false, error: dataAccessError(decodeInteger(list, item)) });
    else
      throw new Asn1Error(
        'unexpected-tag',
        `expected [0] failure or [1] success in Write-Response, found ${formatTag(item.cls, item.tag)}`,
        item.start,
      );
  }
  return out;
}
