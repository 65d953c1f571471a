import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MmsValue } from '../mms';
import type { Report, ReportEntry } from './report';
import { ReportAssembler, valueOctets, type ReassemblyDrop, type ReassemblyLimits } from './report-segments';

const float = (value: number): MmsValue => ({ type: 'float', value, width: 32 });

/** One segment of report `rptId` #seqNum, carrying members `indexes` of a data set of `size`. */
function segment(
  rptId: string,
  seqNum: number,
  subSeqNum: number,
  more: boolean,
  indexes: readonly number[],
  value: MmsValue = float(1),
  size = 1000,
): Report {
  const entries: ReportEntry[] = indexes.map((index) => ({ index, value }));
  return {
    rptId,
    optFlds: ['seqNum', 'segmentation'],
    seqNum,
    subSeqNum,
    moreSegmentsFollow: more,
    dataSetSize: size,
    entries,
  };
}

function assembler(limits: Partial<ReassemblyLimits> = {}): { a: ReportAssembler; drops: ReassemblyDrop[] } {
  const drops: ReassemblyDrop[] = [];
  return { a: new ReportAssembler({ limits, onDrop: (d) => drops.push(d) }), drops };
}

describe('ReportAssembler limits', () => {
  it('joins segments in order without copying, and sorts the entries by member', () => {
    const { a } = assembler();
    expect(a.push(segment('R', 1, 0, true, [4, 5]))).toBeUndefined();
    expect(a.held.entries).toBe(2);
    const whole = a.push(segment('R', 1, 1, false, [0, 1]));
    expect(whole?.entries.map((e) => e.index)).toEqual([0, 1, 4, 5]);
    expect(a.counters).toEqual({ completed: 1, dropped: 0, limited: 0, ignored: 0 });
    expect(a.inProgress).toBe(0);
  });

  it('ends a report at a segment that brings no new member, naming it, and ignores the rest of it', () => {
    const { a, drops } = assembler();
    a.push(segment('R', 7, 0, true, [0, 1]));
    expect(a.push(segment('R', 7, 1, true, [1, 0]))).toBeUndefined();
    expect(a.push(segment('R', 7, 2, true, [2]))).toBeUndefined(); // the rest of #7: ignored, not said again
    expect(a.push(segment('R', 7, 3, false, [3]))).toBeUndefined();
    expect(drops.map((d) => d.reason)).toEqual(['no-progress']);
    expect(drops[0]?.message).toBe(
      'segmented report R #7 dropped after 2 segments: segment 1 brought only 2 member(s) already in the report',
    );
    a.push(segment('R', 8, 0, true, []));
    expect(drops[1]?.message).toBe(
      'segmented report R #8 dropped after 1 segment: segment 0 brought no member',
    );
    expect(a.push(segment('R', 9, 0, false, [0]))?.entries).toHaveLength(1); // a new report is heard again
    expect(a.counters).toEqual({ completed: 1, dropped: 2, limited: 2, ignored: 2 });
    expect(a.inProgress).toBe(0);
  });

  it('drops a report past maxSegments, maxEntries or maxBytes with the limit, its value and what was seen', () => {
    const { a, drops } = assembler({ maxSegments: 3, maxEntries: 5, maxBytes: 100 });
    for (let i = 0; i < 4; i++) a.push(segment('S', 1, i, true, [i]));
    expect(drops[0]).toMatchObject({ reason: 'limit', limit: 'maxSegments', max: 3, seen: 4 });
    expect(drops[0]?.message).toBe(
      'segmented report S #1 dropped after 4 segments: 4 segments pass the limit maxSegments (3)',
    );
    a.push(segment('E', 1, 0, true, [0, 1, 2]));
    a.push(segment('E', 1, 1, true, [3, 4, 5]));
    expect(drops[1]).toMatchObject({ reason: 'limit', limit: 'maxEntries', max: 5, seen: 6 });
    const text: MmsValue = { type: 'visible-string', value: 'x'.repeat(60) };
    a.push(segment('B', 1, 0, true, [0], text));
    a.push(segment('B', 1, 1, true, [1], text));
    expect(drops[2]).toMatchObject({ reason: 'limit', limit: 'maxBytes', max: 100, seen: 124 });
    expect(a.inProgress).toBe(0);
    expect(a.counters.limited).toBe(3);
  });

  it('evicts the oldest report in progress past maxInProgress', () => {
    const { a, drops } = assembler({ maxInProgress: 2 });
    for (const id of ['A', 'B', 'C']) a.push(segment(id, 1, 0, true, [0]));
    expect(drops).toMatchObject([{ rptId: 'A', reason: 'evicted' }]);
    expect(a.inProgress).toBe(2);
  });

  it('counts value octets the way they are encoded, near enough', () => {
    expect(valueOctets(float(1))).toBe(10);
    expect(valueOctets({ type: 'structure', members: [float(1), { type: 'boolean', value: true }] })).toBe(
      2 + 10 + 3,
    );
  });

  it('ends an endless report whose every segment adds a member, holding bounded memory', () => {
    const { a, drops } = assembler();
    const heapBefore = process.memoryUsage().heapUsed;
    let sub = 0;
    // A peer that never sets MoreSegmentsFollow false: 100 members per segment, forever.
    while (drops.length === 0 && sub < 1_000_000) {
      a.push(
        segment(
          'F',
          1,
          sub,
          true,
          Array.from({ length: 100 }, (_, k) => sub * 100 + k),
        ),
      );
      sub++;
    }
    expect(drops[0]).toMatchObject({ reason: 'limit', limit: 'maxEntries', seen: 10_000 + 100 });
    expect(sub).toBe(101);
    expect(a.held.entries).toBe(0);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('ReportAssembler on random segment sequences (property)', () => {
  const limits: ReassemblyLimits = { maxSegments: 6, maxEntries: 12, maxBytes: 400, maxInProgress: 3 };
  const arbSegment = fc.record({
    rptId: fc.constantFrom('A', 'B', 'C', 'D'),
    seqNum: fc.integer({ min: 0, max: 3 }),
    subSeqNum: fc.integer({ min: 0, max: 8 }),
    more: fc.boolean(),
    indexes: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 8 }),
    text: fc.nat({ max: 80 }),
  });

  it('always ends every push, holds at most maxInProgress reports within their limits, and completes only valid reports', () => {
    fc.assert(
      fc.property(fc.array(arbSegment, { maxLength: 300 }), (segments) => {
        const { a } = assembler(limits);
        for (const s of segments) {
          const value: MmsValue = { type: 'visible-string', value: 'v'.repeat(s.text) };
          const whole = a.push(segment(s.rptId, s.seqNum, s.subSeqNum, s.more, s.indexes, value));
          expect(a.inProgress).toBeLessThanOrEqual(limits.maxInProgress);
          const held = a.held;
          expect(held.entries).toBeLessThanOrEqual(limits.maxInProgress * limits.maxEntries);
          expect(held.bytes).toBeLessThanOrEqual(limits.maxInProgress * limits.maxBytes);
          if (whole) {
            const indexes = whole.entries.map((e) => e.index);
            expect(new Set(indexes).size).toBe(indexes.length);
            expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
            expect(indexes.length).toBeLessThanOrEqual(limits.maxEntries);
            expect(whole.moreSegmentsFollow).toBe(false);
          }
        }
        const { completed, dropped, limited, ignored } = a.counters;
        expect(limited).toBeLessThanOrEqual(dropped);
        expect(completed + dropped + ignored).toBeLessThanOrEqual(segments.length);
      }),
      { numRuns: 2000 },
    );
  });
});
