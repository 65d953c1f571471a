import { describe, expect, it } from 'vitest';
import { RelayGateError } from '../shared';
import {
  composeLnName,
  formatObjectReference,
  fromMmsName,
  parseObjectReference,
  splitElement,
  toMmsAddress,
  toMmsName,
} from './object-reference';

describe('object references', () => {
  it.each([
    ['simpleIOGenericIO/GGIO1.AnIn1.mag.f[MX]', { ld: 'simpleIOGenericIO', ln: 'GGIO1', path: ['AnIn1', 'mag', 'f'], fc: 'MX' }, 'GGIO1$MX$AnIn1$mag$f'],
    ['IED1LD0/XCBR1.Pos[ST]', { ld: 'IED1LD0', ln: 'XCBR1', path: ['Pos'], fc: 'ST' }, 'XCBR1$ST$Pos'],
    ['LD0/Q0MMXU1.A.phsA.cVal.mag.f[MX]', { ld: 'LD0', ln: 'Q0MMXU1', path: ['A', 'phsA', 'cVal', 'mag', 'f'], fc: 'MX' }, 'Q0MMXU1$MX$A$phsA$cVal$mag$f'],
    ['LD0/LLN0.urcbA01[RP]', { ld: 'LD0', ln: 'LLN0', path: ['urcbA01'], fc: 'RP' }, 'LLN0$RP$urcbA01'],
    ['LD0/LLN0[ST]', { ld: 'LD0', ln: 'LLN0', path: [], fc: 'ST' }, 'LLN0$ST'],
  ])('parses %s, formats it back and maps it to MMS both ways', (text, ref, item) => {
    const parsed = parseObjectReference(text);
    expect(parsed).toEqual(ref);
    expect(formatObjectReference(parsed)).toBe(text);
    expect(toMmsName(parsed)).toEqual({ domain: ref.ld, item });
    expect(fromMmsName(ref.ld, item)).toEqual(ref);
  });

  it('parses a reference without FC and formats with or without it', () => {
    const ref = parseObjectReference('LD0/LLN0.Mod.stVal');
    expect(ref).toEqual({ ld: 'LD0', ln: 'LLN0', path: ['Mod', 'stVal'] });
    expect(formatObjectReference({ ...ref, fc: 'ST' }, false)).toBe('LD0/LLN0.Mod.stVal');
    expect(toMmsName({ ld: 'LD0', ln: 'LLN0', path: [] })).toEqual({ domain: 'LD0', item: 'LLN0' });
    expect(fromMmsName('LD0', 'LLN0')).toEqual({ ld: 'LD0', ln: 'LLN0', path: [] });
  });

  it('puts an array index into alternate access, not the item', () => {
    const ref = parseObjectReference('LD0/MHAI1.HA.phsAHar(3).cVal.mag.f[MX]');
    expect(ref.path).toEqual(['HA', 'phsAHar(3)', 'cVal', 'mag', 'f']);
    expect(splitElement('phsAHar(3)')).toEqual({ name: 'phsAHar', index: 3 });
    expect(splitElement('HA')).toEqual({ name: 'HA' });
    expect(toMmsAddress(ref)).toEqual({ domain: 'LD0', item: 'MHAI1$MX$HA$phsAHar', arrayIndex: 3, subPath: ['cVal', 'mag', 'f'] });
    expect(() => toMmsName(ref)).toThrow(
      "'LD0/MHAI1.HA.phsAHar(3).cVal.mag.f[MX]' is an array element, which an MMS name cannot address; read the whole array 'LD0/MHAI1.HA.phsAHar[MX]'",
    );
    expect(() => toMmsAddress(parseObjectReference('LD0/X1.a(1).b(2)[MX]'))).toThrow(/more than one array/);
  });

  it.each([
    ['LLN0.Mod', /missing '\/'/],
    ['/LLN0.Mod', /empty LD name/],
    ['LD0/', /empty LN name/],
    ['LD0/LLN0..stVal', /empty name after '\.'/],
    ['LD0/LLN0.Mod[XX]', /unknown functional constraint 'XX'/],
    ['LD0/LLN0.Mod[ST', /without a closing/],
    ['LD-0/LLN0.Mod', /character outside/],
    ['LD0/LLN0.Mo d', /bad name 'Mo d'/],
    [`${'L'.repeat(65)}/LLN0`, /longer than 64/],
    ['LD0/LLN0.a(x)', /bad name 'a\(x\)'/],
  ])('refuses %j', (text, message) => {
    let caught: unknown;
    try {
      parseObjectReference(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RelayGateError);
    expect((caught as RelayGateError).code).toBe('bad-reference');
    expect((caught as RelayGateError).message).toMatch(message);
  });

  it('needs an FC below the LN and a real FC in MMS items', () => {
    expect(() => toMmsName({ ld: 'LD0', ln: 'LLN0', path: ['Mod'] })).toThrow(/needs a functional constraint/);
    expect(() => fromMmsName('LD0', 'LLN0$Mod$stVal')).toThrow(/'Mod' in MMS item .* is not a functional constraint/);
    expect(() => fromMmsName('LD0', 'LLN0$ST$$stVal')).toThrow(/empty data name/);
  });

  it('composes LN names from prefix, class and instance', () => {
    expect(composeLnName('Q0', 'XCBR', '1')).toBe('Q0XCBR1');
    expect(composeLnName('', 'LLN0', '')).toBe('LLN0');
  });
});
