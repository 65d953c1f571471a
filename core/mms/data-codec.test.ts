import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Asn1Error, BerReader } from '../asn1';
import { fromHex, toHex } from '../shared';
import { decodeData, decodeDataBytes, encodeData } from './data-codec';
import { formatMmsValue, type MmsValue } from './value';

const h = (hex: string): string => toHex(fromHex(hex));

/** Each row: a Data encoding (commented per field) and the value it stands for. */
const table: [string, string, MmsValue][] = [
  ['boolean true', '83 01 01', { type: 'boolean', value: true }],
  ['boolean false', '83 01 00', { type: 'boolean', value: false }],
  [
    'quality good (13 bits)',
    '84 03 03 00 00',
    { type: 'bit-string', bitLength: 13, bytes: fromHex('00 00') },
  ],
  ['Dbpos on', '84 02 06 80', { type: 'bit-string', bitLength: 2, bytes: fromHex('80') }],
  ['integer -5', '85 01 fb', { type: 'integer', value: -5 }],
  ['int64 max', '85 08 7f ff ff ff ff ff ff ff', { type: 'integer', value: 9223372036854775807n }],
  ['unsigned 200 (leading 00)', '86 02 00 c8', { type: 'unsigned', value: 200 }],
  ['float32 10.0', '87 05 08 41 20 00 00', { type: 'float', value: 10, width: 32 }],
  ['float64 -1.5', '87 09 0b bf f8 00 00 00 00 00 00', { type: 'float', value: -1.5, width: 64 }],
  ['octet string', '89 03 01 02 03', { type: 'octet-string', value: fromHex('01 02 03') }],
  ['visible string', '8a 05 49 45 44 31 20', { type: 'visible-string', value: 'IED1 ' }],
  ['visible string with Latin-1 text', '8a 03 32 b0 43', { type: 'visible-string', value: '2°C' }],
  ['binary time with date', '8c 06 00 00 03 e8 3b ed', { type: 'binary-time', msOfDay: 1000, days: 15341 }],
  ['mms string (UTF-8)', '90 02 c2 b0', { type: 'mms-string', value: '°' }],
  [
    'utc time',
    '91 08 5f 5e 10 00 00 00 00 0a',
    { type: 'utc-time', seconds: 1600000000, fraction: 0, quality: 10 },
  ],
  ['empty structure', 'a2 00', { type: 'structure', members: [] }],
  [
    'ST Pos FCD: {stVal Dbpos, q, t}',
    `a2 13            # structure
       84 02 06 80    #   stVal = on (10)
       84 03 03 00 00 #   q = good
       91 08 5f 5e 10 00 80 00 00 0a # t`,
    {
      type: 'structure',
      members: [
        { type: 'bit-string', bitLength: 2, bytes: fromHex('80') },
        { type: 'bit-string', bitLength: 13, bytes: fromHex('00 00') },
        { type: 'utc-time', seconds: 1600000000, fraction: 0x800000, quality: 10 },
      ],
    },
  ],
  [
    'array of structures',
    'a1 0a a2 03 83 01 01 a2 03 85 01 02',
    {
      type: 'array',
      elements: [
        { type: 'structure', members: [{ type: 'boolean', value: true }] },
        { type: 'structure', members: [{ type: 'integer', value: 2 }] },
      ],
    },
  ],
];

