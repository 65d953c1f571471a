import { describe, expect, it } from 'vitest';
import { byRegister, exceptionSummary, filterRows, inLastRead, type MapRow } from './map-rows';

const row = (point: string, area: string, address: number, type = 'float32'): MapRow => ({ ied: 'FDR1', point, ref: `LD/${point}`, fc: 'MX', area, address: String(address), modicon: '', type });

describe('the Modbus map rows', () => {
  const rows = [row('b', 'holding', 10), row('a', 'holding', 2), row('c', 'discrete', 5, 'boolean'), row('d', 'input', 0, 'dbpos'), row('e', 'coil', 9, 'boolean')];

  it('orders by area (coils, discrete, input, holding), then by address as a number', () => {
    expect(byRegister(rows).map((r) => r.point)).toEqual(['e', 'c', 'd', 'a', 'b']);
    expect(byRegister([row('x', 'holding', 100), row('y', 'holding', 20)]).map((r) => r.point)).toEqual(['y', 'x']);
  });

  it('filters by every word, over point, area, type and address', () => {
    expect(filterRows(rows, 'holding 10').map((r) => r.point)).toEqual(['b']);
    expect(filterRows(rows, 'BOOLEAN').map((r) => r.point)).toEqual(['c', 'e']);
    expect(filterRows(rows, '  ')).toBe(rows);
  });

  it('marks the rows inside a client’s last range read, in its area only', () => {
    const last = { fc: 3, area: 'holding' as const, address: 2, count: 8, range: 'holding 2-9', at: 0 };
    expect(inLastRead(row('a', 'holding', 2), last)).toBe(true);
    expect(inLastRead(row('a', 'holding', 9), last)).toBe(true);
    expect(inLastRead(row('a', 'holding', 10), last)).toBe(false);
    expect(inLastRead(row('a', 'input', 2), last)).toBe(false);
    expect(inLastRead(row('a', 'holding', 2), null)).toBe(false);
  });

  it('names exception codes in hex with their counts', () => {
    expect(exceptionSummary({ exceptions: 0, exceptionsByCode: {} })).toBe('0');
    expect(exceptionSummary({ exceptions: 4, exceptionsByCode: { '11': 1, '2': 3 } })).toBe('4 (02 × 3, 0B × 1)');
  });
});
