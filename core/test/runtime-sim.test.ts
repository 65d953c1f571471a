import { afterEach, describe, expect, it } from 'vitest';
import type { PointState, Project } from '../contract';
import { secretResolver } from '../project';
import { Gateway, type RuntimeLogEntry } from '../runtime';
import { Simulator } from '../sim';
import { FEEDER_SCL, feederProject } from './support/feeder-project';
import { waitFor } from './support/wait';

const FAST = { backoff: { minMs: 100, maxMs: 400, jitter: 0.1 }, reportRetryMs: 500, behaviourPeriodMs: 200, tickMs: 50 };

let sims: Simulator[] = [];
let gateways: Gateway[] = [];

afterEach(async () => {
  for (const g of gateways) await g.stop();
  for (const s of sims) await s.stop();
  gateways = [];
  sims = [];
});

async function sim(): Promise<Simulator> {
  const s = await Simulator.start({ scl: FEEDER_SCL });
  sims.push(s);
  return s;
}

async function gateway(project: Project): Promise<{ gw: Gateway; logs: RuntimeLogEntry[] }> {
  const gw = new Gateway(project, { secrets: secretResolver({}), options: FAST });
  gateways.push(gw);
  const logs: RuntimeLogEntry[] = [];
  gw.on('log', (e) => logs.push(e));
  await gw.start();
  return { gw, logs };
}

const point = (gw: Gateway, id: string): PointState => gw.cache.get(`FDR1/${id}`) as PointState;
const allOk = (gw: Gateway): boolean => gw.cache.snapshot().every((p) => p.status === 'ok');

