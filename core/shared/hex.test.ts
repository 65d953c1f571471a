import { describe, expect, it } from 'vitest';
import { fromHex, hexdump, toHex, concatBytes, bytesEqual } from './hex';

describe('hex helpers', () => {
  it('parses fixtures with per-field comments', () => {
    const bytes = fromHex(`
      03 00 00 16   # TPKT: version 3, length 22
      02 f0 80      // COTP DT, last unit
    `);
    expect(Array.from(bytes)).toEqual([0x03, 0x00, 0x00, 0x16, 0x02, 0xf0, 0x80]);
  });

  it('refuses odd digit counts and non-hex characters', () => {
    expect(() => fromHex('abc')).toThrow(/odd number of digits \(3\)/);
    expect(() => fromHex('zz')).toThrow(/non-hex character: z/);
  });

  it('round-trips and dumps', () => {
    const bytes = fromHex('00 41 7f ff');
    expect(toHex(bytes, ' ')).toBe('00 41 7f ff');
    expect(hexdump(bytes)).toBe(`000000  ${'00 41 7f ff'.padEnd(47)}  .A..`);
    expect(bytesEqual(concatBytes([bytes.subarray(0, 2), bytes.subarray(2)]), bytes)).toBe(true);
    expect(bytesEqual(bytes, fromHex('00 41 7f fe'))).toBe(false);
  });
});
