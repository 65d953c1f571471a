import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProject } from '../cli';
import {
  HistorySchema,
  IedStatusSchema,
  ModbusClientsSchema,
  OpenProjectResultSchema,
  PointBatchSchema,
  PointRowsDecoder,
  PointsSnapshotSchema,
  StatusSchema,
  TrafficSchema,
  ValidateProjectResultSchema,
} from '../contract';
import { writeProjectFile } from '../runtime';
import { projectOutputs } from '../runtime';
import { GatewayService, HttpHost } from '../service';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';
import { closeModbus, modbusClient } from './support/gateway-fixture';
import { TestWsClient } from './support/ws-client';
import { waitFor } from './support/wait';

/** The service contract's gateway channels and events over the real WebSocket binding. */

let dir: string;
let sim: Simulator;
let service: GatewayService;
let http: HttpHost;
let ws: TestWsClient;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-service-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
  const project = await demoProject(FEEDER_SCL, sim.port, 0, 0);
  path = join(dir, 'feeder.json');
  await writeProjectFile(path, { ...project, mqtt: { ...project.mqtt, enabled: false } });
  service = new GatewayService({ mode: 'serve', version: '0.0.0-test', statusPeriodMs: 0, outputs: projectOutputs, host: { runtimeOptions: { tickMs: 50 } } });
  http = await HttpHost.start(service, { host: '127.0.0.1', port: 0, staticRoot: dir });
  ws = await TestWsClient.connect(`${http.url.replace('http:', 'ws:')}api`);
});

