import { describe, expect, it } from 'vitest';
import { PointConfigSchema } from '../../contract';
import { compileRegisterMap } from './register-map';
import { mapCsv, mapTable } from './register-map-csv';

const { map } = compileRegisterMap([
  PointConfigSchema.parse({
    id: 'TotW',
    ied: 'relay1',
    ref: 'LD0/MMXU1.TotW.mag.f',
    fc: 'MX',
    type: 'float32',
    source: 'report',
    modbus: {
      area: 'holding',
      address: 0,
      type: 'float32',
      wordOrder: 'CDAB',
      gain: 0.001,
      companions: { status: { area: 'holding', address: 2 }, timestamp: { area: 'holding', address: 3 } },
    },
  }),
  PointConfigSchema.parse({
    id: 'Pos',
    ied: 'relay1',
    ref: 'LD0/XCBR1.Pos,odd.stVal',
    fc: 'ST',
    type: 'dbpos',
    source: 'poll',
    modbus: { area: 'input', address: 9999, type: 'dbpos' },
  }),
  PointConfigSchema.parse({ id: 'Trip', ied: 'relay1', ref: 'LD0/PTRC1.Tr.general', fc: 'ST', type: 'boolean', source: 'poll', modbus: { area: 'coil', address: 3, type: 'bool' } }),
]);

describe('map export', () => {
  it('writes the CONVENTIONS columns, a row per companion, and quotes odd fields', () => {
    expect(mapCsv(map).split('\n')).toEqual([
      'ied,point,ref,fc,area,address,modicon,type,wordOrder,gain,offset',
      'relay1,TotW,LD0/MMXU1.TotW.mag.f,MX,holding,0,40001,float32,CDAB,0.001,0',
      'relay1,TotW,LD0/MMXU1.TotW.mag.f,MX,holding,2,40003,status,,,',
      'relay1,TotW,LD0/MMXU1.TotW.mag.f,MX,holding,3,40004,timestamp,CDAB,,',
      'relay1,Pos,"LD0/XCBR1.Pos,odd.stVal",ST,input,9999,310000,dbpos,,1,0',
      'relay1,Trip,LD0/PTRC1.Tr.general,ST,coil,3,00004,bool,,1,0',
    ]);
  });

  it('prints an aligned table', () => {
    expect(mapTable(map).split('\n').slice(0, 3)).toEqual([
      'modicon  area     address  type       wordOrder  gain   offset  ied     point  ref                      fc',
      '40001    holding  0        float32    CDAB       0.001  0       relay1  TotW   LD0/MMXU1.TotW.mag.f     MX',
      '40003    holding  2        status                               relay1  TotW   LD0/MMXU1.TotW.mag.f     MX',
    ]);
  });
});
