import { TagClass, decodeBoolean, type BerReader, type BerWriter, type Tlv } from '../../asn1';
import {
  decodeAccessResults,
  decodeVariableAccess,
  writeAccessResult,
  writeVariableAccess,
  type VariableAccess,
  type VariableName,
} from '../variable-access';
import type { AccessResult } from '../value';

const C = TagClass.context;

/**
 *   Read-Request ::= SEQUENCE {
 *     specificationWithResult     [0] IMPLICIT BOOLEAN DEFAULT FALSE,
 *     variableAccessSpecification [1] VariableAccessSpecification }
 */
export interface ReadRequest {
  /** Omitted when false: some servers reject the component even with FALSE. */
  specificationWithResult?: boolean;
  access: VariableAccess;
}

/**
 *   Read-Response ::= SEQUENCE {
 *     variableAccessSpecification [0] VariableAccessSpecification OPTIONAL,
 *     listOfAccessResult          [1] IMPLICIT SEQUENCE OF AccessResult }
 *
 * One AccessResult per variable, in request order; a failed item is a DataAccessError value.
 */
export interface ReadResponse {
  access?: VariableAccess;
  results: AccessResult[];
}

export function readVariables(variables: readonly VariableName[]): ReadRequest {
  return { access: { kind: 'list', variables } };
}

export function writeReadRequest(w: BerWriter, r: ReadRequest): void {
  w.begin(C, 4);
  if (r.specificationWithResult) w.boolean(C, 0, true);
  w.begin(C, 1);
  writeVariableAccess(w, r.access);
  w.end().end();
}

export function decodeReadRequest(reader: BerReader, tlv: Tlv): ReadRequest {
  const seq = reader.children(tlv, 'Read-Request');
  const withResult = seq.optional(C, 0);
  const wrapper = seq.children(
    seq.expect(C, 1, 'variableAccessSpecification'),
    'variableAccessSpecification',
  );
  const access = decodeVariableAccess(wrapper, wrapper.next('a VariableAccessSpecification'));
  wrapper.end('variableAccessSpecification');
  seq.end('Read-Request');
  return withResult && decodeBoolean(seq, withResult)
    ? { specificationWithResult: true, access }
    : { access };
}

export function writeReadResponse(w: BerWriter, r: ReadResponse): void {
  w.begin(C, 4);
  if (r.access) {
    w.begin(C, 0);
    writeVariableAccess(w, r.access);
    w.end();
  }
  w.begin(C, 1);
  for (const result of r.results) writeAccessResult(w, result);
  w.end().end();
}

export function decodeReadResponse(reader: BerReader, tlv: Tlv): ReadResponse {
  const seq = reader.children(tlv, 'Read-Response');
  const spec = seq.optional(C, 0);
  let access: VariableAccess | undefined;
  if (spec) {
    const inner = seq.children(spec, 'variableAccessSpecification');
    access = decodeVariableAccess(inner, inner.next('a VariableAccessSpecification'));
    inner.end('variableAccessSpecification');
  }
  const results = decodeAccessResults(seq, seq.expect(C, 1, 'listOfAccessResult'), 'listOfAccessResult');
  seq.end('Read-Response');
  return access ? { access, results } : { results };
}
