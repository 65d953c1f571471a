import { describe, expect, it } from 'vitest';
import { fromHex } from '../shared';
import {
  bitAt,
  bitsFromNames,
  bitsFromText,
  bitsToFlags,
  bitsToText,
  flagsToBits,
  setBitIndices,
} from './bits';

describe('bit strings', () => {
  it('numbers bits from the MSB of the first octet', () => {
    const bits = { bitLength: 10, bytes: fromHex('81 40') };
    expect(bitsToText(bits)).toBe('1000000101');
    expect(setBitIndices(bits)).toEqual([0, 7, 9]);
    expect([bitAt(bits, 0), bitAt(bits, 1), bitAt(bits, 9), bitAt(bits, 10), bitAt(bits, -1)]).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(bitsToFlags(bits, 13)).toBe(0b1010000001);
    expect(bitsToFlags(bits, 8)).toBe(0b10000001);
  });

  it('reads missing octets as zero bits', () => {
    expect(bitsToText({ bitLength: 12, bytes: fromHex('ff') })).toBe('111111110000');
  });

  it.each(['', '0', '1', '0101', '1000000001', '1111111111111'])(
    'round-trips %j through text and flags',
    (text) => {
      const bits = bitsFromText(text);
      expect(bits.bitLength).toBe(text.length);
      expect(bitsToText(bits)).toBe(text);
      expect(bitsToText(flagsToBits(bitsToFlags(bits, 31), text.length))).toBe(text);
    },
  );

  it('builds from names and refuses unknown ones', () => {
    const names = ['reserved', 'a', 'b', 'c'] as const;
    expect(bitsToText(bitsFromNames(names, ['a', 'c']))).toBe('0101');
    expect(bitsToText(bitsFromNames(names, ['a'], 6))).toBe('010000');
    expect(() => bitsFromNames(names, ['d' as 'a'])).toThrow(RangeError);
    expect(() => bitsFromText('012')).toThrow(RangeError);
  });
});
