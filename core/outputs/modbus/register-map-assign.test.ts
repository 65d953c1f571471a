import { describe, expect, it } from 'vitest';
import { PointConfigSchema, type PointConfig } from '../../contract';
import { compileRegisterMap } from './register-map';
import { autoAssignModbus } from './register-map-assign';

function point(ied: string, id: string, type: PointConfig['type'], modbus?: Record<string, unknown>): PointConfig {
  return PointConfigSchema.parse({ id, ied, ref: `LD0/LN1.${id}.stVal`, fc: 'ST', type, source: 'poll', ...(modbus ? { modbus } : {}) });
}

const IEDS = [{ id: 'relay1' }, { id: 'relay2' }];

/** `area address type [companion@area:address ...]` per point, to read layouts at a glance. */
function layout(points: PointConfig[]): string[] {
  return points.map((p) => {
    if (!p.modbus) return `${p.ied}/${p.id} -`;
    const c = Object.entries(p.modbus.companions).map(([k, v]) => ` ${k}@${v.area}:${v.address}`);
    return `${p.ied}/${p.id} ${p.modbus.area}:${p.modbus.address} ${p.modbus.type}${c.join('')}`;
  });
}

describe('autoAssignModbus', () => {
  it('lays each IED out in its own block per area, with a status companion after each value', () => {
    const r = autoAssignModbus(IEDS, [
      point('relay1', 'Trip', 'boolean'),
      point('relay1', 'Pos', 'dbpos'),
      point('relay1', 'Beh', 'enum'),
      point('relay1', 'TotW', 'float32'),
      point('relay1', 'Start', 'boolean'),
      point('relay2', 'Pos', 'dbpos'),
      point('relay2', 'Cnt', 'int64'),
      point('relay2', 'Ops', 'int32'),
      point('relay2', 'Name', 'visiblestring'),
    ]);
    expect(layout(r.points)).toEqual([
      'relay1/Trip discrete:0 bool status@input:0',
      'relay1/Pos input:1 dbpos status@input:2',
      'relay1/Beh input:3 enum status@input:4',
      'relay1/TotW holding:0 float32 status@holding:2',
      'relay1/Start discrete:1 bool status@input:5',
      'relay2/Pos input:1000 dbpos status@input:1001',
      'relay2/Cnt holding:1000 float64 status@holding:1004',
      'relay2/Ops holding:1005 int32 status@holding:1007',
      'relay2/Name -',
    ]);
    expect(r.skipped).toEqual([{ key: 'relay2/Name', reason: 'IEC type visiblestring has no Modbus form' }]);
    expect(r.problems).toEqual([]);
    expect(compileRegisterMap(r.points).problems).toEqual([]);
  });

  it('places the requested companions in CONVENTIONS order, or none', () => {
    const all = autoAssignModbus(IEDS, [point('relay1', 'TotW', 'float32')], { companions: ['sequence', 'timestamp', 'quality', 'age', 'status'] });
    expect(layout(all.points)).toEqual(['relay1/TotW holding:0 float32 quality@holding:2 status@holding:3 timestamp@holding:4 age@holding:7 sequence@holding:8']);
    const none = autoAssignModbus(IEDS, [point('relay1', 'TotW', 'float32'), point('relay1', 'A', 'float32')], { companions: [] });
    expect(layout(none.points)).toEqual(['relay1/TotW holding:0 float32', 'relay1/A holding:2 float32']);
  });

  it('never moves a mapped point, places new points around it, and is not re-applied', () => {
    const mapped = point('relay1', 'Mine', 'float32', { area: 'holding', address: 1, type: 'float32', wordOrder: 'DCBA' });
    const first = autoAssignModbus(IEDS, [mapped, point('relay1', 'New', 'float32'), point('relay1', 'Small', 'int16')]);
    expect(layout(first.points)).toEqual(['relay1/Mine holding:1 float32', 'relay1/New holding:3 float32 status@holding:5', 'relay1/Small holding:6 int16 status@holding:7']);
    expect(first.points[0]).toBe(mapped);
    const again = autoAssignModbus(IEDS, first.points);
    expect(again.assigned).toEqual([]);
    expect(again.points).toEqual(first.points);
  });

  it('refuses to spill past an IED block and names the IED and area', () => {
    const points = Array.from({ length: 4 }, (_, i) => point('relay1', `P${i}`, 'float32'));
    const r = autoAssignModbus(IEDS, points, { blockSize: 10 });
    expect(r.assigned).toEqual(['relay1/P0', 'relay1/P1', 'relay1/P2']);
    expect(r.problems.map((p) => p.message)).toEqual([
      "relay1/P3: no room left for its holding in IED relay1's block holding 0-9 (40001-40010); map fewer points or companions, or use a larger block",
    ]);
  });

  it('reports a point of an IED the project does not have', () => {
    const r = autoAssignModbus(IEDS, [point('ghost', 'A', 'boolean')]);
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([['unknown-ied', "ghost/A: no IED 'ghost' in the project"]]);
  });
});
