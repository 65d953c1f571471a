import { describe, expect, it } from 'vitest';
import { FCS, isFc, parseFc } from './fc';

describe('functional constraints', () => {
  it('lists the twenty FCs of IEC 61850-7-2 / 8-1 once each', () => {
    expect(FCS).toHaveLength(20);
    expect(new Set(FCS).size).toBe(20);
    for (const fc of ['ST', 'MX', 'CO', 'CF', 'DC', 'SP', 'SG', 'SE', 'SV', 'SR', 'BL', 'EX', 'RP', 'BR', 'LG', 'GO', 'GS', 'MS', 'US', 'OR']) {
      expect(isFc(fc)).toBe(true);
    }
  });

  it.each(['st', 'XX', '', 'STX', 'S'])('refuses %j', (text) => {
    expect(isFc(text)).toBe(false);
    expect(parseFc(text)).toBeUndefined();
  });
});
