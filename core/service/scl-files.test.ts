import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SclIedSchema, SclOverviewSchema } from '../contract';
import { errorMessage } from '../shared';
import { GatewayService } from './gateway-service';

const FEEDER = resolve(import.meta.dirname, '..', 'scl', 'fixtures', 'feeder-relay.cid');
const dir = mkdtempSync(join(tmpdir(), 'relaygate-scl-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const service = () => new GatewayService({ mode: 'serve', version: '0.0.0-test', statusPeriodMs: 0 });

describe('GatewayService SCL channels', () => {
  it('sclOverview gives every IED with its access points and counts, in the contract shape', async () => {
    const overview = await service().sclOverview({ path: FEEDER });
    expect(SclOverviewSchema.parse(overview)).toEqual(overview);
    expect(overview).toEqual({
      file: 'feeder-relay.cid',
      edition: '2007B4',
      ieds: [{ name: 'FDR1', accessPoints: [{ name: 'S1', ip: '192.168.1.10' }], counts: { logicalDevices: 4, logicalNodes: 15, dataSets: 4, reportControls: 3, reportInstances: 8, leaves: 275 } }],
      warnings: [],
    });
  });

  it('sclIed gives one IED in full: its model with each type once, data sets, RCBs, points naming RCBs by id', async () => {
    const ied = await service().sclIed({ path: FEEDER, ied: 'FDR1' });
    expect(SclIedSchema.parse(ied)).toEqual(ied);
    expect(ied.overview.name).toBe('FDR1');
    expect(ied.model.logicalDevices.map((ld) => `${ld.name}: ${ld.logicalNodes.map((ln) => ln.name).join(' ')}`)).toEqual([
      'FDR1LD0: LLN0 LPHD1 GGIO1',
      'FDR1PROT: LLN0 PTOC1 PTOC2 PDIS1 PTRC1',
      'FDR1_Control: LLN0 Q0CSWI1 XCBR1 XSWI1 XSWI2',
      'FDR1MEAS: LLN0 MMXU1',
    ]);
    for (const table of [ied.model.lnTypes, ied.model.doTypes, ied.model.daTypes, ied.model.enumTypes]) {
      expect(new Set(table.map((t) => t.id)).size).toBe(table.length);
    }
    // Every type a node names is listed (or the node says it is not resolved).
    const ids = new Set([...ied.model.doTypes, ...ied.model.daTypes, ...ied.model.enumTypes].map((t) => t.id));
    const children = [...ied.model.lnTypes.flatMap((t) => t.dataObjects), ...ied.model.doTypes.flatMap((t) => t.children), ...ied.model.daTypes.flatMap((t) => t.children)];
    for (const c of children) if (c.typeId !== null && c.resolved) expect(ids.has(c.typeId), `${c.kind} ${c.name} ${c.typeId}`).toBe(true);
    expect(ied.dataSets.map((d) => [d.ref, d.members.length])).toEqual([
      ['FDR1LD0/LLN0.dsStatus', 6],
      ['FDR1LD0/LLN0.dsProt', 3],
      ['FDR1LD0/LLN0.dsMeas', 3],
      ['FDR1LD0/LLN0.dsGoose', 2],
    ]);
    expect(ied.dataSets[1]?.members[2]).toEqual({ ref: 'FDR1PROT/PDIS1.Op[MX]', fc: 'MX', resolved: false, problem: 'Op has no data attribute with FC MX' });
    expect(ied.points).toHaveLength(46);
    expect((await service().sclIed({ path: FEEDER, ied: 'FDR1', tiers: ['essential'] })).points.map((p) => p.tier)).toEqual(Array(25).fill('essential'));
    const rcbs = new Set(ied.reportControls.map((r) => r.id));
    for (const p of ied.points) for (const d of p.coverage.dataSets) for (const r of d.reportControls) expect(rcbs.has(r.id)).toBe(true);
    expect(ied.warnings.map((w) => w.code)).toEqual(['unresolved-member']);
  });

  it('takes the text itself, and names the IEDs when asked for one that is not there', async () => {
    const s = service();
    const content = readFileSync(FEEDER, 'utf8');
    expect((await s.sclOverview({ content, fileName: 'upload.cid' })).file).toBe('upload.cid');
    expect((await s.sclIed({ content, fileName: 'upload.cid', ied: 'FDR1' })).points).toHaveLength(46);
    await expect(s.sclIed({ content, fileName: 'upload.cid', ied: 'BAY9' })).rejects.toThrow("no IED named 'BAY9' in upload.cid; it has FDR1");
  });

  it('opens a path again when the file changed, and refuses a broken one with file, line and column', async () => {
    const s = service();
    const path = join(dir, 'station.cid');
    copyFileSync(FEEDER, path);
    expect((await s.sclOverview({ path })).ieds.map((i) => i.name)).toEqual(['FDR1']);
    writeFileSync(path, readFileSync(FEEDER, 'utf8').replace('name="FDR1"', 'name="FDR2"'));
    expect((await s.sclOverview({ path })).ieds.map((i) => i.name)).toEqual(['FDR2']);
    writeFileSync(path, '<SCL xmlns="http://www.iec.ch/61850/2003/SCL">\n<IED name="A">\n</SCL>\n');
    // The bindings send errorMessage(err): for an SclError its line with file, line and column.
    const broken = await s.sclOverview({ path }).catch((err: unknown) => errorMessage(err));
    expect(broken).toBe('scl/syntax: station.cid:3:1: not well-formed XML: expected </IED> but found </SCL>');
    await expect(s.sclOverview({ path: join(dir, 'absent.scd') })).rejects.toThrow(/ENOENT/);
  });
});
