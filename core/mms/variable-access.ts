import {
  Asn1Error,
  TagClass,
  decodeInteger,
  formatTag,
  type BerReader,
  type BerWriter,
  type Tlv,
} from '../asn1';
import { decodeAlternateAccess, writeAlternateAccess, type AlternateAccess } from './alternate-access';
import { decodeData, writeData } from './data-codec';
import { decodeObjectName, writeObjectName, type ObjectName } from './object-name';
import { dataAccessError, type AccessResult } from './value';

const C = TagClass.context;
const U = TagClass.universal;

/**
 *   VariableAccessSpecification ::= CHOICE {
 *     listOfVariable   [0] IMPLICIT SEQUENCE OF SEQUENCE {
 *                            variableSpecification VariableSpecification,
 *                            alternateAccess [5] IMPLICIT AlternateAccess OPTIONAL },
 *     variableListName [1] ObjectName }
 *
 *   VariableSpecification ::= CHOICE { name [0] ObjectName, address [1] Address, ... }
 *
 * IEC 61850 names variables (never addresses), so a variable is an ObjectName here; anything else is
 * refused with its tag. IEC 61850-8-1 addresses an array element and the components inside it with
 * alternateAccess (`phsAHar(9).cVal` is item `MHAI1$MX$HA$phsAHar` + index 9, component cVal), carried
 * as an optional path on the variable.
 */
export type VariableName = ObjectName & { readonly alternateAccess?: AlternateAccess };

export type VariableAccess =
  | { readonly kind: 'list'; readonly variables: readonly VariableName[] }
  | { readonly kind: 'named-list'; readonly name: ObjectName };

/** The SEQUENCE OF variables, under [0] in a VariableAccessSpecification or [1] in a GNVLA response. */
export function writeVariableList(w: BerWriter, variables: readonly VariableName[], tag = 0): void {
  w.begin(C, tag);
  for (const variable of variables) {
    w.begin(U, 16).begin(C, 0);
    writeObjectName(w, variable);
    w.end();
    if (variable.alternateAccess) writeAlternateAccess(w, variable.alternateAccess);
    w.end();
  }
  w.end();
}

export function writeVariableAccess(w: BerWriter, spec: VariableAccess): void {
  if (spec.kind === 'list') {
    writeVariableList(w, spec.variables);
    return;
  }
  w.begin(C, 1);
  writeObjectName(w, spec.name);
  w.end();
}

export function decodeVariableList(reader: BerReader, tlv: Tlv): VariableName[] {
  const list = reader.children(tlv, 'listOfVariable');
  const out: VariableName[] = [];
  while (list.hasMore()) {
    const item = list.children(list.expect(U, 16, 'a variable SEQUENCE'), 'variable');
    const spec = item.next('a VariableSpecification');
    if (spec.cls !== C || spec.tag !== 0) {
      throw new Asn1Error(
        'unexpected-tag',
        `expected [0] name VariableSpecification, found ${formatTag(spec.cls, spec.tag)} (only named variables are supported)`,
        spec.start,
      );
    }
    const inner = item.children(spec, 'name');
    const name = decodeObjectName(inner, inner.next('an ObjectName'));
    inner.end('name');
    const access = item.optional(C, 5); // alternateAccess [5] IMPLICIT AlternateAccess OPTIONAL
    item.end('variable');
    out.push(access ? { ...name, alternateAccess: decodeAlternateAccess(item, access) } : name);
  }
  return out;
}

export function decodeVariableAccess(reader: BerReader, tlv: Tlv): VariableAccess {
  if (tlv.cls === C && tlv.tag === 0) return { kind: 'list', variables: decodeVariableList(reader, tlv) };
  if (tlv.cls === C && tlv.tag === 1) {
    const inner = reader.children(tlv, 'variableListName');
    const name = decodeObjectName(inner, inner.next('an ObjectName'));
    inner.end('variableListName');
    return { kind: 'named-list', name };
  }
  throw new Asn1Error(
    'unexpected-tag',
    `expected a VariableAccessSpecification ([0] or [1]), found ${formatTag(tlv.cls, tlv.tag)}`,
    tlv.start,
  );
}

/**
 *   AccessResult ::= CHOICE { failure [0] IMPLICIT DataAccessError, success Data }
 *   DataAccessError ::= INTEGER { object-invalidated (0), ..., object-value-invalid (11) }
 */
export function decodeAccessResult(reader: BerReader, tlv: Tlv): AccessResult {
  if (tlv.cls === C && tlv.tag === 0 && !tlv.constructed)
    return { ok: false, error: dataAccessError(decodeInteger(reader, tlv)) };
  return { ok: true, value: decodeData(reader, tlv) };
}

export function decodeAccessResults(reader: BerReader, tlv: Tlv, what: string): AccessResult[] {
  const list = reader.children(tlv, what);
  const out: AccessResult[] = [];
  while (list.hasMore()) out.push(decodeAccessResult(list, list.next('an AccessResult')));
  return out;
}

export function writeAccessResult(w: BerWriter, r: AccessResult): void {
  if (r.ok) writeData(w, r.value);
  else w.integer(C, 0, r.error.code);
}
