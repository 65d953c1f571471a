import { describe, expect, it } from 'vitest';
import { DiagnosticsLog } from './diagnostics-log';

describe('DiagnosticsLog', () => {
  const fixed = () => new Date('2026-01-01T00:00:00.000Z');

  it('keeps the newest entries up to capacity and counts the drops', () => {
    const log = new DiagnosticsLog(3, fixed);
    for (let i = 1; i <= 5; i++) log.add('info', 'test', `m${i}`);
    const page = log.query({});
    expect(page.entries.map((e) => e.message)).toEqual(['m3', 'm4', 'm5']);
    expect(page.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(page).toMatchObject({ capacity: 3, dropped: 2 });
    expect(page.entries[0]?.time).toBe('2026-01-01T00:00:00.000Z');
  });

  it('filters by afterSeq, level and limit', () => {
    const log = new DiagnosticsLog(10, fixed);
    log.add('debug', 's', 'a');
    log.add('warn', 's', 'b');
    log.add('info', 's', 'c');
    log.add('error', 's', 'd');
    expect(log.query({ minLevel: 'warn' }).entries.map((e) => e.message)).toEqual(['b', 'd']);
    expect(log.query({ afterSeq: 2 }).entries.map((e) => e.message)).toEqual(['c', 'd']);
    expect(log.query({ limit: 1 }).entries.map((e) => e.message)).toEqual(['d']);
  });

  it('truncates runaway messages', () => {
    const log = new DiagnosticsLog(2, fixed);
    const entry = log.add('info', 's', 'x'.repeat(10_000));
    expect(entry.message.length).toBe(2001);
    expect(entry.message.endsWith('…')).toBe(true);
  });
});
