import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject, sclDrafts } from '../cli';
import type { PointConfig, Project } from '../contract';
import type { MmsValue } from '../mms';
import type { RuntimeHost } from '../runtime';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';
import { startHost } from './support/gateway-fixture';
import { Mosquitto } from './support/mosquitto';
import { MosquittoSub, type SubReceived } from './support/mosquitto-sub';
import { retainedOn } from './support/mqtt-subscriber';
import { sleep, until } from './support/wait';

/**
 * Issue 10's end to end, every part real: the simulated feeder relay → the gateway running the project
 * `relaygate init` makes of it (its MQTT settings: QoS 0, retain, JSON) → Debian's mosquitto → Debian's
 * `mosquitto_sub`. What the subscriber prints equals what the simulator serves; the IED status topic
 * follows the association; stale and disconnected transitions are published once per point.
 */

const ROOT = `rg-e2e-${process.pid}`;
/** urcbMeas reports its integrity every second here (init plans 5 s), so its points go stale 3 s after reports stop. */
const MEAS_INTEGRITY_MS = 1000;

let broker: Mosquitto;
let sim: Simulator | undefined;
let simPort: number;
let host: RuntimeHost | undefined;
let sub: MosquittoSub;
let project: Project;

async function initMade(port: number, url: string): Promise<Project> {
  const { drafts } = await sclDrafts({ file: FEEDER_SCL, ieds: [], host: `127.0.0.1:${port}`, tiers: new Set(['essential']) });
  const made = initProject('mqtt end to end', drafts, ['status']).project;
  return {
    ...made,
    ieds: made.ieds.map((i) => ({ ...i, reports: i.reports.map((r) => (r.id === 'urcbMeas' ? { ...r, integrityMs: MEAS_INTEGRITY_MS } : r)) })),
    modbus: { ...made.modbus, bind: '127.0.0.1', port: 0 },
    mqtt: { ...made.mqtt, url, topicRoot: ROOT, instanceId: 'e2e' },
  };
}

beforeAll(async () => {
  broker = await Mosquitto.start();
  sim = await Simulator.start({ scl: FEEDER_SCL });
  simPort = sim.port;
  project = await initMade(simPort, broker.url);
  sub = await MosquittoSub.start(broker.port, [`${ROOT}/#`]);
  host = await startHost(project);
}, 30_000);

afterAll(async () => {
  await host?.stop();
  await sim?.stop();
  await sub?.close();
  await broker?.dispose();
});

const topic = (p: PointConfig, leaf: 'value' | 'state'): string => `${ROOT}/${p.ied}/${p.id}/${leaf}`;
const IED_STATUS = `${ROOT}/FDR1/status`;

interface State {
  value: unknown;
  type: string;
  quality: { validity: string; flags: string[]; raw: number } | null;
  status: string;
  deviceTime: string | null;
  ref: string;
  fc: string;
  source: string | null;
}

const stateOf = (m: SubReceived): State => JSON.parse(m.text) as State;
/** The /state messages of a point received after message number `from`. */
const statesAfter = (p: PointConfig, from: number): State[] => sub.messages.slice(from).filter((m) => m.topic === topic(p, 'state')).map(stateOf);
const lastState = (p: PointConfig): State | undefined => statesAfter(p, 0).at(-1);

async function allPoints(status: string, from: number, what: string): Promise<void> {
  await until(() => project.points.every((p) => statesAfter(p, from).at(-1)?.status === status), `every point ${what}`, 20_000);
}

/** The FCD that carries a point's q and t: the reference without its value attribute. */
const fcdOf = (ref: string): string => ref.replace(/\.(stVal|general|cVal\.mag\.f|mag\.f)$/, '');

/** IEC 61850-7-3 names of the enumerations the feeder relay's essential points use. */
const ENUM_NAMES: Record<string, string[]> = {
  Mod: ['', 'on', 'blocked', 'test', 'test/blocked', 'off'],
  Beh: ['', 'on', 'blocked', 'test', 'test/blocked', 'off'],
  Health: ['', 'Ok', 'Warning', 'Alarm'],
  PhyHealth: ['', 'Ok', 'Warning', 'Alarm'],
};
const DBPOS = ['intermediate', 'open', 'closed', 'bad'];

