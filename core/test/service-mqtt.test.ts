import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProject } from '../cli';
import { MqttStatusSchema, StatusSchema, type MqttStatus } from '../contract';
import { projectOutputs, writeProjectFile } from '../runtime';
import { GatewayService, HttpHost } from '../service';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';
import { Mosquitto } from './support/mosquitto';
import { waitFor } from './support/wait';
import { TestWsClient } from './support/ws-client';

/** `getMqttStatus` and the throttled `mqttStatusChanged` event over the WebSocket binding, publishing to a real mosquitto. */

const INTERVAL_MS = 500;
const ROOT = `rg-service-${process.pid}`;
let dir: string;
let broker: Mosquitto;
let sim: Simulator;
let service: GatewayService;
let http: HttpHost;
let ws: TestWsClient;
let path: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-service-mqtt-'));
  broker = await Mosquitto.start();
  sim = await Simulator.start({ scl: FEEDER_SCL });
  const project = await demoProject(FEEDER_SCL, sim.port, 0, 0);
  path = join(dir, 'feeder.json');
  await writeProjectFile(path, { ...project, mqtt: { ...project.mqtt, url: broker.url, topicRoot: ROOT, instanceId: 'svc', embeddedBroker: undefined } });
  service = new GatewayService({ mode: 'serve', version: '0.0.0-test', statusPeriodMs: 0, outputs: projectOutputs, mqttStatusIntervalMs: INTERVAL_MS, host: { runtimeOptions: { tickMs: 50 } } });
  http = await HttpHost.start(service, { host: '127.0.0.1', port: 0, staticRoot: dir });
  ws = await TestWsClient.connect(`${http.url.replace('http:', 'ws:')}api`);
});

afterAll(async () => {
  ws?.close();
  await service?.stopRuntime();
  await http?.close();
  service?.dispose();
  await sim?.stop();
  await broker?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

let id = 0;
async function mqttStatus(): Promise<MqttStatus> {
  const reply = await ws.call(++id, 'getMqttStatus');
  if ('error' in reply) throw new Error(JSON.stringify(reply.error));
  return MqttStatusSchema.parse(reply.result);
}

describe('the MQTT status channel and event', () => {
  it('says disabled without a project, and stopped with the project’s broker before the runtime runs', async () => {
    expect(await mqttStatus()).toMatchObject({ enabled: false, connection: 'disabled', url: '', counters: { sent: 0 } });
    await ws.call(++id, 'openProject', { path });
    expect(await mqttStatus()).toMatchObject({ enabled: true, connection: 'stopped', url: broker.url, topicRoot: ROOT, clientId: 'relaygate-svc', recent: [] });
  });

  it('follows the publisher while running: connection, counters and last messages, at most one event per interval', async () => {
    const events = new TestWsClient.EventLog(ws);
    expect(StatusSchema.parse((await ws.call(++id, 'startRuntime')).result).state).toBe('running');
    const connected = await waitFor('connected with messages sent', () => events.find('mqttStatusChanged', (p) => (p as MqttStatus).connection === 'connected' && (p as MqttStatus).counters.sent > 0), 15_000);
    MqttStatusSchema.parse(connected);
    const from = Date.now();
    const changer = setInterval(() => sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3 + Math.random() }), 20);
    await new Promise((r) => setTimeout(r, 2500));
    clearInterval(changer);
    const during = events.all('mqttStatusChanged').filter((e) => e.at >= from);
    // Every change moves the counters; the events come at most once per interval (2.5 s / 0.5 s, plus slack).
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during.length).toBeLessThanOrEqual(2500 / INTERVAL_MS + 2);
    const status = await mqttStatus();
    expect(status).toMatchObject({ enabled: true, connection: 'connected', lastError: null, payload: 'json' });
    const c = status.counters;
    expect(c.sent).toBeGreaterThan(56);
    expect(c.generated).toBe(c.sent + c.queued + c.superseded + c.dropped);
    expect(status.recent.length).toBeLessThanOrEqual(100);
    expect(status.recent.at(-1)).toMatchObject({ topic: `${ROOT}/FDR1/MEAS_MMXU1_TotW_mag_f/state`, qos: 0, retain: true });
    expect(JSON.parse(status.recent.at(-1)!.payload)).toMatchObject({ status: 'ok', ref: 'FDR1MEAS/MMXU1.TotW.mag.f' });

    expect(StatusSchema.parse((await ws.call(++id, 'stopRuntime')).result).state).toBe('idle');
    const stopped = await waitFor('stopped', () => events.find('mqttStatusChanged', (p) => (p as MqttStatus).connection === 'stopped'), 5000);
    events.stop();
    const after = await mqttStatus();
    expect(after).toEqual(stopped);
    expect(after.counters.sent).toBeGreaterThanOrEqual(c.sent);
  });
});