describe('the gateway runtime against the simulated feeder relay over TCP', () => {
  it('polls whole FCDs, takes free BRCB instances, and every point has its value, quality and time', async () => {
    const s = await sim();
    const { gw, logs } = await gateway(feederProject(s.port));
    await waitFor('every point ok, reports active', () => allOk(gw) && point(gw, 'cb_pos').source === 'report' && point(gw, 'i1_op').source === 'report');
    expect(point(gw, 'cb_pos')).toMatchObject({ value: 'closed', numeric: 2, source: 'report', buffered: true, quality: { validity: 'good', raw: 0 } });
    expect(point(gw, 'cb_pos').deviceTime).toMatch(/^20\d\d-/);
    expect(point(gw, 'q1_pos')).toMatchObject({ value: 'closed', source: 'report' });
    expect(point(gw, 'i1_op')).toMatchObject({ value: false, source: 'report' });
    expect(point(gw, 'p_mw')).toMatchObject({ source: 'poll', type: 'float32' });
    expect(point(gw, 'p_mw').value).toBe(s.get('FDR1MEAS/MMXU1.TotW.mag.f[MX]').type === 'float' ? (s.get('FDR1MEAS/MMXU1.TotW.mag.f[MX]') as { value: number }).value : NaN);
    expect(point(gw, 'ld0_mod')).toMatchObject({ value: 'on', numeric: 1 });
    const status = gw.iedStatus('FDR1');
    expect(status).toMatchObject({ state: 'connected', connects: 1, lastError: null, points: { total: 10, ok: 10 } });
    expect(status?.reports.map((r) => [r.id, r.state, r.instance, r.coveredPoints])).toEqual([
      ['status', 'active', 'FDR1LD0/LLN0.brcbStatus01', 3],
      ['prot', 'active', 'FDR1LD0/LLN0.brcbProt01', 2],
    ]);
    expect(status?.behaviour.map((b) => [b.ld, b.mod, b.beh])).toContainEqual(['FDR1LD0', 'on', 'on']);
    expect(status?.pollGroups[0]).toMatchObject({ id: 'default', variables: 5, requests: 1 });
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a change in the simulator reaches the cache by report without waiting for a poll', async () => {
    const s = await sim();
    const { gw } = await gateway(feederProject(s.port, { pollMs: 60_000 }));
    await waitFor('reports active', () => allOk(gw) && gw.iedStatus('FDR1')?.reports.every((r) => r.state === 'active'));
    const seq = point(gw, 'cb_pos').seq;
    const sent = Date.now();
    s.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    await waitFor('the open breaker', () => point(gw, 'cb_pos').value === 'open', 5000, 2);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(point(gw, 'cb_pos')).toMatchObject({ numeric: 1, seq: seq + 1, source: 'report' });
    expect(gw.iedStatus('FDR1')?.time.samples).toBeGreaterThan(0);
  });

  it('an RCB held by another client is polled instead, diagnostics name the holder, and it is taken once free', async () => {
    const s = await sim();
    const project = feederProject(s.port);
    project.ieds[0]!.reports[1]!.rcb = 'FDR1LD0/LLN0.brcbProt01';
    const first = await gateway(project);
    await waitFor('first gateway owns brcbProt01', () => first.gw.iedStatus('FDR1')?.reports[1]?.state === 'active');
    const second = await gateway(project);
    await waitFor('second gateway falls back', () => second.gw.iedStatus('FDR1')?.reports[1]?.state === 'polling');
    const report = second.gw.iedStatus('FDR1')?.reports[1];
    expect(report?.reason).toMatch(/^RCB FDR1LD0\/LLN0\.brcbProt01 is held by another client: FDR1LD0\/LLN0\.brcbProt01 enabled/);
    expect(report?.holder === null || report?.holder === '127.0.0.1').toBe(true);
    expect(second.logs.some((l) => l.level === 'warn' && l.message.includes('brcbProt01 is held by another client') && l.message.includes('polled instead'))).toBe(true);
    await waitFor('polled values', () => point(second.gw, 'i1_op').status === 'ok' && point(second.gw, 'i1_op').source === 'poll');
    s.set('FDR1PROT/PTOC1.Op[ST]', { value: true });
    await waitFor('the first gateway by report', () => point(first.gw, 'i1_op').value === true);
    await waitFor('the second gateway by poll', () => point(second.gw, 'i1_op').value === true);
    expect(point(second.gw, 'i1_op').source).toBe('poll');
    await first.gw.stop();
    await waitFor('the second gateway takes the released RCB', () => second.gw.iedStatus('FDR1')?.reports[1]?.state === 'active', 10_000);
    expect(second.gw.iedStatus('FDR1')?.reports[1]).toMatchObject({ instance: 'FDR1LD0/LLN0.brcbProt01', reason: null, holder: null });
  });

  it('flags the points of an LD in test when its behaviour is test', async () => {
    const s = await sim();
    const { gw } = await gateway(feederProject(s.port));
    await waitFor('every point ok', () => allOk(gw));
    expect(point(gw, 'i1_op').test).toBe(false);
    s.setMode('FDR1PROT', 'test');
    await waitFor('test flag', () => point(gw, 'i1_op').test && point(gw, 'trip').test);
    expect(point(gw, 'cb_pos').test).toBe(false);
    await waitFor('behaviour read', () => gw.iedStatus('FDR1')?.behaviour.find((b) => b.ld === 'FDR1PROT')?.beh === 'test');
    expect(gw.iedStatus('FDR1')?.behaviour).toContainEqual({ ld: 'FDR1PROT', mod: 'test', beh: 'test' });
    s.setMode('FDR1PROT', 'on');
    await waitFor('test flag gone', () => !point(gw, 'i1_op').test && !point(gw, 'trip').test);
  });

  it('goes disconnected once when the IED drops, reconnects with backoff, and re-enables the same instances', async () => {
    const s = await sim();
    const { gw } = await gateway(feederProject(s.port));
    await waitFor('every point ok', () => allOk(gw) && gw.iedStatus('FDR1')?.reports.every((r) => r.state === 'active'));
    const disconnects: string[] = [];
    gw.on('batch', (b) => b.changes.forEach((c) => c.status === 'disconnected' && disconnects.push(c.key)));
    await s.restart();
    await waitFor('disconnected', () => point(gw, 'p_mw').status === 'disconnected');
    await waitFor('back', () => gw.iedStatus('FDR1')?.connects === 2 && allOk(gw), 10_000);
    expect(disconnects.filter((k) => k === 'FDR1/p_mw')).toHaveLength(1);
    // GI after the reconnect: the new association's RCBs each delivered a report although nothing changed.
    await waitFor('GI reports', () => gw.iedStatus('FDR1')?.reports.every((r) => r.reports >= 1) && point(gw, 'cb_pos').source === 'report');
    expect(gw.iedStatus('FDR1')?.reports.map((r) => r.instance)).toEqual(['FDR1LD0/LLN0.brcbStatus01', 'FDR1LD0/LLN0.brcbProt01']);
    // No duplicate reservation: one instance of each RCB is enabled, the one taken before.
    const enabled = [1, 2, 3, 4].flatMap((n) =>
      ['brcbStatus', 'brcbProt'].filter((rcb) => s.reports.find(`FDR1LD0/LLN0.${rcb}0${n}`)?.enabled).map((rcb) => `${rcb}0${n}`),
    );
    expect(enabled.sort()).toEqual(['brcbProt01', 'brcbStatus01']);
  });

  it('says when ConfRev differs from the plan, and maps the data set again when it changes while enabled', async () => {
    const s = await sim();
    s.reports.find('FDR1LD0/LLN0.brcbProt01')?.bumpConfRev();
    const { gw, logs } = await gateway(feederProject(s.port));
    await waitFor('both RCBs active', () => gw.iedStatus('FDR1')?.reports.filter((r) => r.state === 'active').length === 2);
    expect(gw.iedStatus('FDR1')?.reports[1]).toMatchObject({ instance: 'FDR1LD0/LLN0.brcbProt01', confRev: 2, plannedConfRev: 1 });
    expect(logs.some((l) => l.level === 'warn' && /brcbProt01: ConfRev is 2, the plan was made for 1: the IED was re-engineered/.test(l.message))).toBe(true);
    s.reports.find('FDR1LD0/LLN0.brcbStatus01')?.bumpConfRev();
    s.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    await waitFor('re-mapped', () => logs.some((l) => /brcbStatus01: ConfRev changed from 1 to 2 while enabled/.test(l.message)));
    await waitFor('active again with the new ConfRev', () => gw.iedStatus('FDR1')?.reports[0]?.state === 'active' && gw.iedStatus('FDR1')?.reports[0]?.confRev === 2);
    await waitFor('the value arrives', () => point(gw, 'cb_pos').value === 'open');
  });
});