/** What the simulator serves for a point, as the CONVENTIONS.md /state value. */
function served(p: PointConfig): unknown {
  const v: MmsValue = sim!.get(`${p.ref}[${p.fc}]`);
  switch (p.type) {
    case 'boolean':
      return v.type === 'boolean' ? v.value : v;
    case 'dbpos':
      return v.type === 'bit-string' ? DBPOS[(v.bytes[0] ?? 0) >> 6] : v;
    case 'enum': {
      const names = ENUM_NAMES[p.ref.split('.').at(-2) ?? ''];
      return v.type === 'integer' && names ? names[Number(v.value)] : v;
    }
    case 'float32':
      return v.type === 'float' ? v.value : v;
    default:
      throw new Error(`the init project has a ${p.type} point; add it to this test`);
  }
}

/** The served q of a point's FCD as the 13 raw bits (bit 0 = the first bit of the IEC bit string). */
function servedQualityRaw(p: PointConfig): number {
  const q = sim!.get(`${fcdOf(p.ref)}.q[${p.fc}]`);
  if (q.type !== 'bit-string') throw new Error(`${p.ref}: q is ${q.type}`);
  let raw = 0;
  for (let i = 0; i < Math.min(13, q.bitLength); i++) if ((q.bytes[i >> 3]! >> (7 - (i & 7))) & 1) raw |= 1 << i;
  return raw;
}

function servedTimeMs(p: PointConfig): number {
  const t = sim!.get(`${fcdOf(p.ref)}.t[${p.fc}]`);
  if (t.type !== 'utc-time') throw new Error(`${p.ref}: t is ${t.type}`);
  return t.seconds * 1000 + (t.fraction / 2 ** 24) * 1000;
}

/** The last /state and /value of every point equal what the simulator serves now. */
function expectServed(): void {
  for (const p of project.points) {
    const s = lastState(p)!;
    const want = served(p);
    const value = p.type === 'float32' ? Math.fround(s.value as number) : s.value;
    expect([p.id, value, s.type, s.ref, s.fc, s.status]).toEqual([p.id, want, p.type, p.ref, p.fc, 'ok']);
    expect([p.id, s.quality?.raw]).toEqual([p.id, servedQualityRaw(p)]);
    expect(Math.abs(Date.parse(s.deviceTime!) - servedTimeMs(p)), `${p.id} deviceTime`).toBeLessThanOrEqual(1);
    const text = sub.last(topic(p, 'value'))!.text;
    if (p.type === 'float32') expect([p.id, Math.fround(Number(text))]).toEqual([p.id, want]);
    else expect([p.id, text]).toEqual([p.id, String(want)]);
  }
}

