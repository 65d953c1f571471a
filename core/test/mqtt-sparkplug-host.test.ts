import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { ProjectSchema, type LogLevel, type MqttConnectionState } from '../contract';
import { decodeSparkplug, MqttPublisher } from '../outputs';
import { Simulator } from '../sim';
import { mosquittoPerFile } from './support/broker-fixture';
import { FEEDER_SCL, feederProject } from './support/feeder-project';
import { startHost } from './support/gateway-fixture';
import { Subscriber, type Received } from './support/mqtt-subscriber';
import { analogPoints, batch, FAST, okState, settings } from './support/mqtt-points';
import { sleep, until } from './support/wait';

/**
 * Sparkplug 3.0 primary host awareness against Debian's mosquitto: the test plays the primary host,
 * publishing retained `spBv1.0/STATE/{host}` messages as a host application does, and watches the edge
 * node's topics with Eclipse Tahu's sparkplug-payload decoding, as any host would.
 */
const fixture = mosquittoPerFile();
const { open } = fixture;

const ied1 = analogPoints('IED1', 3);
const ied2 = analogPoints('IED2', 1);
/** How long "nothing is published" is watched for; the publisher births within milliseconds when free to. */
const QUIET_MS = 2000;

interface Edge {
  p: MqttPublisher;
  logs: string[];
  states: MqttConnectionState[];
}

function edge(node: string, hostId: string | undefined): Edge {
  const logs: string[] = [];
  const states: MqttConnectionState[] = [];
  const p = new MqttPublisher({
    settings: settings({
      url: fixture.broker.url,
      payload: 'sparkplug',
      sparkplug: { groupId: 'Plant', ...(hostId === undefined ? {} : { primaryHostId: hostId }) },
      instanceId: node,
    }),
    points: [...ied1, ...ied2],
    ieds: [{ id: 'IED1' }, { id: 'IED2' }],
    log: (level: LogLevel, m: string) => logs.push(`${level}: ${m}`),
    ...FAST,
  });
  p.on('connection', (s) => states.push(s));
  open.add(p);
  return { p, logs, states };
}

async function watch(node: string): Promise<Subscriber> {
  return open.add(await Subscriber.connect(fixture.broker.url, [`spBv1.0/Plant/+/${node}`, `spBv1.0/Plant/+/${node}/#`]));
}

/** Publishes the host's retained STATE, as a primary host application does (QoS 1, retained). */
async function hostState(hostId: string, payload: string | { online: boolean; timestamp: number }): Promise<void> {
  const c = await mqtt.connectAsync(fixture.broker.url, { reconnectPeriod: 0 });
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  await c.publishAsync(`spBv1.0/STATE/${hostId}`, text, { qos: 1, retain: true });
  await c.endAsync();
}

/** Feeds IED1's first point a new value every 50 ms (the cache's change batches) until stopped. */
function changing(p: MqttPublisher): { last: () => number; stop: () => void } {
  let v = 0;
  const timer = setInterval(() => p.publish(batch([okState(ied1[0]!, ++v + 0.5, v + 0.5)])), 50);
  return { last: () => v + 0.5, stop: () => clearInterval(timer) };
}

const decoded = (m: Received) => decodeSparkplug(m.payload, m.topic);
const num = (v: unknown) => Number(v);
const is = (type: string, node: string, device?: string) => (m: Received) =>
  m.topic === `spBv1.0/Plant/${type}/${node}${device === undefined ? '' : `/${device}`}`;
const bdSeqOf = (m: Received) => num(decoded(m).metrics!.find((x) => x.name === 'bdSeq')!.value);

async function connectedAndWaiting(p: MqttPublisher): Promise<void> {
  await until(() => p.status().connectedSince !== null, 'connected to mosquitto', 15_000);
  expect(p.status().connection).toBe('waiting');
}

