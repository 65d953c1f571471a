import { describe, expect, it } from 'vitest';
import { KNOWN_BTYPES, TYPE_NAMES, isTypeName, typeNameOfBType } from './basic-type';

describe('bType → type name', () => {
  it.each([
    ['BOOLEAN', 'boolean'],
    ['INT8', 'int8'],
    ['INT16', 'int16'],
    ['INT24', 'int32'],
    ['INT32', 'int32'],
    ['INT64', 'int64'],
    ['INT128', 'int64'],
    ['INT8U', 'uint8'],
    ['INT16U', 'uint16'],
    ['INT24U', 'uint32'],
    ['INT32U', 'uint32'],
    ['FLOAT32', 'float32'],
    ['FLOAT64', 'float64'],
    ['Enum', 'enum'],
    ['Dbpos', 'dbpos'],
    ['Tcmd', 'bitstring'],
    ['Quality', 'quality'],
    ['Timestamp', 'timestamp'],
    ['EntryTime', 'timestamp'],
    ['Check', 'bitstring'],
    ['TrgOps', 'bitstring'],
    ['OptFlds', 'bitstring'],
    ['Octet64', 'octetstring'],
    ['EntryID', 'octetstring'],
    ['VisString32', 'visiblestring'],
    ['VisString255', 'visiblestring'],
    ['ObjRef', 'visiblestring'],
    ['Unicode255', 'unicodestring'],
    ['Struct', 'struct'],
  ])('%s → %s', (bType, name) => {
    expect(typeNameOfBType(bType)).toBe(name);
  });

  it('knows nothing it was not told, including prototype keys and wrong case', () => {
    for (const bad of ['boolean', 'Float32', 'toString', '__proto__', '']) expect(typeNameOfBType(bad)).toBeUndefined();
  });

  it('maps every known bType into the convention type names', () => {
    for (const bType of KNOWN_BTYPES) expect(isTypeName(typeNameOfBType(bType) ?? '')).toBe(true);
    expect(TYPE_NAMES).toContain('array');
    expect(isTypeName('float')).toBe(false);
  });
});