describe('simulator → gateway (init project) → mosquitto → mosquitto_sub', () => {
  it('every point arrives as /value and /state equal to what the simulator serves; the IED status says connected', async () => {
    await allPoints('ok', 0, 'ok');
    expect(new Set(project.points.map((p) => p.type))).toEqual(new Set(['enum', 'boolean', 'dbpos', 'float32']));
    expectServed();
    const reported = project.points.filter((p) => p.source === 'report');
    expect(reported.length).toBeGreaterThan(10);
    // Every point is polled until its RCB is enabled and its GI arrives; then the report delivers it.
    await until(() => reported.every((p) => lastState(p)?.source === 'report'), 'every report point delivered by its RCB', 20_000).catch(() => undefined);
    for (const p of reported) expect([p.id, lastState(p)?.source]).toEqual([p.id, 'report']);
    const statuses = sub.on(IED_STATUS).map((m) => m.text);
    expect(statuses.at(-1)).toBe('connected');
    expect(statuses.filter((s) => s !== 'connecting' && s !== 'connected')).toEqual([]);
    expect(sub.last(`${ROOT}/status`)?.text).toBe('online');
    expect(sub.messages.every((m) => m.qos === 0 || !m.topic.endsWith('/state'))).toBe(true);
  });

  it('a value change and a quality change set in the simulator arrive as the simulator serves them', async () => {
    const cb = project.points.find((p) => p.ref === 'FDR1CTRL/Q0XCBR1.Pos.stVal')!;
    const totW = project.points.find((p) => p.ref === 'FDR1MEAS/MMXU1.TotW.mag.f')!;
    const from = sub.messages.length;
    sim!.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    await sub.next((m) => m.topic === topic(cb, 'value') && m.text === 'open', 10_000, 'the breaker open');
    sim!.set('FDR1MEAS/MMXU1.TotW[MX]', { quality: 'questionable | oldData' });
    await until(() => statesAfter(totW, from).some((s) => s.quality?.validity === 'questionable'), 'TotW questionable', 10_000);
    const [q] = statesAfter(totW, from);
    expect(q).toMatchObject({ status: 'ok', quality: { validity: 'questionable', flags: ['oldData'], raw: 3 | (1 << 7) }, source: 'report' });
    expect(Math.fround(q!.value as number)).toBe(served(totW));
    // A quality change alone is no new /value.
    expect(sub.messages.slice(from).filter((m) => m.topic === topic(totW, 'value'))).toEqual([]);
    expect(lastState(cb)).toMatchObject({ value: 'open', status: 'ok', source: 'report' });
    expectServed();
  });

  it('a point whose reports stop goes stale once, then ok again when they resume', async () => {
    const meas = project.points.filter((p) => p.report === 'urcbMeas');
    expect(meas.length).toBe(5);
    const from = sub.messages.length;
    sim!.pauseReports();
    await until(() => meas.every((p) => statesAfter(p, from).some((s) => s.status === 'stale')), 'every measurement stale', 15_000);
    // Stale for two more stale timeouts (3 s): the cache ticks every 50 ms, the transition is still one message.
    await sleep(6000);
    sim!.pauseReports(false);
    await until(() => meas.every((p) => statesAfter(p, from).at(-1)?.status === 'ok'), 'measurements ok again', 15_000);
    for (const p of meas) expect([p.id, statesAfter(p, from).map((s) => s.status)]).toEqual([p.id, ['stale', 'ok']]);
    const others = project.points.filter((p) => !meas.includes(p));
    for (const p of others) expect([p.id, statesAfter(p, from).filter((s) => s.status === 'stale')]).toEqual([p.id, []]);
    expect(sub.messages.slice(from).filter((m) => m.topic === IED_STATUS)).toEqual([]);
  });

  it('a killed IED is published disconnected once per point, and everything recovers when it is back', async () => {
    const from = sub.messages.length;
    await sim!.stop();
    sim = undefined;
    await allPoints('disconnected', from, 'disconnected');
    // Reconnect attempts fail every 100–400 ms; the points' transition stays one message.
    await sleep(3000);
    for (const p of project.points) expect([p.id, statesAfter(p, from).map((s) => s.status)]).toEqual([p.id, ['disconnected']]);
    const down = sub.messages.slice(from).filter((m) => m.topic === IED_STATUS).map((m) => m.text);
    // Each failed attempt is `connecting` then `disconnected`; statuses are merged per turn of the event loop.
    expect(down[0]).toBe('disconnected');
    expect(down.filter((s) => s !== 'disconnected' && s !== 'connecting')).toEqual([]);

    const back = sub.messages.length;
    sim = await Simulator.start({ scl: FEEDER_SCL, port: simPort });
    await allPoints('ok', back, 'ok after the restart');
    expect(sub.last(IED_STATUS)?.text).toBe('connected');
    for (const p of project.points) expect([p.id, statesAfter(p, back).filter((s) => s.status === 'disconnected')]).toEqual([p.id, []]);
    expectServed();
    expect(lastState(project.points.find((p) => p.ref === 'FDR1CTRL/Q0XCBR1.Pos.stVal')!)?.value).toBe('closed');
  });

  it('the broker keeps every point’s last /value and /state retained for a new consumer', async () => {
    const topics = project.points.flatMap((p) => [topic(p, 'value'), topic(p, 'state')]);
    const retained = await retainedOn(broker.url, [`${ROOT}/#`]);
    for (const t of topics) expect([t, retained.get(t)]).toEqual([t, sub.last(t)?.text]);
    expect(retained.get(IED_STATUS)).toBe('connected');
  });
});
