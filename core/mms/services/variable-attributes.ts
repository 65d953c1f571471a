import { TagClass, decodeBoolean, type BerReader, type BerWriter, type Tlv } from '../../asn1';
import { decodeObjectName, writeObjectName, type ObjectName } from '../object-name';
import { decodeTypeSpec, writeTypeSpec, type MmsTypeSpec } from '../type-spec';
import { decodeVariableList, writeVariableList, type VariableName } from '../variable-access';

const C = TagClass.context;

/**
 *   GetVariableAccessAttributes-Request ::= CHOICE { name [0] ObjectName, address [1] Address }
 *   GetVariableAccessAttributes-Response ::= SEQUENCE {
 *     mmsDeletable      [0] IMPLICIT BOOLEAN,
 *     address           [1] Address OPTIONAL,
 *     typeSpecification [2] TypeSpecification }
 *
 * The service tag [6] is explicit around the request CHOICE.
 */
export interface VariableAttributes {
  mmsDeletable: boolean;
  typeSpec: MmsTypeSpec;
}

export function writeGetVariableAttributesRequest(w: BerWriter, name: ObjectName): void {
  w.begin(C, 6).begin(C, 0);
  writeObjectName(w, name);
  w.end().end();
}

export function decodeGetVariableAttributesRequest(reader: BerReader, tlv: Tlv): ObjectName {
  const outer = reader.children(tlv, 'GetVariableAccessAttributes-Request');
  const inner = outer.children(outer.expect(C, 0, 'name'), 'name');
  outer.end('GetVariableAccessAttributes-Request');
  const name = decodeObjectName(inner, inner.next('an ObjectName'));
  inner.end('name');
  return name;
}

export function writeGetVariableAttributesResponse(w: BerWriter, r: VariableAttributes): void {
  w.begin(C, 6).boolean(C, 0, r.mmsDeletable).begin(C, 2);
  writeTypeSpec(w, r.typeSpec);
  w.end().end();
}

export function decodeGetVariableAttributesResponse(reader: BerReader, tlv: Tlv): VariableAttributes {
  const seq = reader.children(tlv, 'GetVariableAccessAttributes-Response');
  const mmsDeletable = decodeBoolean(seq, seq.expect(C, 0, 'mmsDeletable'));
  seq.optional(C, 1);
  const wrapper = seq.children(seq.expect(C, 2, 'typeSpecification'), 'typeSpecification');
  seq.end('GetVariableAccessAttributes-Response');
  const typeSpec = decodeTypeSpec(wrapper, wrapper.next('a TypeSpecification'));
  wrapper.end('typeSpecification');
  return { mmsDeletable, typeSpec };
}

/**
 *   GetNamedVariableListAttributes-Request ::= ObjectName        -- service tag [12], explicit
 *   GetNamedVariableListAttributes-Response ::= SEQUENCE {
 *     mmsDeletable   [0] IMPLICIT BOOLEAN,
 *     listOfVariable [1] IMPLICIT SEQUENCE OF SEQUENCE {
 *                          variableSpecification VariableSpecification,
 *                          alternateAccess [5] IMPLICIT AlternateAccess OPTIONAL } }
 *
 * For IEC 61850 this is a data set's member list: each member an FCD or FCDA as `LN$FC$DO[$DA]`.
 */
export interface NamedVariableListAttributes {
  mmsDeletable: boolean;
  /** Data set members; a member inside an array carries its alternate access (index, components). */
  variables: VariableName[];
}

export function writeGetNamedVariableListAttributesRequest(w: BerWriter, name: ObjectName): void {
  w.begin(C, 12);
  writeObjectName(w, name);
  w.end();
}

export function decodeGetNamedVariableListAttributesRequest(reader: BerReader, tlv: Tlv): ObjectName {
  const inner = reader.children(tlv, 'GetNamedVariableListAttributes-Request');
  const name = decodeObjectName(inner, inner.next('an ObjectName'));
  inner.end('GetNamedVariableListAttributes-Request');
  return name;
}

export function writeGetNamedVariableListAttributesResponse(
  w: BerWriter,
  r: NamedVariableListAttributes,
): void {
  w.begin(C, 12).boolean(C, 0, r.mmsDeletable);
  writeVariableList(w, r.variables, 1);
  w.end();
}

export function decodeGetNamedVariableListAttributesResponse(
  reader: BerReader,
  tlv: Tlv,
): NamedVariableListAttributes {
  const seq = reader.children(tlv, 'GetNamedVariableListAttributes-Response');
  const mmsDeletable = decodeBoolean(seq, seq.expect(C, 0, 'mmsDeletable'));
  const variables = decodeVariableList(seq, seq.expect(C, 1, 'listOfVariable'));
  seq.end('GetNamedVariableListAttributes-Response');
  return { mmsDeletable, variables };
}
