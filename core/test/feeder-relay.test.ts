import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverModel, isoStackFor, openIed, type IedSession } from '../client';
import { fcdParts, toTypedValue } from '../iec61850';
import { iedCounts, importScl } from '../scl';
import { Simulator, bundledModelPath } from '../sim';
import { readFileSync } from 'node:fs';

/*
 * The feeder relay the project ships (assets/models/feeder-relay.cid), served by the simulator: the
 * model `relaygate demo`, the runtime tests and the UI use.
 */

let sim: Simulator;
let session: IedSession;
beforeAll(async () => {
  sim = await Simulator.start({ scl: bundledModelPath() });
  session = await openIed({ host: '127.0.0.1', port: sim.port }, isoStackFor);
});
afterAll(async () => {
  await session.close();
  await sim.stop();
});

describe('the shipped feeder relay', () => {
  it('serves every LD, leaf, data set and RCB instance of its SCL, with no warning', async () => {
    const doc = importScl(new Uint8Array(readFileSync(bundledModelPath())), { fileName: 'feeder-relay.cid' });
    expect(doc.warnings).toEqual([]);
    expect(sim.warnings).toEqual([]);
    const counts = iedCounts(doc.ieds[0]!);
    const model = await discoverModel(session.client);
    expect(model.warnings).toEqual([]);
    expect(model.logicalDevices).toEqual(['FDR1CTRL', 'FDR1LD0', 'FDR1MEAS', 'FDR1PROT']);
    // Besides the SCL's leaves: the setting group control block and the SE copy of every SG setting.
    const sgcb = model.leaves.filter((l) => l.ref.startsWith('FDR1PROT/LLN0.SGCB.'));
    const se = model.leaves.filter((l) => l.fc === 'SE');
    expect(sgcb.map((l) => l.ref.split('.').pop())).toEqual(['NumOfSG', 'ActSG', 'EditSG', 'CnfEdit', 'LActTm']);
    expect(se.map((l) => l.ref)).toEqual(model.leaves.filter((l) => l.fc === 'SG').map((l) => l.ref));
    expect(model.leaves.length - sgcb.length - se.length).toBe(counts.leaves);
    expect(model.dataSets.map((d) => [d.ref, d.members.length])).toEqual([
      ['FDR1LD0/LLN0.dsStatus', 9],
      ['FDR1LD0/LLN0.dsProt', 11],
      ['FDR1LD0/LLN0.dsMeas', 9],
      ['FDR1LD0/LLN0.dsSystem', 7],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(model.reportControls).toHaveLength(counts.reportInstances);
    const byKind = (buffered: boolean) => model.reportControls.filter((r) => r.buffered === buffered).length;
    expect([byKind(true), byKind(false)]).toEqual([8, 7]);
  });

  it('starts with realistic values: breaker closed, earthing switch open, feeder load, controls by SBO', async () => {
    const items = await session.client.read([
      'FDR1CTRL/Q0XCBR1.Pos[ST]',
      'FDR1CTRL/Q8XSWI1.Pos.stVal[ST]',
      'FDR1MEAS/MMXU1.A.phsA.cVal.mag.f[MX]',
      'FDR1MEAS/MMXU1.Hz.mag.f[MX]',
      'FDR1CTRL/Q0CSWI1.Pos.ctlModel[CF]',
      'FDR1CTRL/Q8CSWI1.Pos.ctlModel[CF]',
      'FDR1PROT/PTOC1.StrVal.setMag.f[SG]',
    ]);
    const values = items.map((i) => (i.result.ok ? i.result.value : undefined));
    const members = ['origin', 'ctlNum', 'stVal', 'q', 't', 'stSeld'].map((name) => ({ name }));
    const pos = fcdParts(toTypedValue(values[0]!, { kind: 'struct', members }));
    expect(pos.value).toMatchObject({ type: 'dbpos', value: 'closed' });
    expect(pos.quality).toMatchObject({ validity: 'good' });
    expect(values.slice(1)).toEqual([
      { type: 'bit-string', bitLength: 2, bytes: Uint8Array.of(0x40) },
      { type: 'float', value: Math.fround(196.4), width: 32 },
      { type: 'float', value: 50, width: 32 },
      { type: 'integer', value: 4 },
      { type: 'integer', value: 3 },
      { type: 'float', value: 480, width: 32 },
    ]);
  });
});
