import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../contract';
import { verifyChecklist } from './checklist';
import { planRequests } from './modbus-reader';

describe('planRequests', () => {
  it('merges touching runs of one area within 125 registers or 2000 bits, and never across a gap', () => {
    expect(
      planRequests([
        { area: 'holding', address: 0, count: 2 },
        { area: 'holding', address: 2, count: 1 },
        { area: 'holding', address: 10, count: 2 },
        { area: 'discrete', address: 0, count: 1 },
        { area: 'discrete', address: 1, count: 1 },
      ]),
    ).toEqual([
      { area: 'holding', address: 0, count: 3 },
      { area: 'holding', address: 10, count: 2 },
      { area: 'discrete', address: 0, count: 2 },
    ]);
    const many = Array.from({ length: 130 }, (_, i) => ({ area: 'input' as const, address: i, count: 1 }));
    expect(planRequests(many)).toEqual([
      { area: 'input', address: 0, count: 125 },
      { area: 'input', address: 125, count: 5 },
    ]);
  });
});

describe('verifyChecklist', () => {
  it('has a row per point, each failure with what was expected and read, and the verdict', () => {
    const report: VerifyReport = {
      project: 'Feeder 7',
      projectPath: null,
      version: '0.1.0',
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 4200,
      map: "the project's map",
      modbus: '127.0.0.1:40123',
      mqtt: null,
      notes: ['MQTT: off in the project, not checked'],
      steps: [{ step: 'good', quality: 'good', durationMs: 900 }],
      ieds: [{ id: 'FDR1', served: true, source: 'SCL relay.cid, IED FDR1', address: '127.0.0.1:40001', problem: null }],
      points: [
        { ied: 'FDR1', point: 'P', ref: 'LD/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32', result: 'pass', modbus: 'holding 0-1 (40001-40002) float32 ABCD', mqtt: null, checks: 6, failures: [], latencyMs: { modbus: [12.5, 30, 8], mqtt: [] }, note: null },
        {
          ied: 'FDR1',
          point: 'Q',
          ref: 'LD/MMXU1.TotVAr.mag.f',
          fc: 'MX',
          type: 'float32',
          result: 'fail',
          modbus: 'holding 3-4 (40004-40005) float32 CDAB',
          mqtt: null,
          checks: 6,
          failures: [{ step: 'good', output: 'modbus', item: 'value', where: 'holding 3-4 (40004-40005) float32 CDAB', expected: '340.25', read: '1.08644099e-19 (0x43AA 0x2000)' }],
          latencyMs: { modbus: [null, null, null], mqtt: [] },
          note: null,
        },
      ],
      summary: { points: 2, passed: 1, failed: 1, notRun: 0 },
      passed: false,
    };
    const text = verifyChecklist(report);
    expect(text).toMatch(/^PASS\s+FDR1\s+P\s+float32\s+holding 0-1 \(40001-40002\) float32 ABCD\s+—\s+30\s+—$/m);
    expect(text).toMatch(/^FAIL\s+FDR1\s+Q\s+.*not seen/m);
    expect(text).toContain('good    modbus value at holding 3-4 (40004-40005) float32 CDAB: expected 340.25, read 1.08644099e-19 (0x43AA 0x2000)');
    expect(text).toContain('IED FDR1: served from SCL relay.cid, IED FDR1 at 127.0.0.1:40001');
    expect(text).toMatch(/2 points: 1 passed, 1 failed, 0 not run in 4\.2 s: FAIL$/);
  });
});
