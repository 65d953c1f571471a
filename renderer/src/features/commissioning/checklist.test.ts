import { describe, expect, it } from 'vitest';
import type { VerifyPoint } from '../../../../core/contract';
import { failuresOf, failureText, latencyText, visibleRows } from './checklist';

const point = (name: string, result: VerifyPoint['result'], failures: VerifyPoint['failures'] = []): VerifyPoint => ({
  ied: 'FDR1',
  point: name,
  ref: 'FDR1MEAS/MMXU1.TotW.mag.f',
  fc: 'MX',
  type: 'float32',
  result,
  modbus: 'holding 0-1 (40001-40002) float32 CDAB',
  mqtt: null,
  checks: 6,
  failures,
  latencyMs: { modbus: [12.4, null, 9], mqtt: [] },
  note: null,
});

describe('checklist rows', () => {
  it('latency per step, a step not seen as a dash, none at all as null', () => {
    expect(latencyText([12.4, null, 9])).toBe('12 · — · 9 ms');
    expect(latencyText([null, null])).toBeNull();
    expect(latencyText([])).toBeNull();
  });

  it('a failure names the step, the item, what was expected and read, and where when asked', () => {
    const f = { step: 'invalid', output: 'modbus', item: 'value', where: 'holding 0-1', expected: '7.5', read: '-2.1e-9' } as const;
    expect(failureText(f)).toBe('invalid · value: expected 7.5, read -2.1e-9');
    expect(failureText(f, true)).toBe('invalid · value: expected 7.5, read -2.1e-9 (holding 0-1)');
  });

  it('splits failures by output and filters to the rows that did not pass', () => {
    const bad = point('b', 'fail', [
      { step: 'good', output: 'modbus', item: 'value', where: 'h', expected: '1', read: '2' },
      { step: 'good', output: 'source', item: 'drive', where: '', expected: 'written', read: 'refused' },
    ]);
    const rows = [point('a', 'pass'), bad, point('c', 'not-run')];
    expect(visibleRows(rows, false).map((p) => p.point)).toEqual(['a', 'b', 'c']);
    expect(visibleRows(rows, true).map((p) => p.point)).toEqual(['b', 'c']);
    const split = failuresOf(bad);
    expect([split.modbus.length, split.mqtt.length, split.source.length]).toEqual([1, 0, 1]);
  });
});
