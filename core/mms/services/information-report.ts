import { TagClass, type BerReader, type BerWriter, type Tlv } from '../../asn1';
import {
  decodeAccessResults,
  decodeVariableAccess,
  writeAccessResult,
  writeVariableAccess,
  type VariableAccess,
} from '../variable-access';
import type { AccessResult } from '../value';

const C = TagClass.context;

/**
 *   Unconfirmed-PDU ::= SEQUENCE { service UnconfirmedService, ... }
 *   UnconfirmedService ::= CHOICE { informationReport [0] IMPLICIT InformationReport, ... }
 *   InformationReport ::= SEQUENCE {
 *     variableAccessSpecification VariableAccessSpecification,
 *     listOfAccessResult [0] IMPLICIT SEQUENCE OF AccessResult }
 *
 * IEC 61850 reports name the vmd-specific variable list "RPT"; the items are the report's fields
 * (RptID, OptFlds, ...) followed by the included values. core/iec61850 turns them into a Report.
 */
export interface InformationReport {
  access: VariableAccess;
  results: AccessResult[];
}

export function writeInformationReport(w: BerWriter, r: InformationReport): void {
  w.begin(C, 3).begin(C, 0);
  writeVariableAccess(w, r.access);
  w.begin(C, 0);
  for (const item of r.results) writeAccessResult(w, item);
  w.end().end().end();
}

/** Decodes the contents of the informationReport [0] alternative. */
export function decodeInformationReport(reader: BerReader, tlv: Tlv): InformationReport {
  const seq = reader.children(tlv, 'InformationReport');
  const access = decodeVariableAccess(seq, seq.next('a VariableAccessSpecification'));
  const results = decodeAccessResults(seq, seq.expect(C, 0, 'listOfAccessResult'), 'listOfAccessResult');
  seq.end('InformationReport');
  return { access, results };
}
