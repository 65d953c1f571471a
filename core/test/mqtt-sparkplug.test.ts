import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import type { PointConfig } from '../contract';
import {
  decodeSparkplug,
  encodeSparkplug,
  MqttPublisher,
  QUALITY_GOOD,
  QUALITY_STALE,
  type MqttPublisherOptions,
} from '../outputs';
import { startChildPublisher } from './support/child-publisher';
import { mosquittoPerFile } from './support/broker-fixture';
import { Subscriber, type Received } from './support/mqtt-subscriber';
import {
  batch,
  DEVICE_TIME,
  FAST,
  okState,
  pointConfig,
  SAMPLES,
  samplePoints,
  settings,
  whenConnected,
} from './support/mqtt-points';
import { until } from './support/wait';

/**
 * Sparkplug B as a host application sees it: a subscriber on spBv1.0/# decoding every payload with
 * Eclipse Tahu's sparkplug-payload, the library the publisher encodes with.
 */
const fixture = mosquittoPerFile({ tempDir: 'rg-sparkplug-' });
const { open } = fixture;

const ied1 = samplePoints('IED1');
const ied2: PointConfig[] = [
  pointConfig('IED2', { id: 'pos', type: 'dbpos', ref: 'LD0/XCBR1.Pos.stVal', fc: 'ST' }),
];
const EXPECTED_TYPE: Record<string, string> = {
  boolean: 'Boolean',
  int8: 'Int8',
  int16: 'Int16',
  int32: 'Int32',
  int64: 'Int64',
  uint8: 'UInt8',
  uint16: 'UInt16',
  uint32: 'UInt32',
  float32: 'Float',
  float64: 'Double',
  dbpos: 'String',
  enum: 'String',
  quality: 'String',
  timestamp: 'DateTime',
  bitstring: 'String',
  octetstring: 'String',
  visiblestring: 'String',
  unicodestring: 'String',
  struct: 'String',
  array: 'String',
};

function edge(node: string, over: Partial<MqttPublisherOptions> = {}): MqttPublisher {
  const p = new MqttPublisher({
    settings: settings({
      url: fixture.broker.url,
      payload: 'sparkplug',
      sparkplug: { groupId: 'Plant' },
      instanceId: node,
    }),
    points: [...ied1, ...ied2],
    ieds: [{ id: 'IED1' }, { id: 'IED2' }],
    ...FAST,
    ...over,
  });
  open.add(p);
  return p;
}

async function host(node: string): Promise<Subscriber> {
  const sub = await Subscriber.connect(fixture.broker.url, [`spBv1.0/Plant/+/${node}`, `spBv1.0/Plant/+/${node}/#`]);
  open.add(sub);
  return sub;
}

const decoded = (m: Received) => decodeSparkplug(m.payload, m.topic);
const num = (v: unknown) => Number(v);
const ofType = (type: string, node: string, device?: string) => (m: Received) =>
  m.topic === `spBv1.0/Plant/${type}/${node}${device === undefined ? '' : `/${device}`}`;

