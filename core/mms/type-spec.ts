import {
  Asn1Error,
  type BerReader,
  BerWriter,
  TagClass,
  decodeBoolean,
  decodeInteger,
  decodeUnsigned,
  decodeVisibleString,
  formatTag,
  type Tlv,
} from '../asn1';
import { decodeObjectName, formatObjectName, writeObjectName, type ObjectName } from './object-name';
import type { MmsValue } from './value';

const C = TagClass.context;
const U = TagClass.universal;

/**
 * The type description GetVariableAccessAttributes returns (ISO 9506-2):
 *
 *   TypeSpecification ::= CHOICE {
 *     typeName       [0] ObjectName,
 *     array          [1] IMPLICIT SEQUENCE {
 *                          packed           [0] IMPLICIT BOOLEAN DEFAULT FALSE,
 *                          numberOfElements [1] IMPLICIT Unsigned32,
 *                          elementType      [2] TypeSpecification },
 *     structure      [2] IMPLICIT SEQUENCE {
 *                          packed     [0] IMPLICIT BOOLEAN DEFAULT FALSE,
 *                          components [1] IMPLICIT SEQUENCE OF SEQUENCE {
 *                            componentName [0] IMPLICIT Identifier OPTIONAL,
 *                            componentType [1] TypeSpecification } },
 *     boolean        [3] IMPLICIT NULL,
 *     bit-string     [4] IMPLICIT Integer32,   -- negative: variable length up to |n|
 *     integer        [5] IMPLICIT Unsigned8,   -- size in bits
 *     unsigned       [6] IMPLICIT Unsigned8,
 *     floating-point [7] IMPLICIT SEQUENCE { format-width Unsigned8, exponent-width Unsigned8 },
 *     octet-string   [9] IMPLICIT Integer32,
 *     visible-string [10] IMPLICIT Integer32,
 *     generalized-time [11] IMPLICIT NULL,
 *     binary-time    [12] IMPLICIT BOOLEAN,    -- TRUE: with date (6 octets)
 *     bcd            [13] IMPLICIT Unsigned8,
 *     objId          [15] IMPLICIT NULL,
 *     mMSString      [16] IMPLICIT Integer32,
 *     utc-time       [17] IMPLICIT NULL }
 *
 * The [0] of typeName and the [2]/[1] around elementType and componentType are explicit: they wrap a
 * CHOICE.
 */
