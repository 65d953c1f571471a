import { describe, expect, it } from 'vitest';
import { Asn1Error, BerReader } from '../asn1';
import { fromHex, toHex } from '../shared';
import { componentOf, decodeTypeSpec, encodeTypeSpec, type MmsTypeSpec } from './type-spec';

function decode(hex: string): MmsTypeSpec {
  const reader = new BerReader(fromHex(hex));
  const spec = decodeTypeSpec(reader, reader.next());
  reader.end('the TypeSpecification');
  return spec;
}

/** The MX part of an MMXU-like LN: TotW { mag { f float32 }, q bit-string(-13), t utc-time }. */
const MX_TOTW = `
a2 3f                                   # structure
  a1 3d                                 #   components
    30 3b                               #     component
      80 04 54 6f 74 57                 #       componentName "TotW"
      a1 33                             #       componentType
        a2 31                           #         structure
          a1 2f                         #           components
            30 1a                       #             component
              80 03 6d 61 67            #               componentName "mag"
              a1 13                     #               componentType
                a2 11 a1 0f             #                 structure, components
                  30 0d                 #                   component
                    80 01 66            #                     componentName "f"
                    a1 08 a7 06 02 01 20 02 01 08  # floating-point: format-width 32, exponent-width 8
            30 08 80 01 71              #             component "q"
              a1 03 84 01 f3            #               bit-string, variable up to 13 bits
            30 07 80 01 74              #             component "t"
              a1 02 91 00               #               utc-time
`;

describe('TypeSpecification codec', () => {
  it.each<[string, string, MmsTypeSpec]>([
    ['boolean', '83 00', { type: 'boolean' }],
    ['bit-string 13', '84 01 0d', { type: 'bit-string', size: 13 }],
    ['variable bit-string up to 13', '84 01 f3', { type: 'bit-string', size: -13 }],
    ['int32', '85 01 20', { type: 'integer', bits: 32 }],
    ['uint8', '86 01 08', { type: 'unsigned', bits: 8 }],
    ['float32', 'a7 06 02 01 20 02 01 08', { type: 'float', formatWidth: 32, exponentWidth: 8 }],
    ['octet-string 64', '89 01 40', { type: 'octet-string', size: 64 }],
    ['visible-string 255 (variable)', '8a 02 ff 01', { type: 'visible-string', size: -255 }],
    ['binary-time with date', '8c 01 01', { type: 'binary-time', withDate: true }],
    ['mms-string 255', '90 02 00 ff', { type: 'mms-string', size: 255 }],
    ['utc-time', '91 00', { type: 'utc-time' }],
    [
      'array of 3 int8',
      'a1 08 81 01 03 a2 03 85 01 08',
      { type: 'array', packed: false, elementCount: 3, element: { type: 'integer', bits: 8 } },
    ],
    [
      'type name',
      'a0 0a a1 08 1a 02 4c 44 1a 02 54 31',
      { type: 'type-name', name: { scope: 'domain', domain: 'LD', item: 'T1' } },
    ],
  ])('%s', (_name, hex, spec) => {
    expect(decode(hex)).toEqual(spec);
    expect(toHex(encodeTypeSpec(spec))).toBe(toHex(fromHex(hex)));
  });

  it('decodes a nested FC/DO/DA structure with component names, and finds components by name', () => {
    const hex = MX_TOTW;
    const spec = decode(hex);
    const totW = componentOf(spec, 'TotW');
    expect(totW?.type).toBe('structure');
    expect(componentOf(componentOf(totW as MmsTypeSpec, 'mag') as MmsTypeSpec, 'f')).toEqual({
      type: 'float',
      formatWidth: 32,
      exponentWidth: 8,
    });
    expect(componentOf(totW as MmsTypeSpec, 'q')).toEqual({ type: 'bit-string', size: -13 });
    expect(componentOf(totW as MmsTypeSpec, 't')).toEqual({ type: 'utc-time' });
    expect(toHex(encodeTypeSpec(spec))).toBe(toHex(fromHex(hex)));
  });

  it.each([
    ['unknown alternative', '88 00', 'unknown TypeSpecification alternative [8]'],
    [
      'component without componentType',
      'a2 06 a1 04 30 02 80 00',
      'expected [1] componentType of a component',
    ],
    ['array without elementType', 'a1 03 81 01 03', 'expected [2] elementType'],
    ['universal tag', '30 00', 'expected a TypeSpecification alternative'],
  ])('refuses %s', (_name, hex, message) => {
    expect(() => decode(hex)).toThrow(Asn1Error);
    expect(() => decode(hex)).toThrow(message);
  });
});
