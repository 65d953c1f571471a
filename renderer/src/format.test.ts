import { describe, expect, it } from 'vitest';
import { counted, filterWords, formatDateTime, formatLogTime, formatUptime, hasEveryWord, isAnalogType } from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0:00:00'],
    [999, '0:00:00'],
    [7_000, '0:00:07'],
    [65_000, '0:01:05'],
    [5 * 3600_000 + 3 * 60_000 + 9_000, '5:03:09'],
    [86_400_000 - 1, '23:59:59'],
    [2 * 86_400_000 + 3600_000, '2 d 01:00:00'],
    [-5, '0:00:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatUptime(ms)).toBe(text);
  });
});

describe('formatLogTime', () => {
  it('shows local wall-clock time with milliseconds', () => {
    const date = new Date(2026, 0, 2, 14, 3, 7, 25);
    expect(formatLogTime(date.toISOString())).toBe('14:03:07.025');
  });

  it('returns what it cannot parse unchanged', () => {
    expect(formatLogTime('yesterday')).toBe('yesterday');
  });
});

describe('formatDateTime', () => {
  it('shows local date and time as YYYY-MM-DD HH:MM:SS', () => {
    expect(formatDateTime(new Date(2026, 0, 2, 4, 3, 7).toISOString())).toBe('2026-01-02 04:03:07');
  });

  it('returns what it cannot parse unchanged', () => {
    expect(formatDateTime('')).toBe('');
  });
});

describe('counted', () => {
  it('says the noun in the singular for one only', () => {
    expect([0, 1, 2].map((n) => counted(n, 'IED'))).toEqual(['0 IEDs', '1 IED', '2 IEDs']);
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
    expect(counted(3, 'entry', 'entries')).toBe('3 entries');
  });
});

describe('filter words', () => {
  it('matches a text holding every word, in any case and order', () => {
    const words = filterWords('  MMXU1   totw ');
    expect(words).toEqual(['mmxu1', 'totw']);
    expect(hasEveryWord('FDR1/p3 FDR1MEAS/MMXU1.TotW.mag.f', words)).toBe(true);
    expect(hasEveryWord('FDR1/p4 FDR1MEAS/MMXU1.TotVAr.mag.f', words)).toBe(false);
    expect(hasEveryWord('anything', filterWords(''))).toBe(true);
  });

  it('knows the analog types', () => {
    expect(['int8', 'uint32', 'float64'].every(isAnalogType)).toBe(true);
    expect(['boolean', 'dbpos', 'enum', 'timestamp'].some(isAnalogType)).toBe(false);
  });
});
