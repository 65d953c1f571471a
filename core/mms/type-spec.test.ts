import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Asn1Error, BerReader } from '../asn1';
import { fromHex, toHex } from '../shared';
import {
  componentOf,
  decodeTypeSpec,
  encodeTypeSpec,
  formatTypeSpec,
  typeMismatch,
  type MmsTypeSpec,
} from './type-spec';
import type { MmsValue } from './value';

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

  it('stops 10,000 nested array types with too-deep, without a stack overflow', () => {
    // Each level: a1 84 <len> (array) 81 01 01 (numberOfElements 1) a2 84 <len> (elementType), 15
    // octets; the innermost type is boolean (83 00). Written outside in, with 4-octet lengths.
    const levels = 10_000;
    const bytes = new Uint8Array(levels * 15 + 2);
    const put32 = (at: number, n: number) =>
      bytes.set([0x84, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], at);
    for (let i = 0; i < levels; i++) {
      const inner = (levels - i - 1) * 15 + 2; // size of the element type below this level
      const at = i * 15;
      bytes[at] = 0xa1;
      put32(at + 1, inner + 9);
      bytes.set([0x81, 0x01, 0x01, 0xa2], at + 6);
      put32(at + 10, inner);
    }
    bytes.set([0x83, 0x00], levels * 15);
    let caught: unknown;
    try {
      decode(toHex(bytes));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Asn1Error);
    expect((caught as Asn1Error).code).toBe('too-deep');
  });

  it('fails with a typed error at every truncation of the nested fixture', () => {
    const bytes = fromHex(MX_TOTW);
    for (let cut = 0; cut < bytes.length; cut++) {
      let caught: unknown;
      try {
        decode(toHex(bytes.subarray(0, cut)));
      } catch (err) {
        caught = err;
      }
      expect(caught, `cut at ${cut}`).toBeInstanceOf(Asn1Error);
    }
  });

  it('decodes any type it encodes (property)', () => {
    const size = fc.integer({ min: -65535, max: 65535 });
    const bits = fc.constantFrom(8, 16, 32, 64);
    const leaf: fc.Arbitrary<MmsTypeSpec> = fc.oneof(
      fc.constant({ type: 'boolean' } as const),
      fc.constant({ type: 'utc-time' } as const),
      size.map((n) => ({ type: 'bit-string', size: n }) as const),
      bits.map((n) => ({ type: 'integer', bits: n }) as const),
      bits.map((n) => ({ type: 'unsigned', bits: n }) as const),
      fc.constantFrom(
        { type: 'float', formatWidth: 32, exponentWidth: 8 } as const,
        { type: 'float', formatWidth: 64, exponentWidth: 11 } as const,
      ),
      size.map((n) => ({ type: 'octet-string', size: n }) as const),
      size.map((n) => ({ type: 'visible-string', size: n }) as const),
      size.map((n) => ({ type: 'mms-string', size: n }) as const),
      fc.boolean().map((withDate) => ({ type: 'binary-time', withDate }) as const),
    );
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
    const spec = fc.letrec<{ t: MmsTypeSpec }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .record({ packed: fc.boolean(), elementCount: fc.nat({ max: 1000 }), element: tie('t') })
          .map((a) => ({ type: 'array', ...a }) as const),
        fc
          .record({
            packed: fc.boolean(),
            components: fc.array(fc.record({ name, spec: tie('t') }), { maxLength: 4 }),
          })
          .map((st) => ({ type: 'structure', ...st }) as const),
      ),
    })).t;
    fc.assert(
      fc.property(spec, (t) => {
        expect(decode(toHex(encodeTypeSpec(t)))).toEqual(t);
      }),
      { numRuns: 1000 },
    );
  });

  it('either decodes random bytes or throws Asn1Error (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 48 }), (bytes) => {
        try {
          const reader = new BerReader(bytes);
          decodeTypeSpec(reader, reader.next());
        } catch (err) {
          if (!(err instanceof Asn1Error)) throw err;
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('TypeSpecification against values', () => {
  const totW = decode(MX_TOTW);
  const q: MmsValue = { type: 'bit-string', bitLength: 13, bytes: new Uint8Array(2) };
  const t: MmsValue = { type: 'utc-time', seconds: 1, fraction: 0, quality: 0 };
  const mx = (f: MmsValue): MmsValue => ({
    type: 'structure',
    members: [{ type: 'structure', members: [{ type: 'structure', members: [f] }, q, t] }],
  });

  it('describes types on one line', () => {
    expect(formatTypeSpec(totW)).toBe('{TotW: {mag: {f: float32}, q: bit-string(..13), t: utc-time}}');
    expect(
      formatTypeSpec({
        type: 'array',
        packed: false,
        elementCount: 3,
        element: { type: 'integer', bits: 8 },
      }),
    ).toBe('array[3] of int8');
    expect(formatTypeSpec({ type: 'binary-time', withDate: true })).toBe('binary-time(date)');
  });

  it.each<[string, MmsTypeSpec, MmsValue, string | undefined]>([
    ['a matching FCD', totW, mx({ type: 'float', value: 1.5, width: 32 }), undefined],
    [
      'a double where a float32 is declared',
      totW,
      mx({ type: 'float', value: 1.5, width: 64 }),
      'TotW.mag.f: expected float32, found float64',
    ],
    [
      'a missing member',
      totW,
      { type: 'structure', members: [{ type: 'structure', members: [q, t] }] },
      'TotW: expected {mag: {f: float32}, q: bit-string(..13), t: utc-time}, found a structure of 2 members',
    ],
    ['int8 in range', { type: 'integer', bits: 8 }, { type: 'integer', value: -128 }, undefined],
    [
      'int8 out of range',
      { type: 'integer', bits: 8 },
      { type: 'integer', value: 128 },
      'value: expected int8, found integer 128',
    ],
    ['uint32 max', { type: 'unsigned', bits: 32 }, { type: 'unsigned', value: 2 ** 32 - 1 }, undefined],
    ['int64 as bigint', { type: 'integer', bits: 64 }, { type: 'integer', value: -(2n ** 63n) }, undefined],
    [
      'fixed bit string of the wrong length',
      { type: 'bit-string', size: 2 },
      q,
      'value: expected bit-string(2), found bit-string(13)',
    ],
    [
      'too long a visible string',
      { type: 'visible-string', size: -3 },
      { type: 'visible-string', value: 'abcd' },
      'value: expected visible-string(..3), found visible-string(4)',
    ],
    [
      'array element',
      { type: 'array', packed: false, elementCount: 2, element: { type: 'boolean' } },
      {
        type: 'array',
        elements: [
          { type: 'boolean', value: true },
          { type: 'integer', value: 1 },
        ],
      },
      '[1]: expected boolean, found integer 1',
    ],
    [
      'binary-time without the date',
      { type: 'binary-time', withDate: true },
      { type: 'binary-time', msOfDay: 5 },
      'value: expected binary-time(date), found binary-time',
    ],
  ])('%s', (_name, spec, value, mismatch) => {
    expect(typeMismatch(spec, value)).toBe(mismatch);
  });
});