describe('Sparkplug B on mosquitto', () => {
  it('NBIRTH and DBIRTH carry every metric with its type and device timestamp; DDATA on change by alias', async () => {
    const sub = await host('edge1');
    const p = edge('edge1');
    p.publish(batch(SAMPLES.map((s, i) => okState(ied1[i]!, s.value, s.numeric))));
    await p.start();
    const nbirth = decoded(await sub.waitFor(ofType('NBIRTH', 'edge1'), 10_000, 'NBIRTH'));
    expect(num(nbirth.seq)).toBe(0);
    expect(
      nbirth.metrics!.map((m) => [m.name, m.type, typeof m.value === 'object' ? num(m.value) : m.value]),
    ).toEqual([
      ['bdSeq', 'UInt64', 0],
      ['Node Control/Rebirth', 'Boolean', false],
    ]);
    const dbirth = decoded(await sub.waitFor(ofType('DBIRTH', 'edge1', 'IED1'), 10_000, 'DBIRTH IED1'));
    expect(num(dbirth.seq)).toBe(1);
    const byName = new Map(dbirth.metrics!.map((m) => [m.name!, m]));
    expect(byName.get('Connection/Status')).toMatchObject({ type: 'String', value: 'connecting' });
    for (const s of SAMPLES) {
      const m = byName.get(s.id)!;
      expect(m, s.id).toBeDefined();
      expect(m.type, s.id).toBe(EXPECTED_TYPE[s.type]);
      expect(num(m.timestamp), s.id).toBe(Date.parse(DEVICE_TIME));
      expect(m.properties?.Quality?.value, s.id).toBe(QUALITY_GOOD);
      expect(m.properties?.ref?.value, s.id).toBe(s.ref);
      const v = m.value;
      const expected =
        s.type === 'timestamp'
          ? Date.parse(DEVICE_TIME)
          : typeof s.value === 'number' && m.type === 'String'
            ? String(s.value)
            : s.value;
      if (s.type === 'float32') expect(v as number).toBeCloseTo(s.value as number, 3);
      else expect(typeof v === 'object' && v !== null ? num(v) : v, s.id).toEqual(expected);
    }
    const dbirth2 = decoded(await sub.waitFor(ofType('DBIRTH', 'edge1', 'IED2'), 10_000, 'DBIRTH IED2'));
    expect(num(dbirth2.seq)).toBe(2);
    expect(dbirth2.metrics!.find((m) => m.name === 'pos')).toMatchObject({
      value: null,
      properties: { status: { value: 'never' } },
    });

    const amps = ied1.find((x) => x.id === 'amps')!;
    p.publish(batch([okState(amps, 500.5, 500.5, { deviceTime: '2026-01-01T00:00:05.000Z' })]));
    p.publish(
      batch([okState(amps, 500.5, 500.5, { status: 'stale', deviceTime: '2026-01-01T00:00:05.000Z' })]),
    );
    const ddata = (
      await Promise.all(
        [1, 2].map((i) =>
          sub.waitFor(
            (m) => ofType('DDATA', 'edge1', 'IED1')(m) && num(decoded(m).seq) === 2 + i,
            10_000,
            `DDATA ${i}`,
          ),
        ),
      )
    ).map(decoded);
    const alias = num(byName.get('amps')!.alias);
    expect(ddata[0]!.metrics!.map((m) => [num(m.alias), m.name, m.value, num(m.timestamp)])).toEqual([
      [alias, undefined, 500.5, Date.parse('2026-01-01T00:00:05.000Z')],
    ]);
    expect(ddata[1]!.metrics![0]!.properties?.Quality?.value).toBe(QUALITY_STALE);
    expect(ddata[1]!.metrics![0]!.properties?.status?.value).toBe('stale');
  });

  it('DDEATH when an IED disconnects, DBIRTH when it is back, status changes as DDATA', async () => {
    const sub = await host('edge2');
    const p = edge('edge2');
    await p.start();
    await sub.waitFor(ofType('DBIRTH', 'edge2', 'IED2'), 10_000, 'DBIRTH IED2');
    p.setIedStatus('IED2', 'connected');
    p.setIedStatus('IED2', 'disconnected');
    p.publish(batch([okState(ied2[0]!, 'open', 1)]));
    const back = sub.next(ofType('DBIRTH', 'edge2', 'IED2'), 10_000, 'DBIRTH after reconnect');
    p.setIedStatus('IED2', 'connected');
    const rebirth = await back;
    const forIed2 = sub.messages
      .filter((m) => m.topic.endsWith('/edge2/IED2'))
      .map((m) => [m.topic.split('/')[2], num(decoded(m).seq)]);
    expect(forIed2).toEqual([
      ['DBIRTH', 2],
      ['DDATA', 3],
      ['DDEATH', 4],
      ['DBIRTH', 5],
    ]);
    const metrics = decoded(rebirth).metrics!;
    expect(metrics.find((m) => m.name === 'pos')?.value).toBe('open');
    expect(metrics.find((m) => m.name === 'Connection/Status')?.value).toBe('connected');
  });

  it('honours a rebirth request (NCMD Node Control/Rebirth) on the same bdSeq', async () => {
    const sub = await host('edge3');
    const p = edge('edge3');
    await p.start();
    await whenConnected(p);
    const first = decoded(await sub.waitFor(ofType('NBIRTH', 'edge3'), 10_000, 'NBIRTH'));
    await sub.waitFor(ofType('DBIRTH', 'edge3', 'IED2'));
    const rebirths = new Promise<number>((ok) => p.on('rebirth', ok));
    const nbirth2 = sub.next(ofType('NBIRTH', 'edge3'), 10_000, 'the second NBIRTH');
    const dbirth2 = sub.next(ofType('DBIRTH', 'edge3', 'IED1'), 10_000, 'DBIRTH after rebirth');
    await command('edge3', Buffer.from('not protobuf \u0000\u00ff'));
    await requestRebirth('edge3');
    expect(await rebirths).toBe(num(first.metrics![0]!.value));
    const again = decoded(await nbirth2);
    expect(num(again.seq)).toBe(0);
    expect(num(again.metrics!.find((m) => m.name === 'bdSeq')!.value)).toBe(
      num(first.metrics!.find((m) => m.name === 'bdSeq')!.value),
    );
    const d = decoded(await dbirth2);
    expect(num(d.seq)).toBe(1);
    expect(d.metrics!.length).toBe(SAMPLES.length + 1);
    expect(p.status().connection).toBe('connected');
  });

  it('the broker publishes NDEATH with the NBIRTH bdSeq when the edge node process is killed', async () => {
    const sub = await host('edge4');
    const statePath = join(fixture.dir, 'edge4-state.json');
    writeFileSync(statePath, JSON.stringify({ nextBdSeq: 41 }));
    const child = await startChildPublisher({
      options: {
        settings: settings({
          url: fixture.broker.url,
          payload: 'sparkplug',
          sparkplug: { groupId: 'Plant' },
          instanceId: 'edge4',
        }),
        points: ied1,
        ieds: [{ id: 'IED1' }],
        sparkplugStatePath: statePath,
        ...FAST,
      },
    });
    const birth = decoded(await sub.waitFor(ofType('NBIRTH', 'edge4'), 10_000, 'NBIRTH'));
    expect(num(birth.metrics![0]!.value)).toBe(41);
    await child.kill('SIGKILL');
    const death = decoded(await sub.waitFor(ofType('NDEATH', 'edge4'), 10_000, 'NDEATH'));
    expect(death.metrics!.map((m) => [m.name, m.type, num(m.value)])).toEqual([['bdSeq', 'UInt64', 41]]);
    expect(death.seq).toBeUndefined();
  });

  it('bdSeq goes up with every CONNECT, across a broker restart and a gateway restart; a clean stop sends NDEATH', async () => {
    const sub = await host('edge5');
    const statePath = join(fixture.dir, 'edge5-state.json');
    const p = edge('edge5', { sparkplugStatePath: statePath });
    await p.start();
    await sub.waitFor(ofType('NBIRTH', 'edge5'), 10_000, 'NBIRTH');
    await fixture.broker.restart();
    await sub.close();
    open.forget(sub);
    const sub2 = await host('edge5');
    // The NBIRTH after the reconnect may have come before sub2 subscribed: ask for another.
    await until(() => p.status().reconnects === 1 && p.status().connection === 'connected', 'reconnected');
    const birthAgain = sub2.next(ofType('NBIRTH', 'edge5'), 10_000, 'NBIRTH after the broker restart');
    await requestRebirth('edge5');
    const afterRestart = p.status().sparkplug!.bdSeq;
    expect(afterRestart).toBeGreaterThanOrEqual(1);
    expect(num(decoded(await birthAgain).metrics![0]!.value)).toBe(afterRestart);
    await p.stop();
    open.forget(p);
    const death = decoded(await sub2.waitFor(ofType('NDEATH', 'edge5'), 10_000, 'NDEATH on stop'));
    expect(num(death.metrics![0]!.value)).toBe(afterRestart);
    const p2 = edge('edge5', { sparkplugStatePath: statePath });
    const nextBirth = sub2.next(ofType('NBIRTH', 'edge5'), 10_000, 'NBIRTH after the gateway restart');
    await p2.start();
    const birth = decoded(await nextBirth);
    expect(num(birth.metrics![0]!.value)).toBe(afterRestart + 1);
  });
});

/** Publishes an NCMD to the edge node from a separate client, as a host application would. */
async function command(node: string, payload: Uint8Array): Promise<void> {
  const cmd = await mqtt.connectAsync(fixture.broker.url, { reconnectPeriod: 0 });
  await cmd.publishAsync(`spBv1.0/Plant/NCMD/${node}`, Buffer.from(payload));
  await cmd.endAsync();
}

function requestRebirth(node: string): Promise<void> {
  return command(
    node,
    encodeSparkplug({
      timestamp: Date.now(),
      metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }],
    }),
  );
}