afterAll(async () => {
  ws.close();
  await service.stopRuntime();
  await http.close();
  service.dispose();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

let id = 0;
async function call(method: string, params: unknown = {}): Promise<unknown> {
  const reply = await ws.call(++id, method, params);
  if ('error' in reply) throw new Error(JSON.stringify(reply.error));
  return reply.result;
}

describe('GatewayService over the WebSocket binding', () => {
  it('opens a project, validates and refuses to save a broken one with JSON paths', async () => {
    const opened = OpenProjectResultSchema.parse(await call('openProject', { path }));
    expect(opened).toMatchObject({ path, migrated: false, fromVersion: 1 });
    expect(opened.project.points).toHaveLength(28);
    const broken = { ...opened.project, points: [{ ...opened.project.points[0], ied: 'NOPE' }] };
    expect(ValidateProjectResultSchema.parse(await call('validateProject', { project: broken }))).toEqual({
      ok: false,
      issues: [{ path: 'points[0].ied', message: "no IED has the id 'NOPE'" }],
    });
    const refused = await ws.call(++id, 'saveProject', { path: join(dir, 'x.json'), project: broken });
    expect(refused.error).toMatchObject({ code: 'handler-failed', message: expect.stringContaining("points[0].ied: no IED has the id 'NOPE'") });
    expect(StatusSchema.parse(await call('getStatus')).project).toBe('RelayGate demo');
  });

  it('starts the runtime; IED status, point batches at most 10 per second, the snapshot, traffic and Modbus clients', async () => {
    // Events are watched on the socket itself, beside the request/reply queue.
    const events = new TestWsClient.EventLog(ws);
    // A second client asks for pointBatch in rows form (as the UI does): same batches, fewer bytes.
    const rowsClient = await TestWsClient.connect(`${http.url.replace('http:', 'ws:')}api?pointBatch=rows`);
    const rows: { text: string; message: { event: string; encoding?: string; payload: unknown } }[] = [];
    rowsClient.socket.on('message', (data) => {
      const text = String(data);
      const message = JSON.parse(text) as (typeof rows)[number]['message'];
      if (message.event === 'pointBatch') rows.push({ text, message });
    });
    expect(StatusSchema.parse(await call('startRuntime')).state).toBe('running');
    const connected = await waitFor('the IED connected', () => events.find('iedStatusChanged', (p) => (p as { state: string }).state === 'connected'), 10_000);
    expect(IedStatusSchema.parse(connected)).toMatchObject({ id: 'FDR1', state: 'connected' });
    const from = Date.now();
    const changer = setInterval(() => sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3 + Math.random() }), 20);
    await new Promise((r) => setTimeout(r, 2000));
    clearInterval(changer);
    const batches = events.all('pointBatch').filter((e) => e.at >= from);
    for (const b of batches) PointBatchSchema.parse(b.payload);
    events.stop();
    await waitFor('the rows client has every batch', () => rows.length >= events.all('pointBatch').length || undefined, 5000);
    rowsClient.close();
    const decoder = new PointRowsDecoder();
    const decoded = rows.map((r) => {
      expect(r.message.encoding).toBe('rows');
      return PointBatchSchema.parse(decoder.decode(r.message.payload));
    });
    expect(decoded).toEqual(events.all('pointBatch').map((e) => e.payload));
    const plainBytes = events.all('pointBatch').reduce((n, e) => n + JSON.stringify({ event: 'pointBatch', payload: e.payload }).length, 0);
    expect(rows.reduce((n, r) => n + r.text.length, 0)).toBeLessThan(plainBytes / 2);
    // A change every 20 ms, sent merged: at most 10 batches a second (2 s → at most ~21).
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.length).toBeLessThanOrEqual(22);
    const snapshot = PointsSnapshotSchema.parse(await call('getPoints'));
    expect(snapshot.points).toHaveLength(28);
    expect(snapshot.points.filter((p) => p.status === 'ok')).toHaveLength(28);
    const ieds = (await call('getIedStatus')) as { ieds: unknown[] };
    expect(IedStatusSchema.parse(ieds.ieds[0])).toMatchObject({ state: 'connected', points: { total: 28, ok: 28 } });
    const traffic = TrafficSchema.parse(await call('getTraffic', { ied: 'FDR1', limit: 20 }));
    expect(traffic.records.length).toBeGreaterThan(0);
    expect(traffic.records.some((r) => /read/.test(r.summary))).toBe(true);
    const response = traffic.records.find((r) => /^confirmed-response #\d+ read/.test(r.summary))!;
    expect(response).toMatchObject({ direction: 'received', framed: true, invokeId: expect.any(Number) });
    expect(response.hex.startsWith('0300')).toBe(true); // the whole frame, from its TPKT header
    expect(response.tree.map((n) => n.label)).toEqual(['TPKT (RFC 1006)', 'COTP (ISO 8073 class 0)', 'Session (ISO 8327)', 'Presentation (ISO 8823)', 'MMS (ISO 9506)']);
    // The history of the analog point the loop above changed, and none for a dbpos.
    const totW = snapshot.points.find((p) => p.ref.startsWith('FDR1MEAS/MMXU1.TotW'))!.key;
    const pos = snapshot.points.find((p) => p.type === 'dbpos')!.key;
    const history = HistorySchema.parse(await call('getHistory', { keys: [totW, pos], sinceMs: from }));
    expect(history.unknown).toEqual([pos]);
    expect(history.series[0]).toMatchObject({ key: totW, capacity: 600 });
    expect(history.series[0]!.times.length).toBeGreaterThan(5);
    expect(new Set(history.series[0]!.values).size).toBeGreaterThan(5);
    expect(history.now).toBeGreaterThanOrEqual(history.series[0]!.times.at(-1)!);
    const unknown = await ws.call(++id, 'getTraffic', { ied: 'NOPE' });
    expect(unknown.error).toMatchObject({ message: "no IED 'NOPE' in the running project" });
    const listening = ModbusClientsSchema.parse(await call('getModbusClients')).listening ?? '';
    const c = await modbusClient(Number(listening.slice(listening.lastIndexOf(':') + 1)));
    await c.readInputRegisters(0, 2);
    await c.readInputRegisters(9000, 1).catch(() => undefined);
    const clients = ModbusClientsSchema.parse(await call('getModbusClients'));
    expect(clients.running).toBe(true);
    expect(clients.clients).toHaveLength(1);
    expect(clients.clients[0]).toMatchObject({ requests: 2, exceptions: 1, exceptionsByCode: { '2': 1 } });
    await closeModbus(c);
    expect(StatusSchema.parse(await call('stopRuntime')).state).toBe('idle');
  });
});