export type MmsTypeSpec =
  | { readonly type: 'type-name'; readonly name: ObjectName }
  | {
      readonly type: 'array';
      readonly packed: boolean;
      readonly elementCount: number;
      readonly element: MmsTypeSpec;
    }
  | { readonly type: 'structure'; readonly packed: boolean; readonly components: readonly MmsComponent[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'bit-string'; readonly size: number }
  | { readonly type: 'integer'; readonly bits: number }
  | { readonly type: 'unsigned'; readonly bits: number }
  | { readonly type: 'float'; readonly formatWidth: number; readonly exponentWidth: number }
  | { readonly type: 'octet-string'; readonly size: number }
  | { readonly type: 'visible-string'; readonly size: number }
  | { readonly type: 'generalized-time' }
  | { readonly type: 'binary-time'; readonly withDate: boolean }
  | { readonly type: 'bcd'; readonly digits: number }
  | { readonly type: 'obj-id' }
  | { readonly type: 'mms-string'; readonly size: number }
  | { readonly type: 'utc-time' };

export interface MmsComponent {
  /** Absent names are legal in MMS; IEC 61850 always names components, so '' marks a nameless one. */
  readonly name: string;
  readonly spec: MmsTypeSpec;
}

export function decodeTypeSpec(reader: BerReader, tlv: Tlv): MmsTypeSpec {
  if (tlv.cls !== C)
    throw new Asn1Error(
      'unexpected-tag',
      `expected a TypeSpecification alternative, found ${formatTag(tlv.cls, tlv.tag)}`,
      tlv.start,
    );
  switch (tlv.tag) {
    case 0: {
      const inner = reader.children(tlv, 'typeName');
      const name = decodeObjectName(inner, inner.next('an ObjectName'));
      inner.end('typeName');
      return { type: 'type-name', name };
    }
    case 1:
      return decodeArraySpec(reader, tlv);
    case 2:
      return decodeStructureSpec(reader, tlv);
    case 3:
      return { type: 'boolean' };
    case 4:
      return { type: 'bit-string', size: decodeInteger(reader, tlv) };
    case 5:
      return { type: 'integer', bits: decodeUnsigned(reader, tlv) };
    case 6:
      return { type: 'unsigned', bits: decodeUnsigned(reader, tlv) };
    case 7: {
      const seq = reader.children(tlv, 'floating-point');
      const formatWidth = decodeUnsigned(seq, seq.expect(U, 2, 'format-width'));
      const exponentWidth = decodeUnsigned(seq, seq.expect(U, 2, 'exponent-width'));
      seq.end('floating-point');
      return { type: 'float', formatWidth, exponentWidth };
    }
    case 9:
      return { type: 'octet-string', size: decodeInteger(reader, tlv) };
    case 10:
      return { type: 'visible-string', size: decodeInteger(reader, tlv) };
    case 11:
      return { type: 'generalized-time' };
    case 12:
      return { type: 'binary-time', withDate: decodeBoolean(reader, tlv) };
    case 13:
      return { type: 'bcd', digits: decodeUnsigned(reader, tlv) };
    case 15:
      return { type: 'obj-id' };
    case 16:
      return { type: 'mms-string', size: decodeInteger(reader, tlv) };
    case 17:
      return { type: 'utc-time' };
    default:
      throw new Asn1Error(
        'unexpected-tag',
        `unknown TypeSpecification alternative ${formatTag(tlv.cls, tlv.tag)}`,
        tlv.start,
      );
  }
}

function decodeArraySpec(reader: BerReader, tlv: Tlv): MmsTypeSpec {
  const seq = reader.children(tlv, 'array TypeSpecification');
  const packedTlv = seq.optional(C, 0);
  const packed = packedTlv ? decodeBoolean(seq, packedTlv) : false;
  const elementCount = decodeUnsigned(seq, seq.expect(C, 1, 'numberOfElements'));
  const wrapper = seq.expect(C, 2, 'elementType');
  const inner = seq.children(wrapper, 'elementType');
  const element = decodeTypeSpec(inner, inner.next('a TypeSpecification'));
  inner.end('elementType');
  seq.end('array TypeSpecification');
  return { type: 'array', packed, elementCount, element };
}

function decodeStructureSpec(reader: BerReader, tlv: Tlv): MmsTypeSpec {
  const seq = reader.children(tlv, 'structure TypeSpecification');
  const packedTlv = seq.optional(C, 0);
  const packed = packedTlv ? decodeBoolean(seq, packedTlv) : false;
  const list = seq.children(seq.expect(C, 1, 'components'), 'components');
  seq.end('structure TypeSpecification');
  const components: MmsComponent[] = [];
  while (list.hasMore()) {
    const item = list.children(list.expect(U, 16, 'component SEQUENCE'), 'component');
    const nameTlv = item.optional(C, 0);
    const name = nameTlv ? decodeVisibleString(item, nameTlv) : '';
    const wrapper = item.expect(C, 1, `componentType of ${name || 'a component'}`);
    const inner = item.children(wrapper, 'componentType');
    const spec = decodeTypeSpec(inner, inner.next('a TypeSpecification'));
    inner.end('componentType');
    item.end('component');
    components.push({ name, spec });
  }
  return { type: 'structure', packed, components };
}

export function writeTypeSpec(w: BerWriter, spec: MmsTypeSpec): void {
  switch (spec.type) {
    case 'type-name':
      w.begin(C, 0);
      writeObjectName(w, spec.name);
      w.end();
      return;
    case 'array':
      w.begin(C, 1);
      if (spec.packed) w.boolean(C, 0, true);
      w.unsigned(C, 1, spec.elementCount);
      w.begin(C, 2);
      writeTypeSpec(w, spec.element);
      w.end().end();
      return;
    case 'structure':
      w.begin(C, 2);
      if (spec.packed) w.boolean(C, 0, true);
      w.begin(C, 1);
      for (const c of spec.components) {
        w.begin(U, 16);
        if (c.name !== '') w.latin1String(C, 0, c.name);
        w.begin(C, 1);
        writeTypeSpec(w, c.spec);
        w.end().end();
      }
      w.end().end();
      return;
    case 'boolean':
      w.null(C, 3);
      return;
    case 'bit-string':
      w.integer(C, 4, spec.size);
      return;
    case 'integer':
      w.unsigned(C, 5, spec.bits);
      return;
    case 'unsigned':
      w.unsigned(C, 6, spec.bits);
      return;
    case 'float':
      w.begin(C, 7).unsigned(U, 2, spec.formatWidth).unsigned(U, 2, spec.exponentWidth).end();
      return;
    case 'octet-string':
      w.integer(C, 9, spec.size);
      return;
    case 'visible-string':
      w.integer(C, 10, spec.size);
      return;
    case 'generalized-time':
      w.null(C, 11);
      return;
    case 'binary-time':
      w.boolean(C, 12, spec.withDate);
      return;
    case 'bcd':
      w.unsigned(C, 13, spec.digits);
      return;
    case 'obj-id':
      w.null(C, 15);
      return;
    case 'mms-string':
      w.integer(C, 16, spec.size);
      return;
    case 'utc-time':
      w.null(C, 17);
      return;
  }
}

export function encodeTypeSpec(spec: MmsTypeSpec): Uint8Array {
  const w = new BerWriter(128);
  writeTypeSpec(w, spec);
  return w.finish();
}

/** Finds a named component of a structure spec (e.g. `ST` in an LN, `stVal` in a DO). */
export function componentOf(spec: MmsTypeSpec, name: string): MmsTypeSpec | undefined {
  return spec.type === 'structure' ? spec.components.find((c) => c.name === name)?.spec : undefined;
}

/** A size of a string or bit string type: fixed `n`, or variable up to `..n` when negative. */
const sized = (kind: string, size: number): string => `${kind}(${size < 0 ? `..${-size}` : size})`;

/**
 * A one-line description of a type for logs, the traffic tap and mismatch messages, e.g.
 * `{mag: {f: float32}, q: bit-string(..13), t: utc-time}`. Deep nesting is elided.
 */
export function formatTypeSpec(spec: MmsTypeSpec, depth = 0): string {
  switch (spec.type) {
    case 'type-name':
      return `type ${formatObjectName(spec.name)}`;
    case 'array':
      return depth > 8
        ? 'array[…]'
        : `array[${spec.elementCount}] of ${formatTypeSpec(spec.element, depth + 1)}`;
    case 'structure':
      return depth > 8
        ? '{…}'
        : `{${spec.components.map((c) => `${c.name || '?'}: ${formatTypeSpec(c.spec, depth + 1)}`).join(', ')}}`;
    case 'integer':
      return `int${spec.bits}`;
    case 'unsigned':
      return `uint${spec.bits}`;
    case 'float':
      return `float${spec.formatWidth}`;
    case 'bit-string':
    case 'octet-string':
    case 'visible-string':
    case 'mms-string':
      return sized(spec.type, spec.size);
    case 'binary-time':
      return spec.withDate ? 'binary-time(date)' : 'binary-time';
    case 'bcd':
      return `bcd(${spec.digits})`;
    default:
      return spec.type;
  }
}

/** Whether a length fits a declared size: fixed when positive, at most |size| when negative. */
const fitsSize = (length: number, size: number): boolean => (size < 0 ? length <= -size : length === size);

function fitsInteger(value: number | bigint, bits: number, signed: boolean): boolean {
  const v = BigInt(value);
  const b = BigInt(Math.max(1, Math.min(bits, 128)));
  return signed ? v >= -(1n << (b - 1n)) && v < 1n << (b - 1n) : v >= 0n && v < 1n << b;
}

/** Whether one scalar value has the type `spec` asks for (structures and arrays are walked by the caller). */
function scalarFits(spec: MmsTypeSpec, v: MmsValue): boolean {
  switch (spec.type) {
    case 'type-name':
      return true; // a named type cannot be checked without resolving it
    case 'boolean':
    case 'utc-time':
      return v.type === spec.type;
    case 'bit-string':
      return v.type === 'bit-string' && fitsSize(v.bitLength, spec.size);
    case 'integer':
    case 'unsigned':
      return v.type === spec.type && fitsInteger(v.value, spec.bits, spec.type === 'integer');
    case 'float':
      return v.type === 'float' && v.width === spec.formatWidth;
    case 'octet-string':
      return v.type === 'octet-string' && fitsSize(v.value.length, spec.size);
    case 'visible-string':
    case 'mms-string':
      return v.type === spec.type && fitsSize([...v.value].length, spec.size);
    case 'binary-time':
      return v.type === 'binary-time' && (v.days !== undefined) === spec.withDate;
    default:
      return false; // generalized-time, bcd, obj-id: no MmsValue carries them
  }
}

/**
 * Why `value` does not have the type `spec`, or undefined when it does: the path to the first
 * mismatch and both types, e.g. `mag.f: expected float32, found float64`. A server answers such a
 * Write with type-inconsistent; a client can refuse it before sending. Walks with an explicit stack.
 */
export function typeMismatch(spec: MmsTypeSpec, value: MmsValue): string | undefined {
  const stack: { spec: MmsTypeSpec; value: MmsValue; path: string }[] = [{ spec, value, path: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { spec: s, value: v, path } = item;
    const at = (step: string | number) =>
      typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step;
    const mismatch = (why: string) => `${path || 'value'}: expected ${formatTypeSpec(s)}, found ${why}`;
    if (s.type === 'structure') {
      if (v.type !== 'structure') return mismatch(v.type);
      if (v.members.length !== s.components.length)
        return mismatch(`a structure of ${v.members.length} members`);
      s.components.forEach((c, i) =>
        stack.push({ spec: c.spec, value: v.members[i] as MmsValue, path: at(c.name || i) }),
      );
    } else if (s.type === 'array') {
      if (v.type !== 'array') return mismatch(v.type);
      if (v.elements.length !== s.elementCount) return mismatch(`an array of ${v.elements.length} elements`);
      v.elements.forEach((e, i) => stack.push({ spec: s.element, value: e, path: at(i) }));
    } else if (!scalarFits(s, v)) {
      return mismatch(formatMmsValueType(v));
    }
  }
  return undefined;
}

/** The type a value shows on the wire, in formatTypeSpec's words (`float32`, `bit-string(13)`). */
function formatMmsValueType(v: MmsValue): string {
  switch (v.type) {
    case 'float':
      return `float${v.width}`;
    case 'bit-string':
      return `bit-string(${v.bitLength})`;
    case 'octet-string':
      return `octet-string(${v.value.length})`;
    case 'visible-string':
    case 'mms-string':
      return `${v.type}(${[...v.value].length})`;
    case 'integer':
    case 'unsigned':
      return `${v.type} ${v.value}`;
    default:
      return v.type;
  }
}