describe('Data codec', () => {
  it.each(table)('%s: parse, generate, round trip', (_name, hex, value) => {
    expect(decodeDataBytes(fromHex(hex))).toEqual(value);
    expect(toHex(encodeData(value))).toBe(h(hex));
  });

  it.each([
    [
      'universal tag instead of a Data alternative',
      '02 01 05',
      'unexpected-tag',
      'expected a Data alternative (context tag), found [UNIVERSAL 2]',
    ],
    [
      'generalized-time',
      '8b 00',
      'bad-value',
      'the Data alternative generalized-time [11], which IEC 61850 does not use',
    ],
    ['unknown alternative [8]', '88 00', 'bad-value', 'an unknown Data alternative [8]'],
    ['structure member with a universal tag', 'a2 03 02 01 05', 'unexpected-tag', 'found [UNIVERSAL 2]'],
    ['structure cut short', 'a2 05 83 01 01', 'truncated', 'declares 5 octets'],
    ['bad float inside an array', 'a1 04 87 02 08 00', 'bad-value', 'FloatingPoint must have 5 or 9 octets'],
    ['trailing bytes', '83 01 01 00', 'trailing-bytes', 'after the Data element'],
  ])('refuses %s', (_name, hex, code, message) => {
    let caught: unknown;
    try {
      decodeDataBytes(fromHex(hex));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Asn1Error);
    expect((caught as Asn1Error).code).toBe(code);
    expect((caught as Asn1Error).message).toContain(message);
  });

  it('bounds nesting by the reader depth limit: 10,000 nested structures fail cleanly', () => {
    const depth = 10_000;
    const bytes = new Uint8Array(depth * 6);
    for (let i = 0; i < depth; i++) {
      const rest = (depth - i - 1) * 6;
      bytes.set(
        [0xa2, 0x84, (rest >>> 24) & 0xff, (rest >>> 16) & 0xff, (rest >>> 8) & 0xff, rest & 0xff],
        i * 6,
      );
    }
    expect(() => decodeDataBytes(bytes)).toThrow(/nesting deeper than 50 levels/);
  });

  it('decodes any value it encodes (property)', () => {
    const scalar: fc.Arbitrary<MmsValue> = fc.oneof(
      fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
      fc.integer().map((value) => ({ type: 'integer', value }) as const),
      fc.nat().map((value) => ({ type: 'unsigned', value }) as const),
      fc
        .float({ noNaN: true })
        .map((value) => ({ type: 'float', value: Math.fround(value), width: 32 }) as const),
      fc.double({ noNaN: true }).map((value) => ({ type: 'float', value, width: 64 }) as const),
      fc
        .string({ unit: fc.nat({ max: 255 }).map((c) => String.fromCharCode(c)) })
        .map((value) => ({ type: 'visible-string', value }) as const),
      fc.string().map((value) => ({ type: 'mms-string', value }) as const),
      fc.uint8Array({ maxLength: 8 }).map((value) => ({ type: 'octet-string', value }) as const),
      // int64/uint64 beyond 2^53 stay bigint; inside it they decode as numbers.
      fc
        .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
        .filter((v) => v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER))
        .map((value) => ({ type: 'integer', value }) as const),
      fc
        .bigInt({ min: 2n ** 53n, max: 2n ** 64n - 1n })
        .map((value) => ({ type: 'unsigned', value }) as const),
      fc.integer({ min: 0, max: 40 }).chain((bitLength) =>
        fc.uint8Array({ minLength: (bitLength + 7) >> 3, maxLength: (bitLength + 7) >> 3 }).map((bytes) => {
          // The codec clears the unused trailing bits; generate them clear so values compare equal.
          if (bitLength % 8 !== 0) bytes[bytes.length - 1]! &= 0xff << (8 - (bitLength % 8));
          return { type: 'bit-string', bitLength, bytes } as const;
        }),
      ),
      fc
        .record({
          seconds: fc.nat({ max: 2 ** 32 - 1 }),
          fraction: fc.nat({ max: 2 ** 24 - 1 }),
          quality: fc.nat({ max: 255 }),
        })
        .map((t) => ({ type: 'utc-time', ...t }) as const),
      fc.nat({ max: 86_399_999 }).map((msOfDay) => ({ type: 'binary-time', msOfDay }) as const),
      fc
        .record({ msOfDay: fc.nat({ max: 86_399_999 }), days: fc.nat({ max: 65535 }) })
        .map((t) => ({ type: 'binary-time', ...t }) as const),
    );
    const value = fc.letrec<{ v: MmsValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('v'), { maxLength: 4 }).map((members) => ({ type: 'structure', members }) as const),
        fc.array(tie('v'), { maxLength: 4 }).map((elements) => ({ type: 'array', elements }) as const),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeDataBytes(encodeData(v))).toEqual(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('fails with a typed error at every truncation of a nested fixture', () => {
    const bytes = encodeData({
      type: 'array',
      elements: table.map(([, , value]) => value),
    });
    expect(decodeDataBytes(bytes).type).toBe('array');
    for (let cut = 0; cut < bytes.length; cut++) {
      let caught: unknown;
      try {
        decodeDataBytes(bytes.subarray(0, cut));
      } catch (err) {
        caught = err;
      }
      expect(caught, `cut at ${cut}`).toBeInstanceOf(Asn1Error);
      expect((caught as Asn1Error).code, `cut at ${cut}`).toBe('truncated');
    }
  });

  it('either decodes random bytes or throws Asn1Error (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 48 }), (bytes) => {
        try {
          const reader = new BerReader(bytes);
          decodeData(reader, reader.next());
        } catch (err) {
          if (!(err instanceof Asn1Error)) throw err;
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('summarises values on one line', () => {
    expect(formatMmsValue(table.find(([name]) => name.startsWith('ST Pos'))?.[2] as MmsValue)).toBe(
      "{b'10', b'0000000000000', 2020-09-13T12:26:40.500Z}",
    );
    expect(formatMmsValue({ type: 'visible-string', value: 'x'.repeat(300) }, 10)).toBe('"xxxxxxxx…');
  });
});
