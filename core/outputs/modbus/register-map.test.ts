import { describe, expect, it } from 'vitest';
import { PointConfigSchema, type PointConfig } from '../../contract';
import { compileRegisterMap } from './register-map';
import { modicon, registerRange } from './register-map-layout';

function point(id: string, type: PointConfig['type'], modbus: Record<string, unknown>, ied = 'ied1'): PointConfig {
  return PointConfigSchema.parse({ id, ied, ref: `LD0/GGIO1.${id}.stVal`, fc: 'ST', type, source: 'poll', modbus });
}

describe('compileRegisterMap', () => {
  it('compiles value and companion registers in COMPANION_KINDS order', () => {
    const { map, problems } = compileRegisterMap([
      point('A', 'float32', { area: 'holding', address: 10, type: 'float32', companions: { status: { area: 'holding', address: 12 }, quality: { area: 'input', address: 0 } } }),
      PointConfigSchema.parse({ id: 'U', ied: 'ied1', ref: 'LD0/GGIO1.U.stVal', fc: 'ST', type: 'boolean', source: 'poll' }),
    ]);
    expect(problems).toEqual([]);
    expect(map.points).toHaveLength(1);
    const a = map.byKey.get('ied1/A');
    expect(a?.length).toBe(2);
    expect(a?.companions).toEqual([
      { kind: 'quality', area: 'input', address: 0, length: 1 },
      { kind: 'status', area: 'holding', address: 12, length: 1 },
    ]);
  });

  it.each([
    {
      name: 'a float64 in a coil',
      points: [point('A', 'float64', { area: 'coil', address: 0, type: 'float64' })],
      code: 'type',
      message: 'ied1/A: a float64 value cannot go in coils: coils and discrete inputs hold bool only',
    },
    {
      name: 'a string',
      points: [point('A', 'visiblestring', { area: 'holding', address: 0, type: 'uint16' })],
      code: 'type',
      message: 'ied1/A: IEC type visiblestring has no Modbus form (map a number, boolean, dbpos or enum leaf)',
    },
    {
      name: 'a dbpos as float32',
      points: [point('A', 'dbpos', { area: 'input', address: 0, type: 'float32' })],
      code: 'type',
      message: 'ied1/A: IEC type dbpos cannot be carried as float32 (use dbpos, uint16, int16)',
    },
    {
      name: 'scaling on an enum',
      points: [point('A', 'enum', { area: 'input', address: 0, type: 'enum', gain: 2 })],
      code: 'scaling',
      message: 'ied1/A: gain 2 and offset 0 apply to numbers only, not to enum registers',
    },
    {
      name: 'a float32 at the last register',
      points: [point('A', 'float32', { area: 'holding', address: 65535, type: 'float32' })],
      code: 'out-of-range',
      message: 'ied1/A value (float32) at holding 65535-65536 (465536-…) runs past the last address 65535',
    },
    {
      name: 'a timestamp companion past the end',
      points: [point('A', 'int32', { area: 'holding', address: 0, type: 'int32', companions: { timestamp: { area: 'input', address: 65534 } } })],
      code: 'out-of-range',
      message: 'ied1/A timestamp companion at input 65534-65536 (365535-…) runs past the last address 65535',
    },
    {
      name: 'a float64 span over an int16',
      points: [
        point('A', 'float64', { area: 'holding', address: 100, type: 'float64' }),
        point('B', 'int16', { area: 'holding', address: 103, type: 'int16' }, 'ied2'),
      ],
      code: 'overlap',
      message: 'holding 103 (40104): ied2/B value (int16) at holding 103 (40104) overlaps ied1/A value (float64) at holding 100-103 (40101-40104)',
    },
    {
      name: 'a status companion inside another value',
      points: [
        point('A', 'float32', { area: 'holding', address: 0, type: 'float32' }),
        point('B', 'boolean', { area: 'discrete', address: 0, type: 'bool', companions: { status: { area: 'holding', address: 1 } } }),
      ],
      code: 'overlap',
      message: 'holding 1 (40002): ied1/B status companion at holding 1 (40002) overlaps ied1/A value (float32) at holding 0-1 (40001-40002)',
    },
    {
      name: 'two bits on one coil',
      points: [point('A', 'boolean', { area: 'coil', address: 5, type: 'bool' }), point('B', 'boolean', { area: 'coil', address: 5, type: 'bool' })],
      code: 'overlap',
      message: 'coil 5 (00006): ied1/B value (bool) at coil 5 (00006) overlaps ied1/A value (bool) at coil 5 (00006)',
    },
    {
      name: "a point's own companion on its value",
      points: [point('A', 'float32', { area: 'holding', address: 0, type: 'float32', companions: { sequence: { area: 'holding', address: 1 } } })],
      code: 'overlap',
      message: 'holding 1 (40002): ied1/A sequence companion at holding 1 (40002) overlaps ied1/A value (float32) at holding 0-1 (40001-40002)',
    },
    {
      name: 'two points with one id',
      points: [point('A', 'boolean', { area: 'coil', address: 1, type: 'bool' }), point('A', 'boolean', { area: 'coil', address: 2, type: 'bool' })],
      code: 'duplicate',
      message: 'two points are named ied1/A (points[0] and points[1])',
    },
  ])('refuses $name', ({ points, code, message }) => {
    const { problems } = compileRegisterMap(points);
    expect(problems.map((p) => [p.code, p.message])).toEqual([[code, message]]);
  });

  it('names every point that collides, and the shared registers of a partial overlap', () => {
    const { problems } = compileRegisterMap([
      point('A', 'float64', { area: 'input', address: 10, type: 'float64' }),
      point('B', 'float32', { area: 'input', address: 12, type: 'float32' }),
      point('C', 'int16', { area: 'input', address: 13, type: 'int16' }),
      point('D', 'int16', { area: 'holding', address: 13, type: 'int16' }),
    ]);
    expect(problems.map((p) => p.points)).toEqual([
      ['ied1/B', 'ied1/A'],
      ['ied1/C', 'ied1/A'],
    ]);
    expect(problems[0]?.message.startsWith('input 12-13 (30013-30014): ')).toBe(true);
  });

  it('accepts registers that touch but do not overlap, in every area', () => {
    const { problems } = compileRegisterMap([
      point('A', 'float64', { area: 'input', address: 0, type: 'float64', companions: { timestamp: { area: 'input', address: 4 } } }),
      point('B', 'int32', { area: 'input', address: 7, type: 'int32' }),
      point('C', 'boolean', { area: 'coil', address: 0, type: 'bool' }),
      point('D', 'boolean', { area: 'discrete', address: 0, type: 'bool', companions: { status: { area: 'holding', address: 65535 } } }),
    ]);
    expect(problems).toEqual([]);
  });
});

describe('modicon', () => {
  it.each([
    ['coil', 0, '00001'],
    ['discrete', 99, '10100'],
    ['input', 9998, '39999'],
    ['input', 9999, '310000'],
    ['holding', 65535, '465536'],
  ] as const)('%s %d → %s', (area, address, text) => expect(modicon(area, address)).toBe(text));

  it('names ranges with both forms', () => {
    expect(registerRange('holding', 100, 2)).toBe('holding 100-101 (40101-40102)');
  });
});
