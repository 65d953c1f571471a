import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared';
import { bitsFromText } from './bits';
import {
  formatQuality,
  qualityFromBits,
  qualityFromRaw,
  qualityToBits,
  qualityToRaw,
  validityCode,
  type Quality,
} from './quality';

/** A 13-bit quality bit string from its two octets (3 padding bits at the end). */
const q13 = (hex: string) => qualityFromBits({ bitLength: 13, bytes: fromHex(hex) });

describe('quality', () => {
  it.each<[string, string, Partial<Quality>, string]>([
    [
      '00 00',
      'all clear',
      { validity: 'good', flags: [], source: 'process', test: false, operatorBlocked: false, raw: 0 },
      'good',
    ],
    ['40 00', 'bit 1: validity 01', { validity: 'invalid', raw: 2 }, 'invalid'],
    ['80 00', 'bit 0: validity 10', { validity: 'reserved', raw: 1 }, 'reserved'],
    ['c0 00', 'bits 0+1: validity 11', { validity: 'questionable', raw: 3 }, 'questionable'],
    [
      '43 00',
      'invalid, bit 6 failure, bit 7 oldData',
      { validity: 'invalid', flags: ['failure', 'oldData'], raw: 0xc2 },
      'invalid: oldData, failure',
    ],
    [
      'c0 10',
      'questionable, bit 11 test',
      { validity: 'questionable', test: true, raw: 0x803 },
      'questionable | test',
    ],
    ['20 00', 'bit 2 overflow', { flags: ['overflow'], raw: 4 }, 'good: overflow'],
    [
      '1c 00',
      'bits 3-5',
      { flags: ['outOfRange', 'badReference', 'oscillatory'], raw: 0x38 },
      'good: outOfRange, badReference, oscillatory',
    ],
    [
      'c0 c0',
      'bits 8-9',
      { flags: ['inconsistent', 'inaccurate'], raw: 0x303 },
      'questionable: inconsistent, inaccurate',
    ],
    ['00 20', 'bit 10 substituted', { source: 'substituted', raw: 0x400 }, 'good | substituted'],
    ['00 08', 'bit 12 operatorBlocked', { operatorBlocked: true, raw: 0x1000 }, 'good | operatorBlocked'],
    [
      'ff f8',
      'every bit',
      { validity: 'questionable', raw: 0x1fff },
      'questionable: oldData, failure, overflow, outOfRange, badReference, oscillatory, inconsistent, inaccurate | substituted | test | operatorBlocked',
    ],
    ['00 07', 'padding bits set: ignored', { validity: 'good', raw: 0 }, 'good'],
  ])('%s (%s)', (hex, _what, expected, text) => {
    const q = q13(hex);
    expect(q).toMatchObject({ knownBits: 13, ...expected });
    expect(formatQuality(q)).toBe(text);
    expect(toHex(qualityToBits(q.raw).bytes)).toBe(hex.replace(/ /g, '').replace(/7$/, '0'));
    expect(qualityFromRaw(q.raw)).toEqual(q);
  });

  it('says what it does not know for short and empty bit strings', () => {
    const empty = qualityFromBits({ bitLength: 0, bytes: new Uint8Array(0) });
    expect(empty).toEqual({
      validity: 'unknown',
      flags: [],
      source: 'unknown',
      test: null,
      operatorBlocked: null,
      raw: 0,
      knownBits: 0,
    });
    expect(formatQuality(empty)).toBe('unknown');

    const one = qualityFromBits(bitsFromText('1'));
    expect(one.validity).toBe('unknown');
    expect(formatQuality(one)).toBe('unknown | bits 1-12 unknown');

    const two = qualityFromBits(bitsFromText('01'));
    expect(two).toMatchObject({ validity: 'invalid', source: 'unknown', test: null, raw: 2, knownBits: 2 });
    expect(formatQuality(two)).toBe('invalid | bits 2-12 unknown');

    const eleven = qualityFromBits(bitsFromText('00000000001'));
    expect(eleven).toMatchObject({ source: 'substituted', test: null, operatorBlocked: null, knownBits: 11 });
  });

  it('ignores bits past 13 and bytes the bit length does not cover', () => {
    expect(qualityFromBits({ bitLength: 16, bytes: fromHex('00 0f') })).toMatchObject({
      raw: 0x1000,
      operatorBlocked: true,
      knownBits: 13,
    });
    expect(qualityFromBits({ bitLength: 16, bytes: fromHex('00 07') })).toMatchObject({
      raw: 0,
      knownBits: 13,
    });
    expect(qualityFromBits({ bitLength: 13, bytes: fromHex('40') })).toMatchObject({
      validity: 'invalid',
      raw: 2,
    });
    expect(qualityFromBits({ bitLength: 2, bytes: fromHex('7f ff') })).toMatchObject({
      validity: 'invalid',
      raw: 2,
    });
  });

  it('encodes parts for the simulator', () => {
    expect(qualityToRaw()).toBe(0);
    expect(qualityToRaw({ validity: 'invalid', flags: ['oldData', 'failure'] })).toBe(0xc2);
    expect(qualityToRaw({ validity: 'questionable', test: true })).toBe(0x803);
    expect(qualityToRaw({ validity: 'reserved', source: 'substituted', operatorBlocked: true })).toBe(0x1401);
    expect(toHex(qualityToBits(0xc2).bytes)).toBe('4300');
    expect(qualityToBits(0).bitLength).toBe(13);
    expect(() => qualityToRaw({ flags: ['stale' as never] })).toThrow(RangeError);
  });

  it('maps validity to the gateway status code', () => {
    expect(
      ['good', 'invalid', 'reserved', 'questionable', 'unknown'].map((v) =>
        validityCode(v as Quality['validity']),
      ),
    ).toEqual([0, 1, 2, 3, undefined]);
  });
});
