import { afterEach, describe, expect, it } from 'vitest';
import { ProjectSchema, type PointState, type ProjectInput } from '../contract';
import { secretResolver } from '../project';
import { Gateway, type RuntimeLogEntry } from '../runtime';
import { feederModel } from './support/feeder-model';
import { ModelIed } from './support/model-ied';
import { ModelServer } from './support/model-server';
import { waitFor } from './support/wait';

const FAST = { backoff: { minMs: 100, maxMs: 400, jitter: 0.1 }, reportRetryMs: 500, behaviourPeriodMs: 200, tickMs: 50 };

function project(port: number): ProjectInput {
  return {
    schemaVersion: 1,
    name: 'model test',
    ieds: [
      {
        id: 'F1',
        host: '127.0.0.1',
        port,
        pollGroups: [{ id: 'default', periodMs: 5000 }, { id: 'fast', periodMs: 200 }],
        reports: [{ id: 'events', rcb: 'IED1LD0/LLN0.urcbA', buffered: false, dataSet: 'IED1LD0/LLN0.Events', integrityMs: 0 }],
      },
    ],
    points: [
      { id: 'pos', ied: 'F1', ref: 'IED1LD0/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', source: 'report', report: 'events' },
      { id: 'op', ied: 'F1', ref: 'IED1LD0/PTOC1.Op.general', fc: 'ST', type: 'boolean', source: 'report', report: 'events' },
      { id: 'totw', ied: 'F1', ref: 'IED1LD0/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32', source: 'poll', pollGroup: 'fast' },
      { id: 'hz', ied: 'F1', ref: 'IED1LD0/MMXU1.Hz.mag.f', fc: 'MX', type: 'float32', source: 'poll', pollGroup: 'fast' },
      { id: 'mod', ied: 'F1', ref: 'IED1LD0/LLN0.Mod.stVal', fc: 'ST', type: 'enum', source: 'poll', pollGroup: 'fast' },
      { id: 'ind', ied: 'F1', ref: 'IED1LD0/GGIO1.Ind1.stVal', fc: 'ST', type: 'boolean', source: 'poll', pollGroup: 'fast' },
      { id: 'ghost', ied: 'F1', ref: 'IED1LD0/GGIO1.Ind9.stVal', fc: 'ST', type: 'boolean', source: 'poll', pollGroup: 'fast' },
    ],
  };
}

let server: ModelServer | undefined;
let gateway: Gateway | undefined;

afterEach(async () => {
  await gateway?.stop();
  await server?.close();
  gateway = undefined;
  server = undefined;
});

async function startAll(): Promise<{ gw: Gateway; srv: ModelServer; logs: RuntimeLogEntry[] }> {
  const srv = await ModelServer.start(new ModelIed(feederModel()));
  server = srv;
  const gw = new Gateway(ProjectSchema.parse(project(srv.port)), { secrets: secretResolver({}), options: FAST });
  gateway = gw;
  const logs: RuntimeLogEntry[] = [];
  gw.on('log', (e) => logs.push(e));
  await gw.start();
  return { gw, srv, logs };
}

const point = (gw: Gateway, id: string): PointState => gw.cache.get(`F1/${id}`) as PointState;

describe('gateway runtime against the model IED over TCP', () => {
  it('polls whole FCDs, takes a free URCB instance, and names what does not exist', async () => {
    const { gw, logs } = await startAll();
    await waitFor('every point answered', () => ['pos', 'op', 'totw', 'hz', 'mod', 'ind'].every((id) => point(gw, id).status === 'ok'));
    expect(point(gw, 'pos')).toMatchObject({ value: 'closed', numeric: 2, source: 'report', quality: { validity: 'good' }, deviceTime: '2026-01-02T03:04:05.000Z' });
    expect(point(gw, 'op')).toMatchObject({ value: false, numeric: 0, source: 'report' });
    expect(point(gw, 'totw')).toMatchObject({ value: 1234.5, source: 'poll' });
    expect(point(gw, 'hz').value).toBeCloseTo(50.01, 4);
    expect(point(gw, 'mod')).toMatchObject({ value: 'on', numeric: 1 });
    expect(point(gw, 'ghost')).toMatchObject({ status: 'error', value: null });
    expect(point(gw, 'ghost').reason).toMatch(/does not exist in the IED's model/);
    const status = gw.iedStatus('F1');
    expect(status).toMatchObject({ state: 'connected', connects: 1, lastError: null });
    expect(status?.reports[0]).toMatchObject({ id: 'events', state: 'active', instance: 'IED1LD0/LLN0.urcbA01', coveredPoints: 2 });
    expect(status?.behaviour).toEqual([{ ld: 'IED1LD0', mod: 'on', beh: 'on' }]);
    expect(status?.pollGroups.find((g) => g.id === 'fast')).toMatchObject({ variables: 4, requests: 1 });
    expect(logs.some((l) => l.message.includes('RCB IED1LD0/LLN0.urcbA01 enabled'))).toBe(true);
  });

  it('a reported change reaches the cache without waiting for a poll', async () => {
    const { gw, srv } = await startAll();
    await waitFor('the RCB is active', () => gw.iedStatus('F1')?.reports[0]?.state === 'active' && point(gw, 'pos').status === 'ok');
    const before = point(gw, 'pos').seq;
    const sent = Date.now();
    srv.update('IED1LD0', 'XCBR1$ST$Pos$stVal', { type: 'bit-string', bitLength: 2, bytes: Uint8Array.of(1 << 6) });
    await waitFor('the open position', () => point(gw, 'pos').value === 'open');
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(point(gw, 'pos')).toMatchObject({ numeric: 1, seq: before + 1, source: 'report' });
  });

  it('marks the points disconnected when the IED drops the association, then reconnects and resumes', async () => {
    const { gw, srv } = await startAll();
    await waitFor('connected', () => point(gw, 'pos').status === 'ok' && point(gw, 'totw').status === 'ok');
    const batches: PointState[][] = [];
    gw.on('batch', (b) => batches.push(b.changes));
    srv.killConnections();
    await waitFor('disconnected', () => point(gw, 'totw').status === 'disconnected');
    expect(point(gw, 'totw').value).toBe(1234.5);
    await waitFor('reconnected', () => gw.iedStatus('F1')?.connects === 2 && point(gw, 'pos').status === 'ok' && point(gw, 'totw').status === 'ok');
    const disconnectedTotw = batches.flat().filter((c) => c.key === 'F1/totw' && c.status === 'disconnected');
    expect(disconnectedTotw).toHaveLength(1);
    // The model server keeps urcbA01's Resv from the dead association (a real IED frees it): the runtime
    // does not steal it and takes the next free instance.
    expect(gw.iedStatus('F1')?.reports[0]).toMatchObject({ state: 'active', instance: 'IED1LD0/LLN0.urcbA02' });
  });
});
