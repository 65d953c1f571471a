import type { MmsTypeSpec } from '../mms';
import type { TypeName } from './basic-type';
import type { EnumNames } from './enum-value';

/**
 * What is known of a value's type. From SCL: the bType's type name and the EnumType's names. From MMS
 * (GetVariableAccessAttributes): component names and integer widths, but not 61850 meaning.
 */
export type ValueType =
  | {
      readonly kind: 'basic';
      readonly type: TypeName;
      readonly enumNames?: EnumNames;
      /**
       * Derived from the MMS type alone: an 8-bit integer may be an enum, a 2-bit string a Dbpos, so a
       * type the 61850 attribute name fixes (q, t, stVal of Mod…) takes precedence over it.
       */
      readonly fromMms?: boolean;
    }
  | {
      readonly kind: 'struct';
      readonly members: readonly { readonly name: string; readonly type?: ValueType }[];
    }
  | { readonly kind: 'array'; readonly element?: ValueType };

const INTEGER_TYPES: Readonly<Record<number, TypeName>> = {
  8: 'int8',
  16: 'int16',
  32: 'int32',
  64: 'int64',
};
const UNSIGNED_TYPES: Readonly<Record<number, TypeName>> = { 8: 'uint8', 16: 'uint16', 32: 'uint32' };

/**
 * The value type an MMS type description implies. Bit strings get no basic type (whether 13 bits are
 * a quality or 2 bits a Dbpos depends on the attribute name), nor do type names and MMS types IEC 61850
 * does not use; those values are typed by what they are when read.
 */
export function valueTypeFromMmsType(spec: MmsTypeSpec): ValueType | undefined {
  switch (spec.type) {
    case 'structure':
      return {
        kind: 'struct',
        members: spec.components.map((c) => {
          const type = valueTypeFromMmsType(c.spec);
          return type === undefined ? { name: c.name } : { name: c.name, type };
        }),
      };
    case 'array': {
      const element = valueTypeFromMmsType(spec.element);
      return element === undefined ? { kind: 'array' } : { kind: 'array', element };
    }
    default: {
      const type = basicTypeOf(spec);
      return type === undefined ? undefined : { kind: 'basic', type, fromMms: true };
    }
  }
}

function basicTypeOf(spec: MmsTypeSpec): TypeName | undefined {
  switch (spec.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return INTEGER_TYPES[spec.bits];
    case 'unsigned':
      return UNSIGNED_TYPES[spec.bits];
    case 'float':
      return spec.formatWidth === 64 ? 'float64' : spec.formatWidth === 32 ? 'float32' : undefined;
    case 'octet-string':
      return 'octetstring';
    case 'visible-string':
      return 'visiblestring';
    case 'mms-string':
      return 'unicodestring';
    case 'utc-time':
    case 'binary-time':
      return 'timestamp';
    default:
      return undefined;
  }
}
