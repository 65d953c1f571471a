import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared';
import { dbposFromBits, dbposFromValue, dbposToBits } from './dbpos';
import { BEHAVIOUR_MODE_NAMES, enumNames, enumValue, HEALTH_NAMES, standardEnumNames } from './enum-value';

describe('Dbpos', () => {
  it.each([
    ['00', 0, 'intermediate'], // bits 00
    ['40', 1, 'open'], // bits 01: off
    ['80', 2, 'closed'], // bits 10: on
    ['c0', 3, 'bad'], // bits 11
    ['bf', 2, 'closed'], // padding bits set: ignored
  ])('2-bit string %s is %d %s', (hex, value, name) => {
    const bits = { bitLength: 2, bytes: fromHex(hex) };
    expect(dbposFromBits(bits)).toEqual({ value, name });
    expect(toHex(dbposToBits(value).bytes)).toBe(toHex(Uint8Array.of(fromHex(hex)[0]! & 0xc0)));
    expect(dbposToBits(name as 'open')).toEqual(dbposToBits(value));
  });

  it('is unknown from fewer than 2 bits and refuses bad values', () => {
    expect(dbposFromBits({ bitLength: 1, bytes: fromHex('80') })).toBeUndefined();
    expect(dbposFromBits({ bitLength: 0, bytes: new Uint8Array(0) })).toBeUndefined();
    expect(dbposFromValue(4)).toBeUndefined();
    expect(dbposFromValue(1.5)).toBeUndefined();
    expect(() => dbposToBits(4)).toThrow(RangeError);
    expect(() => dbposToBits('on' as 'open')).toThrow(RangeError);
  });
});

describe('enums', () => {
  it.each([
    [1, BEHAVIOUR_MODE_NAMES, { ordinal: 1, name: 'on' }],
    [4, BEHAVIOUR_MODE_NAMES, { ordinal: 4, name: 'test/blocked' }],
    [5, BEHAVIOUR_MODE_NAMES, { ordinal: 5, name: 'off' }],
    [9, BEHAVIOUR_MODE_NAMES, { ordinal: 9 }],
    [3, HEALTH_NAMES, { ordinal: 3, name: 'Alarm' }],
    [-1, undefined, { ordinal: -1 }],
  ])('ordinal %d', (ordinal, names, expected) => {
    expect(enumValue(ordinal, names)).toEqual(expected);
  });

  it('finds standard tables by data object and builds tables from SCL pairs', () => {
    expect(standardEnumNames('Beh')).toBe(BEHAVIOUR_MODE_NAMES);
    expect(standardEnumNames('Health')).toBe(HEALTH_NAMES);
    expect(standardEnumNames('Pos')).toBeUndefined();
    expect(enumValue(2, enumNames([{ ord: 2, name: 'stop' }]))).toEqual({ ordinal: 2, name: 'stop' });
  });
});
