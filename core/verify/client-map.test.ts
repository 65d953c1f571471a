import { describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '../contract';
import { compileRegisterMap, mapCsv } from '../outputs';
import { clientMapFromCsv } from './client-map';

const project: Project = ProjectSchema.parse({
  schemaVersion: 1,
  name: 'p',
  ieds: [{ id: 'I', host: '127.0.0.1' }],
  points: [
    {
      id: 'W',
      ied: 'I',
      ref: 'LD/MMXU1.TotW.mag.f',
      fc: 'MX',
      type: 'float32',
      source: 'poll',
      modbus: { area: 'holding', address: 0, type: 'float32', wordOrder: 'CDAB', gain: 0.001, companions: { status: { area: 'holding', address: 2 }, timestamp: { area: 'holding', address: 3 } } },
    },
    { id: 'T', ied: 'I', ref: 'LD/PTRC1.Tr.general', fc: 'ST', type: 'boolean', source: 'poll', modbus: { area: 'discrete', address: 4, type: 'bool' } },
    { id: 'U', ied: 'I', ref: 'LD/GGIO1.Ind1.stVal', fc: 'ST', type: 'boolean', source: 'poll' },
  ],
});

describe('clientMapFromCsv', () => {
  it('reads back what modbus-map --csv writes: places, types, word orders, scaling and companions', () => {
    const own = compileRegisterMap(project.points).map;
    const read = clientMapFromCsv(mapCsv(own), 'hmi.csv', project);
    expect(read.points.map((p) => [p.key, p.modbus, p.companions])).toEqual(own.points.map((p) => [p.key, p.modbus, p.companions]));
  });

  it('refuses a map naming a point the project lacks, a bad area, or a companion before its value, naming the line', () => {
    const header = 'ied,point,ref,fc,area,address,modicon,type,wordOrder,gain,offset';
    expect(() => clientMapFromCsv(`${header}\nI,X,LD/A.b,ST,holding,0,40001,int16,,1,0`, 'hmi.csv', project)).toThrow('hmi.csv: line 2: the project has no point I/X');
    expect(() => clientMapFromCsv(`${header}\nI,T,LD/A.b,ST,register,4,,bool,,1,0`, 'hmi.csv', project)).toThrow("line 2: area 'register' is not coil, discrete, input or holding");
    expect(() => clientMapFromCsv(`${header}\nI,W,,,holding,2,,status,,,`, 'hmi.csv', project)).toThrow('line 2: the status companion of I/W comes before its value row');
    expect(() => clientMapFromCsv('ied,point,address\nI,W,0', 'hmi.csv', project)).toThrow('hmi.csv: the header has no area, type column');
  });

  it('refuses a client map whose own registers overlap', () => {
    const header = 'ied,point,area,address,type';
    expect(() => clientMapFromCsv(`${header}\nI,W,holding,0,float32\nI,T,holding,1,int16`, 'hmi.csv', project)).toThrow(/overlaps/);
  });
});
