import { describe, expect, it } from 'vitest';
import { fromHex, RelayGateError } from '../shared';
import { bitsFromText } from './bits';
import { enumNames } from './enum-value';
import { fcdParts } from './fcd';
import type { MmsValue } from '../mms';
import { toTypedValue, type TypedValueOptions } from './typed-value';
import type { ValueType } from './value-type';

const bits = (text: string): MmsValue => ({ type: 'bit-string', ...bitsFromText(text) });
const q13 = (hex: string): MmsValue => ({ type: 'bit-string', bitLength: 13, bytes: fromHex(hex) });
const utc: MmsValue = { type: 'utc-time', seconds: 1767225600, fraction: 0x800000, quality: 0x8a };
const f32 = (value: number): MmsValue => ({ type: 'float', value, width: 32 });
const struct = (...members: MmsValue[]): MmsValue => ({ type: 'structure', members });
const basic = (type: Extract<ValueType, { kind: 'basic' }>['type']): ValueType => ({ kind: 'basic', type });

describe('typed values', () => {
  it.each<[string, MmsValue, ValueType | undefined, TypedValueOptions, Record<string, unknown>]>([
    ['boolean', { type: 'boolean', value: true }, undefined, {}, { type: 'boolean', value: true }],
    ['a small integer', { type: 'integer', value: -5 }, undefined, {}, { type: 'int32', value: -5 }],
    [
      'a 40-bit integer',
      { type: 'integer', value: 2 ** 40 },
      undefined,
      {},
      { type: 'int64', value: 2 ** 40 },
    ],
    [
      'a 64-bit bigint',
      { type: 'integer', value: 2n ** 63n - 1n },
      undefined,
      {},
      { type: 'int64', value: '9223372036854775807' },
    ],
    ['INT8 from SCL', { type: 'integer', value: -128 }, basic('int8'), {}, { type: 'int8', value: -128 }],
    ['an unsigned', { type: 'unsigned', value: 70000 }, undefined, {}, { type: 'uint32', value: 70000 }],
    [
      'INT16U from SCL',
      { type: 'unsigned', value: 65535 },
      basic('uint16'),
      {},
      { type: 'uint16', value: 65535 },
    ],
    ['a float32', f32(12.5), undefined, {}, { type: 'float32', value: 12.5 }],
    ['a float64', { type: 'float', value: 0.1, width: 64 }, undefined, {}, { type: 'float64', value: 0.1 }],
    ['a NaN', f32(Number.NaN), undefined, {}, { type: 'float32', value: 'NaN' }],
    ['-Infinity', f32(-Infinity), basic('float32'), {}, { type: 'float32', value: '-Infinity' }],
    [
      'q by name',
      q13('43 00'),
      undefined,
      { name: 'q' },
      { type: 'quality', value: 'invalid: oldData, failure', quality: { raw: 0xc2 } },
    ],
    [
      'Quality from SCL, short',
      bits('11'),
      basic('quality'),
      {},
      { type: 'quality', value: 'questionable | bits 2-12 unknown' },
    ],
    [
      'a 13-bit string not named q',
      q13('43 00'),
      undefined,
      {},
      { type: 'bitstring', value: '0100001100000', bitLength: 13 },
    ],
    [
      'stVal of 2 bits',
      bits('10'),
      undefined,
      { name: 'stVal' },
      { type: 'dbpos', value: 'closed', ordinal: 2 },
    ],
    ['Dbpos from SCL', bits('01'), basic('dbpos'), {}, { type: 'dbpos', value: 'open', ordinal: 1 }],
    ['Dbpos with 1 bit', bits('1'), basic('dbpos'), {}, { type: 'dbpos', value: null, ordinal: null }],
    [
      'Mod.stVal',
      { type: 'integer', value: 1 },
      undefined,
      { name: 'stVal', doName: 'Mod' },
      { type: 'enum', value: 'on', ordinal: 1, name: 'on' },
    ],
    [
      'Beh.stVal 4',
      { type: 'integer', value: 4 },
      undefined,
      { name: 'stVal', doName: 'Beh' },
      { type: 'enum', value: 'test/blocked', ordinal: 4 },
    ],
    [
      'Health.stVal 3',
      { type: 'integer', value: 3 },
      undefined,
      { name: 'stVal', doName: 'Health' },
      { type: 'enum', value: 'Alarm', ordinal: 3 },
    ],
    [
      'Mod.stVal out of table',
      { type: 'integer', value: 9 },
      undefined,
      { name: 'stVal', doName: 'Mod' },
      { type: 'enum', value: 9, ordinal: 9 },
    ],
    [
      'an SCL enum',
      { type: 'integer', value: 2 },
      { kind: 'basic', type: 'enum', enumNames: enumNames([{ ord: 2, name: 'stop' }]) },
      {},
      { type: 'enum', value: 'stop', ordinal: 2, name: 'stop' },
    ],
    [
      'an enum without names',
      { type: 'integer', value: 2 },
      basic('enum'),
      {},
      { type: 'enum', value: 2, ordinal: 2 },
    ],
    [
      'an octet string',
      { type: 'octet-string', value: fromHex('00 01 2c') },
      undefined,
      {},
      { type: 'octetstring', value: '00012c' },
    ],
    [
      'a visible string',
      { type: 'visible-string', value: 'Q0' },
      undefined,
      {},
      { type: 'visiblestring', value: 'Q0' },
    ],
    [
      'an MMS string',
      { type: 'mms-string', value: 'Zähler' },
      undefined,
      {},
      { type: 'unicodestring', value: 'Zähler' },
    ],
    [
      'a UtcTime',
      utc,
      undefined,
      {},
      {
        type: 'timestamp',
        value: '2026-01-01T00:00:00.500Z',
        timestamp: { leapSecondsKnown: true, timeAccuracyBits: 10 },
      },
    ],
    [
      'a BinaryTime',
      { type: 'binary-time', msOfDay: 45296789, days: 15341 },
      basic('timestamp'),
      {},
      { type: 'timestamp', value: '2026-01-01T12:34:56.789Z' },
    ],
    [
      'a time of day',
      { type: 'binary-time', msOfDay: 1000 },
      undefined,
      {},
      { type: 'timestamp', value: null, entryTime: { msOfDay: 1000 } },
    ],
    [
      'a boolean where SCL says float32',
      { type: 'boolean', value: false },
      basic('float32'),
      {},
      { type: 'boolean', value: false, mismatch: 'float32' },
    ],
    [
      'a float where SCL says struct',
      f32(1),
      { kind: 'struct', members: [] },
      {},
      { type: 'float32', value: 1, mismatch: 'struct' },
    ],
    [
      'a 2^64 enum',
      { type: 'unsigned', value: 2n ** 64n },
      basic('enum'),
      {},
      { type: 'int64', value: '18446744073709551616', mismatch: 'enum' },
    ],
  ])('types %s', (_what, value, type, options, expected) => {
    const typed = toTypedValue(value, type, options);
    expect(typed).toMatchObject(expected);
    expect(JSON.parse(JSON.stringify(typed.value))).toEqual(typed.value);
  });

  it('accepts a bare type name as the hint', () => {
    expect(toTypedValue(bits('10'), 'dbpos')).toEqual({ type: 'dbpos', value: 'closed', ordinal: 2 });
  });

  const posType: ValueType = {
    kind: 'struct',
    members: [
      { name: 'stVal', type: basic('dbpos') },
      { name: 'q' },
      { name: 't' },
      { name: 'ctlNum', type: basic('uint8') },
    ],
  };
  const pos = struct(bits('10'), q13('00 00'), utc, { type: 'unsigned', value: 3 });

  it('keeps FCD member names from the type description', () => {
    const typed = toTypedValue(pos, posType);
    expect(typed.value).toEqual({ stVal: 'closed', q: 'good', t: '2026-01-01T00:00:00.500Z', ctlNum: 3 });
    expect(typed.type === 'struct' && typed.members.map((m) => `${m.name}:${m.value.type}`)).toEqual([
      'stVal:dbpos',
      'q:quality',
      't:timestamp',
      'ctlNum:uint8',
    ]);
  });

  it('shows an unnamed structure as an array, and arrays element by element', () => {
    expect(toTypedValue(pos).value).toEqual(['10', '0000000000000', '2026-01-01T00:00:00.500Z', 3]);
    const harmonics: MmsValue = { type: 'array', elements: [f32(1), f32(0.5)] };
    expect(toTypedValue(harmonics, { kind: 'array', element: basic('float32') })).toMatchObject({
      type: 'array',
      value: [1, 0.5],
    });
    expect(toTypedValue(harmonics, basic('float32'))).toMatchObject({ type: 'array', mismatch: 'float32' });
  });

  it('refuses values nested deeper than 32 levels', () => {
    let deep: MmsValue = f32(1);
    for (let i = 0; i < 40; i++) deep = struct(deep);
    expect(() => toTypedValue(deep)).toThrow(RelayGateError);
  });
});

