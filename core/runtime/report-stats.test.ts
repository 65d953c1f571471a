import { describe, expect, it } from 'vitest';
import { ReportStats } from './report-stats';

const entry = (n: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
};

describe('ReportStats', () => {
  it('counts SqNum gaps but not wraps or repeats (segments share a SqNum)', () => {
    const s = new ReportStats(false);
    expect(s.observe(254, undefined, undefined)).toEqual([]);
    expect(s.observe(255, undefined, undefined)).toEqual([]);
    expect(s.observe(0, undefined, undefined)).toEqual([]);
    expect(s.observe(0, undefined, undefined)).toEqual([]);
    expect(s.observe(3, undefined, undefined)).toEqual(['SqNum jumped from 0 to 3: reports were lost']);
    expect(s).toMatchObject({ reports: 5, sqNumGaps: 1 });
    s.restart();
    expect(s.observe(9, undefined, undefined)).toEqual([]);
    expect(s.sqNumGaps).toBe(1);
  });

  it('counts EntryID gaps once the IED has counted by one, and each overflow once', () => {
    const s = new ReportStats(true);
    expect(s.observe(undefined, entry(10), false)).toEqual([]);
    expect(s.observe(undefined, entry(20), false)).toEqual([]);
    expect(s.observe(undefined, entry(21), false)).toEqual([]);
    expect(s.observe(undefined, entry(25), true)).toEqual([
      'EntryID jumped by 4: buffered entries were lost',
      'the IED reports a buffer overflow (BufOvfl): entries were lost while nobody read them',
    ]);
    expect(s.observe(undefined, entry(26), true)).toEqual([]);
    expect(s.observe(undefined, entry(27), false)).toEqual([]);
    expect(s.observe(undefined, entry(28), true)).toHaveLength(1);
    expect(s).toMatchObject({ entryIdGaps: 1, bufferOverflows: 2 });
  });
});
