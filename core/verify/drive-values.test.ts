import { describe, expect, it } from 'vitest';
import { scaleValue, type ScaleSpec } from '../outputs';
import { driveValue, type DriveInput, type Driven } from './drive-values';

const input = (over: Partial<DriveInput>): DriveInput => ({ type: 'float32', doName: 'TotW', enumOrdinals: [], scales: [], index: 0, step: 0, previous: null, ...over });
const value = (d: DriveInput): Driven => {
  const r = driveValue(d);
  if ('notDriven' in r) throw new Error(r.notDriven);
  return r.value;
};
const spec = (over: Partial<ScaleSpec>): ScaleSpec => ({ type: 'float32', wordOrder: 'ABCD', gain: 1, offset: 0, ...over });

describe('driveValue: what the check drives at the source', () => {
  it('gives every point and step its own number, different from what the source held', () => {
    const seen = new Set<Driven>();
    for (let index = 0; index < 50; index++) {
      let previous: Driven | null = 100.25;
      for (let step = 0; step < 3; step++) {
        const v = value(input({ index, step, previous, scales: [spec({})] }));
        expect(v).not.toBe(previous);
        expect(seen.has(v)).toBe(false);
        seen.add(v);
        previous = v;
      }
    }
  });

  it('keeps the raw register value inside the Modbus type and the IEC type, through gain and offset', () => {
    const s = spec({ type: 'int16', gain: 10, offset: 5 });
    for (let index = 0; index < 400; index += 37) {
      const v = value(input({ type: 'int8', index, scales: [s] })) as number;
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(-128);
      expect(v).toBeLessThanOrEqual(127);
      expect(scaleValue(s, v).overflow).toBe(false);
    }
    const big = value(input({ type: 'uint32', index: 3, scales: [spec({ type: 'uint16', gain: 0.001 })] })) as number;
    expect(scaleValue(spec({ type: 'uint16', gain: 0.001 }), big)).toEqual({ raw: 131, overflow: false });
    expect(big).toBe(131000);
  });

  it('flips booleans, cycles Dbpos and enums, and never puts a Beh point in test', () => {
    expect(value(input({ type: 'boolean', previous: true }))).toBe(false);
    expect(value(input({ type: 'dbpos', previous: 1 }))).not.toBe(1);
    const behs = new Set<Driven>();
    for (let step = 0; step < 3; step++)
      for (let index = 0; index < 10; index++) behs.add(value(input({ type: 'enum', doName: 'Beh', enumOrdinals: [1, 2, 3, 4, 5], index, step, previous: 1 })));
    expect([...behs].sort()).toEqual([2, 5]);
    expect(value(input({ type: 'enum', doName: 'Mod', enumOrdinals: [1, 2, 3, 4, 5], index: 2, step: 0, previous: 1 }))).toBe(3);
    expect(value(input({ type: 'visiblestring', index: 4, step: 1 }))).toBe('rg4b');
  });

  it('says why a type cannot be driven', () => {
    expect(driveValue(input({ type: 'struct' }))).toEqual({ notDriven: expect.stringContaining('a struct point has no value to drive') });
  });
});
