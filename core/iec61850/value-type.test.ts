import { describe, expect, it } from 'vitest';
import { BerReader } from '../asn1';
import { decodeDataBytes, decodeTypeSpec, type MmsTypeSpec } from '../mms';
import { fromHex } from '../shared';
import { fcdParts } from './fcd';
import { toTypedValue } from './typed-value';
import { valueTypeFromMmsType } from './value-type';

function typeSpec(hex: string): MmsTypeSpec {
  const reader = new BerReader(fromHex(hex));
  const spec = decodeTypeSpec(reader, reader.next());
  reader.end('the TypeSpecification');
  return spec;
}

/** GetVariableAccessAttributes of XCBR1$ST$Pos: {stVal bit-string(2), q bit-string(-13), t utc-time, ctlNum uint8}. */
const POS_TYPE = `
a2 32                                   # structure
  a1 30                                 #   components
    30 0c 80 05 73 74 56 61 6c          #     "stVal"
      a1 03 84 01 02                    #       bit-string(2)
    30 08 80 01 71                      #     "q"
      a1 03 84 01 f3                    #       bit-string, variable up to 13
    30 07 80 01 74                      #     "t"
      a1 02 91 00                       #       utc-time
    30 0d 80 06 63 74 6c 4e 75 6d       #     "ctlNum"
      a1 03 86 01 08                    #       unsigned(8)
`;

/** Read response Data of XCBR1$ST$Pos. */
const POS_DATA = `
a2 16                                   # structure
  84 02 06 80                           #   stVal: 2 bits "10" = on/closed (6 unused bits)
  84 03 03 43 00                        #   q: 13 bits, invalid + failure + oldData (3 unused bits)
  91 08 69 55 b9 00 80 00 00 8a         #   t: 2026-01-01T00:00:00.5Z, leap seconds known, accuracy 10
  86 01 03                              #   ctlNum 3
`;

/** LLN0$ST$Mod: {stVal int8, q, t}. */
const MOD_TYPE = `
a2 23 a1 21
  30 0c 80 05 73 74 56 61 6c a1 03 85 01 08   # "stVal" integer(8)
  30 08 80 01 71 a1 03 84 01 f3               # "q" bit-string(-13)
  30 07 80 01 74 a1 02 91 00                  # "t" utc-time
`;
const MOD_DATA = `
a2 12
  85 01 05                              #   stVal 5 = off
  84 03 03 00 00                        #   q good
  91 08 69 55 b9 00 00 00 00 0a         #   t, leap seconds not known
`;

describe('value types from MMS type descriptions', () => {
  it('types a whole-FCD read of Pos with its component names', () => {
    const type = valueTypeFromMmsType(typeSpec(POS_TYPE));
    expect(type).toEqual({
      kind: 'struct',
      members: [
        { name: 'stVal' },
        { name: 'q' },
        { name: 't', type: { kind: 'basic', type: 'timestamp', fromMms: true } },
        { name: 'ctlNum', type: { kind: 'basic', type: 'uint8', fromMms: true } },
      ],
    });
    const typed = toTypedValue(decodeDataBytes(fromHex(POS_DATA)), type);
    expect(typed.value).toEqual({
      stVal: 'closed',
      q: 'invalid: oldData, failure',
      t: '2026-01-01T00:00:00.500Z',
      ctlNum: 3,
    });
    const parts = fcdParts(typed);
    expect(parts.value).toEqual({ type: 'dbpos', value: 'closed', ordinal: 2 });
    expect(parts.quality?.raw).toBe(0xc2);
    expect(parts.timestamp).toMatchObject({
      leapSecondsKnown: true,
      timeAccuracyBits: 10,
      epochMs: 1767225600500,
    });
  });

  it('lets a standard enum win over the int8 that MMS reports', () => {
    const typed = toTypedValue(decodeDataBytes(fromHex(MOD_DATA)), valueTypeFromMmsType(typeSpec(MOD_TYPE)), {
      doName: 'Mod',
    });
    expect(typed.value).toEqual({ stVal: 'off', q: 'good', t: '2026-01-01T00:00:00.000Z' });
    const plain = toTypedValue({ type: 'integer', value: 5 }, valueTypeFromMmsType(typeSpec('85 01 08')));
    expect(plain).toEqual({ type: 'int8', value: 5 });
  });

  it.each<[string, string, unknown]>([
    ['boolean', '83 00', { kind: 'basic', type: 'boolean', fromMms: true }],
    ['int16', '85 01 10', { kind: 'basic', type: 'int16', fromMms: true }],
    ['int64', '85 01 40', { kind: 'basic', type: 'int64', fromMms: true }],
    ['uint32', '86 01 20', { kind: 'basic', type: 'uint32', fromMms: true }],
    ['float64', 'a7 06 02 01 40 02 01 0b', { kind: 'basic', type: 'float64', fromMms: true }],
    ['octet-string', '89 01 40', { kind: 'basic', type: 'octetstring', fromMms: true }],
    ['visible-string', '8a 02 ff 01', { kind: 'basic', type: 'visiblestring', fromMms: true }],
    ['mms-string', '90 02 00 ff', { kind: 'basic', type: 'unicodestring', fromMms: true }],
    ['binary-time', '8c 01 01', { kind: 'basic', type: 'timestamp', fromMms: true }],
    ['bit-string (meaning depends on the name)', '84 01 0d', undefined],
    ['a 24-bit integer (no such type name)', '85 01 18', undefined],
    [
      'array of 3 float32',
      'a1 0d 81 01 03 a2 08 a7 06 02 01 20 02 01 08',
      { kind: 'array', element: { kind: 'basic', type: 'float32', fromMms: true } },
    ],
    ['array of bit strings', 'a1 08 81 01 03 a2 03 84 01 02', { kind: 'array' }],
  ])('%s', (_what, hex, expected) => {
    expect(valueTypeFromMmsType(typeSpec(hex))).toEqual(expected);
  });
});
