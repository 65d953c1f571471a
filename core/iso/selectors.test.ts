import { describe, expect, it } from 'vitest';
import { toHex } from '../shared';
import {
  defaultIsoAddress,
  defaultIsoEndpoints,
  formatApTitle,
  formatSelector,
  isoAddressFromScl,
  parseAeQualifier,
  parseApTitle,
  parseSelector,
} from './selectors';
import { catchIso } from './testing';

describe('selectors', () => {
  it('defaults to the CONVENTIONS values', () => {
    const a = defaultIsoAddress();
    expect([toHex(a.tsel), toHex(a.ssel), toHex(a.psel)]).toEqual(['0001', '0001', '00000001']);
    expect(a.apTitle).toEqual([1, 1, 1, 999, 1]);
    expect(a.aeQualifier).toBe(12);
    const e = defaultIsoEndpoints();
    expect(e.local).toEqual(e.remote);
    e.local.tsel[0] = 9;
    expect(defaultIsoAddress().tsel[0]).toBe(0);
  });

  it.each([
    ['0001', 'tsel', '0001'],
    ['00000001', 'psel', '00000001'],
    ['0x0A0b', 'ssel', '0a0b'],
    [' 00 01 ', 'tsel', '0001'],
    ['', 'psel', ''],
  ] as const)('parses selector "%s" (%s)', (text, kind, hex) => {
    expect(toHex(parseSelector(text, kind))).toBe(hex);
  });

  it.each([
    ['001', 'tsel'],
    ['00g1', 'ssel'],
    ['00'.repeat(17), 'psel'],
    ['00'.repeat(17), 'ssel'],
    ['00'.repeat(33), 'tsel'],
  ] as const)('refuses selector "%s" (%s)', (text, kind) => {
    expect(catchIso(() => parseSelector(text, kind)).code).toBe('selector-syntax');
  });

  it('formats selectors as SCL writes them', () => {
    expect(formatSelector(parseSelector('00000001', 'psel'))).toBe('00000001');
  });

  it.each([
    ['1,1,1,999,1', [1, 1, 1, 999, 1]],
    ['1.1.1.999.1', [1, 1, 1, 999, 1]],
    ['1 1 1 999', [1, 1, 1, 999]],
    [' 1, 3, 9999, 106 ', [1, 3, 9999, 106]],
    ['2.999.3', [2, 999, 3]],
  ])('parses AP-title "%s"', (text, arcs) => {
    expect(parseApTitle(text)).toEqual(arcs);
    expect(formatApTitle(arcs)).toBe(arcs.join('.'));
  });

  it.each(['', '1', '3.1', '1.40', '1..1', '1.a.2', '1.-1', '1.1.99999999999999999999'])('refuses AP-title "%s"', (text) => {
    expect(catchIso(() => parseApTitle(text)).code).toBe('selector-syntax');
  });

  it('parses AE-qualifiers', () => {
    expect(parseAeQualifier('12')).toBe(12);
    expect(parseAeQualifier(' -3 ')).toBe(-3);
    expect(catchIso(() => parseAeQualifier('1.2')).code).toBe('selector-syntax');
    expect(catchIso(() => parseAeQualifier('')).code).toBe('selector-syntax');
  });

  it('takes what SCL gives and keeps defaults for the rest', () => {
    const a = isoAddressFromScl({ 'OSI-PSEL': '00000002', 'OSI-AP-Title': '1,3,9999,33', 'OSI-AE-Qualifier': '33' });
    expect(toHex(a.psel)).toBe('00000002');
    expect(toHex(a.tsel)).toBe('0001');
    expect(a.apTitle).toEqual([1, 3, 9999, 33]);
    expect(a.aeQualifier).toBe(33);
    expect(catchIso(() => isoAddressFromScl({ 'OSI-TSEL': 'xyz' })).code).toBe('selector-syntax');
  });
});