describe('FCD parts', () => {
  it('splits ST Pos into value, quality and time', () => {
    const parts = fcdParts(
      toTypedValue(struct(bits('01'), q13('43 00'), utc), {
        kind: 'struct',
        members: [{ name: 'stVal' }, { name: 'q' }, { name: 't' }],
      }),
    );
    expect(parts.value).toEqual({ type: 'dbpos', value: 'open', ordinal: 1 });
    expect(parts.quality?.flags).toEqual(['failure', 'oldData']);
    expect(parts.timestamp?.iso).toBe('2026-01-01T00:00:00.500Z');
  });

  it('unwraps MX mag.f and leaves leaves alone', () => {
    const totW: ValueType = {
      kind: 'struct',
      members: [
        { name: 'mag', type: { kind: 'struct', members: [{ name: 'f' }] } },
        { name: 'q' },
        { name: 't' },
      ],
    };
    expect(fcdParts(toTypedValue(struct(struct(f32(12.5)), q13('00 00'), utc), totW)).value).toEqual({
      type: 'float32',
      value: 12.5,
    });
    expect(fcdParts(toTypedValue(f32(2)))).toEqual({ value: { type: 'float32', value: 2 } });
    expect(fcdParts(toTypedValue(q13('00 00'), 'quality')).quality?.validity).toBe('good');
    expect(fcdParts(toTypedValue({ type: 'binary-time', msOfDay: 5, days: 1 })).entryTime?.days).toBe(1);
    expect(fcdParts(toTypedValue(struct(bits('10'), q13('00 00'))))).toEqual({}); // no names, no parts
  });

  it.each([
    // APC / BAC [MX] as server_example_dynamic's GGIO1.AnOut1: {mxVal {f}, q, t}.
    ['mxVal', struct(f32(2)), { type: 'float32', value: 2 }],
    // BCR [ST]: {actVal, q, t}.
    ['actVal', { type: 'integer', value: 42 } as MmsValue, { type: 'int32', value: 42 }],
  ])('takes %s as the value of its FCD', (name, value, expected) => {
    const type: ValueType = { kind: 'struct', members: [{ name }, { name: 'q' }, { name: 't' }] };
    const parts = fcdParts(toTypedValue(struct(value, q13('00 00'), utc), type));
    expect(parts.value).toEqual(expected);
    expect(parts.quality?.validity).toBe('good');
  });

  it('types subQ (FC SV) as a quality, as q', () => {
    // GGIO1.AnIn1 [SV] of server_example_substitution: {subEna, subMag {f}, subQ, subID}.
    const sv = toTypedValue(
      struct({ type: 'boolean', value: false }, struct(f32(0)), q13('40 00'), {
        type: 'visible-string',
        value: '',
      }),
      {
        kind: 'struct',
        members: [
          { name: 'subEna' },
          { name: 'subMag', type: { kind: 'struct', members: [{ name: 'f' }] } },
          { name: 'subQ' },
          { name: 'subID' },
        ],
      },
    );
    expect(sv.value).toEqual({ subEna: false, subMag: { f: 0 }, subQ: 'invalid', subID: '' });
  });
});