describe('Sparkplug primary host (STATE) on mosquitto', () => {
  it('publishes nothing while no STATE is retained, then births with the current values when the host comes online', async () => {
    const sub = await watch('edge-h1');
    const { p, logs } = edge('edge-h1', 'scada1');
    await p.start();
    await connectedAndWaiting(p);
    const feed = changing(p);
    await sleep(QUIET_MS);
    expect(sub.messages.map((m) => m.topic)).toEqual([]);
    expect(p.status().counters.sent).toBe(0);
    expect(p.status().sparkplug!.primaryHost).toEqual({
      id: 'scada1',
      online: null,
      timestamp: null,
      text: "waiting for primary host 'scada1' (no STATE message on this connection yet)",
    });
    expect(logs).toContain(
      "info: waiting for primary host 'scada1' (no STATE message on this connection yet): no BIRTH until it says online",
    );

    feed.stop();
    const latest = feed.last();
    const at = Date.now();
    await hostState('scada1', { online: true, timestamp: at });
    const nbirth = decoded(await sub.waitFor(is('NBIRTH', 'edge-h1'), 10_000, 'NBIRTH'));
    expect(num(nbirth.seq)).toBe(0);
    const dbirth = decoded(await sub.waitFor(is('DBIRTH', 'edge-h1', 'IED1'), 10_000, 'DBIRTH IED1'));
    expect(dbirth.metrics!.find((m) => m.name === ied1[0]!.id)?.value).toBeCloseTo(latest, 3);
    await sub.waitFor(is('DBIRTH', 'edge-h1', 'IED2'), 10_000, 'DBIRTH IED2');
    expect(sub.messages[0]!.topic).toBe('spBv1.0/Plant/NBIRTH/edge-h1');
    expect(p.status()).toMatchObject({
      connection: 'connected',
      sparkplug: { primaryHost: { id: 'scada1', online: true, timestamp: new Date(at).toISOString() } },
    });

    p.publish(batch([okState(ied1[1]!, 77.25, 77.25)]));
    const ddata = decoded(await sub.waitFor(is('DDATA', 'edge-h1', 'IED1'), 10_000, 'DDATA'));
    expect(ddata.metrics!.map((m) => m.value)).toEqual([77.25]);
    expect(num(ddata.seq)).toBe(3);
  });

  it('births right after CONNECT when the host is already online (retained STATE)', async () => {
    await hostState('scada2', { online: true, timestamp: Date.now() });
    const sub = await watch('edge-h2');
    const { p } = edge('edge-h2', 'scada2');
    p.publish(batch([okState(ied2[0]!, 12.5, 12.5)]));
    await p.start();
    const nbirth = decoded(await sub.waitFor(is('NBIRTH', 'edge-h2'), 10_000, 'NBIRTH'));
    expect(num(nbirth.seq)).toBe(0);
    const dbirth = decoded(await sub.waitFor(is('DBIRTH', 'edge-h2', 'IED2'), 10_000, 'DBIRTH IED2'));
    expect(dbirth.metrics!.find((m) => m.name === ied2[0]!.id)?.value).toBe(12.5);
    p.publish(batch([okState(ied2[0]!, 13.5, 13.5)]));
    const ddata = decoded(await sub.waitFor(is('DDATA', 'edge-h2', 'IED2'), 10_000, 'DDATA'));
    expect(ddata.metrics!.map((m) => m.value)).toEqual([13.5]);
  });

  it('host offline: NDEATH with the NBIRTH bdSeq, disconnect, reconnect and wait; online again: NBIRTH with the next bdSeq', async () => {
    const t0 = Date.now();
    await hostState('scada3', { online: true, timestamp: t0 });
    const sub = await watch('edge-h3');
    const { p, states, logs } = edge('edge-h3', 'scada3');
    await p.start();
    const first = await sub.waitFor(is('NBIRTH', 'edge-h3'), 10_000, 'NBIRTH');
    await sub.waitFor(is('DBIRTH', 'edge-h3', 'IED2'), 10_000, 'DBIRTH IED2');
    const bdSeq = bdSeqOf(first);
    expect(p.status().reconnects).toBe(0);

    const death = sub.next(is('NDEATH', 'edge-h3'), 10_000, 'NDEATH');
    await hostState('scada3', { online: false, timestamp: t0 + 1000 });
    const ndeath = decoded(await death);
    expect(ndeath.metrics!.map((m) => [m.name, num(m.value)])).toEqual([['bdSeq', bdSeq]]);
    // Disconnected and connected again at once (a new CONNECT, so a new bdSeq), now waiting.
    await until(() => p.status().reconnects === 1 && p.status().connectedSince !== null, 'reconnected', 15_000);
    expect(states.slice(states.indexOf('connected'))).toEqual(['connected', 'waiting', 'connecting', 'connected']);
    // The retained offline STATE arrives on the new session.
    await until(() => p.status().sparkplug!.primaryHost!.online === false, 'the retained offline STATE', 10_000);
    expect(p.status()).toMatchObject({
      connection: 'waiting',
      sparkplug: { bdSeq: bdSeq + 1, primaryHost: { online: false } },
    });
    expect(p.status().sparkplug!.primaryHost!.text).toBe("waiting for primary host 'scada3': its STATE says offline");
    expect(logs).toContain("warn: primary host 'scada3' went offline: NDEATH, disconnecting and reconnecting");
    const before = sub.messages.length;
    p.publish(batch([okState(ied1[2]!, 5.5, 5.5)]));
    await sleep(QUIET_MS);
    expect(sub.messages.slice(before).map((m) => m.topic)).toEqual([]);

    const birth = sub.next(is('NBIRTH', 'edge-h3'), 10_000, 'the second NBIRTH');
    await hostState('scada3', { online: true, timestamp: t0 + 2000 });
    const second = await birth;
    expect(bdSeqOf(second)).toBe(bdSeq + 1);
    expect(num(decoded(second).seq)).toBe(0);
    const dbirth = decoded(await sub.next(is('DBIRTH', 'edge-h3', 'IED1'), 10_000, 'DBIRTH IED1'));
    expect(dbirth.metrics!.find((m) => m.name === ied1[2]!.id)?.value).toBe(5.5);
    // Exactly one NDEATH: the explicit one (a clean DISCONNECT discards the Will).
    expect(sub.messages.filter(is('NDEATH', 'edge-h3'))).toHaveLength(1);
  });

  it('ignores a STATE whose timestamp is older than the last one accepted', async () => {
    const t0 = Date.now();
    await hostState('scada4', { online: true, timestamp: t0 });
    const sub = await watch('edge-h4');
    const { p } = edge('edge-h4', 'scada4');
    await p.start();
    await sub.waitFor(is('DBIRTH', 'edge-h4', 'IED2'), 10_000, 'DBIRTH IED2');
    await hostState('scada4', { online: false, timestamp: t0 - 1 });
    p.publish(batch([okState(ied1[0]!, 8.5, 8.5)]));
    const ddata = decoded(await sub.waitFor(is('DDATA', 'edge-h4', 'IED1'), 10_000, 'DDATA after the stale STATE'));
    expect(ddata.metrics!.map((m) => m.value)).toEqual([8.5]);
    await sleep(QUIET_MS);
    expect(sub.messages.filter(is('NDEATH', 'edge-h4'))).toEqual([]);
    expect(p.status()).toMatchObject({
      connection: 'connected',
      reconnects: 0,
      sparkplug: { primaryHost: { online: true, timestamp: new Date(t0).toISOString() } },
    });
  });

  it('ignores and logs a malformed STATE payload, and still births on a valid one', async () => {
    await hostState('scada5', 'ONLINE');
    const sub = await watch('edge-h5');
    const { p, logs } = edge('edge-h5', 'scada5');
    await p.start();
    await connectedAndWaiting(p);
    await hostState('scada5', '{"online": "true", "timestamp": 1}');
    await hostState('scada5', '{"online": true}');
    await until(() => logs.filter((l) => l.includes('ignored the Sparkplug STATE')).length === 3, 'three warnings', 10_000);
    const topic = "'spBv1.0/STATE/scada5'";
    expect(logs.filter((l) => l.includes('ignored the Sparkplug STATE'))).toEqual([
      expect.stringMatching(new RegExp(`^warn: ignored the Sparkplug STATE message on ${topic.replace(/[./]/g, '\\$&')}: not UTF-8 JSON`)),
      `warn: ignored the Sparkplug STATE message on ${topic}: "online" is "true", not a boolean`,
      `warn: ignored the Sparkplug STATE message on ${topic}: "timestamp" is missing, not a UTC time in milliseconds`,
    ]);
    expect(sub.messages).toEqual([]);
    expect(p.status()).toMatchObject({ connection: 'waiting', sparkplug: { primaryHost: { online: null } } });

    await hostState('scada5', { online: true, timestamp: Date.now() });
    await sub.waitFor(is('NBIRTH', 'edge-h5'), 10_000, 'NBIRTH');
    expect(p.status().connection).toBe('connected');
  });

  it('through the runtime with the simulated feeder relay: waits, says so, then births with what changed meanwhile', async () => {
    const sim = open.add(await Simulator.start({ scl: FEEDER_SCL }));
    const base = feederProject(sim.port);
    const project = ProjectSchema.parse({
      ...base,
      modbus: { ...base.modbus, bind: '127.0.0.1', port: 0 },
      mqtt: {
        url: fixture.broker.url,
        instanceId: 'edge-h7',
        payload: 'sparkplug',
        sparkplug: { groupId: 'Plant', primaryHostId: 'scada7' },
      },
    });
    const sub = await watch('edge-h7');
    const host = open.add(await startHost(project));
    await until(() => (host.mqttStatus()?.connectedSince ?? null) !== null, 'connected to mosquitto', 15_000);
    expect(host.mqttStatus()).toMatchObject({ connection: 'waiting', sparkplug: { primaryHost: { id: 'scada7', online: null } } });
    expect(host.summary()).toContain("mqtt: connected, waiting for primary host 'scada7' (no STATE message on this connection yet), 0 sent");
    const served = () => {
      const v = sim.get('FDR1CTRL/Q0XCBR1.Pos.stVal[ST]');
      return v.type === 'bit-string' ? ['intermediate', 'open', 'closed', 'bad'][(v.bytes[0] ?? 0) >> 6] : v.type;
    };
    expect(served()).toBe('closed');
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    expect(served()).toBe('open');
    await sleep(QUIET_MS);
    expect(sub.messages).toEqual([]);

    await hostState('scada7', { online: true, timestamp: Date.now() });
    const dbirth = decoded(await sub.waitFor(is('DBIRTH', 'edge-h7', 'FDR1'), 10_000, 'DBIRTH FDR1'));
    expect(dbirth.metrics!.find((m) => m.name === 'cb_pos')?.value).toBe('open');
    expect(host.mqttStatus()?.connection).toBe('connected');
  });

  it('without primaryHostId births at once and reports no primary host', async () => {
    const sub = await watch('edge-h6');
    const { p } = edge('edge-h6', undefined);
    await p.start();
    await sub.waitFor(is('NBIRTH', 'edge-h6'), 10_000, 'NBIRTH');
    expect(p.status()).toMatchObject({ connection: 'connected', sparkplug: { primaryHost: null } });
  });
});
