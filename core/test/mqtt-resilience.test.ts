import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MqttCounters, PointConfig } from '../contract';
import { MqttPublisher, type MqttPublisherOptions } from '../outputs';
import { startChildPublisher } from './support/child-publisher';
import { mosquittoPerFile } from './support/broker-fixture';
import { retainedOn, Subscriber } from './support/mqtt-subscriber';
import {
  analogPoints,
  batch,
  FAST,
  okState,
  samplePoints,
  settings,
  whenConnected,
} from './support/mqtt-points';
import { TcpCut } from './support/tcp-cut';
import { sleep, until } from './support/wait';

/**
 * Broker loss and buffered-report events (docs/MQTT.md "Broker loss", "Events are not lost").
 */
const fixture = mosquittoPerFile({ tempDir: 'rg-mqtt-resilience-' });
const { open } = fixture;

function publisher(
  url: string,
  root: string,
  points: PointConfig[],
  over: Partial<MqttPublisherOptions> = {},
  qos: 0 | 1 | 2 = 0,
): MqttPublisher {
  return open.add(
    new MqttPublisher({
      settings: settings({ url, topicRoot: root, instanceId: `gw-${root}`, qos }),
      points,
      ieds: [{ id: 'IED1', enabled: true }],
      ...FAST,
      ...over,
    }),
  );
}

/** Every message made is accounted for exactly once (no outbox events in play). */
function balanced(c: MqttCounters): boolean {
  return c.generated === c.sent + c.queued + c.superseded + c.dropped;
}

describe('MQTT broker loss', () => {
  it('survives a broker restart while publishing: the queue bound holds, the latest values arrive, the counters match', async () => {
    const points = analogPoints('IED1', 300);
    const p = publisher(fixture.broker.url, 'restart', points, { limits: { queue: 200 } });
    await p.start();
    await whenConnected(p);
    // Odd rounds change every point, even rounds the first 50: the queue both drops (600 topics, room
    // for 200) and replaces (the same 100 topics again while they wait).
    let round = 0;
    const latest = new Map<string, number>();
    const publishRound = () => {
      round++;
      const changed = round % 2 === 1 ? points : points.slice(0, 50);
      p.publish(
        batch(changed.map((pt, i) => okState(pt, round * 1000 + i, round * 1000 + i, { seq: round }))),
      );
      for (const [i, pt] of changed.entries()) latest.set(pt.id, round * 1000 + i);
    };
    for (let i = 0; i < 5; i++) publishRound();
    await fixture.broker.stop();
    const peaks: number[] = [];
    const deadline = Date.now() + 1500;
    while (Date.now() < deadline) {
      publishRound();
      peaks.push(p.status().counters.queued);
      await sleep(50);
    }
    expect(p.status().connection).not.toBe('connected');
    expect(Math.max(...peaks)).toBe(200);
    await fixture.broker.launch();
    publishRound();
    await whenConnected(p);
    const expected = new Map(points.map((pt) => [`restart/IED1/${pt.id}/value`, String(latest.get(pt.id))]));
    const retained = await waitForRetained(expected);
    expect(new Map([...retained].filter(([t]) => expected.has(t)))).toEqual(expected);
    const c = p.status().counters;
    expect(c.queued).toBe(0);
    expect(c.dropped).toBeGreaterThan(0);
    expect(c.superseded).toBeGreaterThan(0);
    expect(balanced(c)).toBe(true);
    expect(p.status().reconnects).toBe(1);
  });

  it('buffered-report events reach a subscriber in order after an outage, and leave the outbox only when acknowledged', async () => {
    const cut = open.add(await TcpCut.start(fixture.broker.port));
    const trip = samplePoints('IED1')[0]!;
    const sub = open.add(await Subscriber.connect(fixture.broker.url, ['events/IED1/trip/state']));
    const p = publisher(cut.url, 'events', [trip], { outboxPath: join(fixture.dir, 'outage.jsonl') }, 1);
    await p.start();
    await whenConnected(p);
    cut.cut();
    const values = [true, false, true, false, true];
    for (const [i, v] of values.entries())
      p.publish(batch([okState(trip, v, Number(v), { seq: i + 1, buffered: true })]));
    expect(p.status().counters.outbox).toBe(2 * values.length);
    cut.restore();
    await sub.waitFor(
      (m) => (JSON.parse(m.text) as { seq: number }).seq === values.length,
      15_000,
      'the last event',
    );
    // The events in order; after them the current state again (republished after every reconnect).
    const seen = sub
      .on('events/IED1/trip/state')
      .map((m) => JSON.parse(m.text) as { seq: number; value: boolean });
    expect(seen.slice(0, values.length).map((s) => s.value)).toEqual(values);
    expect(seen.slice(values.length).every((s) => s.seq === values.length)).toBe(true);
    await until(() => p.status().counters.outbox === 0, 'outbox empty');
    expect(p.status().counters.acknowledged).toBeGreaterThanOrEqual(2 * values.length);
  });

  it('buffered-report events survive a gateway killed before the broker acknowledged them', async () => {
    const cut = open.add(await TcpCut.start(fixture.broker.port));
    const trip = samplePoints('IED1')[0]!;
    const outboxPath = join(fixture.dir, 'killed.jsonl');
    const values = [true, false, true];
    const options = {
      settings: settings({ url: cut.url, topicRoot: 'killed', instanceId: 'gw-killed', qos: 1 }),
      points: [trip],
      ieds: [{ id: 'IED1', enabled: true }],
      outboxPath,
      ...FAST,
    };
    const child = await startChildPublisher({
      options,
      batches: values.map((v, i) => batch([okState(trip, v, Number(v), { seq: i + 1, buffered: true })])),
      waitForGo: true,
    });
    // The broker goes silent: the publishes leave, no PUBACK comes back.
    cut.blackhole();
    await child.go();
    await child.kill('SIGKILL');
    cut.cut();
    const sub = open.add(await Subscriber.connect(fixture.broker.url, ['killed/IED1/trip/state']));
    const restarted = publisher(fixture.broker.url, 'killed', [trip], { outboxPath, instanceId: 'gw-killed' }, 1);
    expect(restarted.status().counters.outbox).toBe(2 * values.length);
    await restarted.start();
    await sub.waitFor(
      (m) => (JSON.parse(m.text) as { seq: number }).seq === values.length,
      15_000,
      'the last event',
    );
    expect(
      sub.on('killed/IED1/trip/state').map((m) => (JSON.parse(m.text) as { value: boolean }).value),
    ).toEqual(values);
    await until(() => restarted.status().counters.outbox === 0, 'outbox empty');
  });
});

describe('many gateways, one broker', () => {
  it('runs two instances side by side: distinct client ids, each root intact', async () => {
    const sub = open.add(await Subscriber.connect(fixture.broker.url, ['relaygate/+/#']));
    const points = samplePoints('IED1').slice(0, 4);
    const a = open.add(
      new MqttPublisher({
        settings: settings({ url: fixture.broker.url, topicRoot: 'relaygate/site-a', instanceId: 'site-a' }),
        points,
        ieds: [{ id: 'IED1' }],
        ...FAST,
      }),
    );
    const b = open.add(
      new MqttPublisher({
        settings: settings({ url: fixture.broker.url, topicRoot: 'relaygate/site-b', instanceId: 'site-b' }),
        points,
        ieds: [{ id: 'IED1' }],
        ...FAST,
      }),
    );
    await Promise.all([a.start(), b.start()]);
    await Promise.all([whenConnected(a), whenConnected(b)]);
    expect([a.status().clientId, b.status().clientId]).toEqual(['relaygate-site-a', 'relaygate-site-b']);
    a.publish(batch(points.map((pt, i) => okState(pt, i === 0 ? true : 10 + i, 10 + i))));
    b.publish(batch(points.map((pt, i) => okState(pt, i === 0 ? false : 20 + i, 20 + i))));
    a.setIedStatus('IED1', 'connected');
    b.setIedStatus('IED1', 'error');
    await sleep(1500);
    expect([a.status().reconnects, b.status().reconnects]).toEqual([0, 0]);
    expect([a.status().connection, b.status().connection]).toEqual(['connected', 'connected']);
    const retained = await retainedOn(fixture.broker.url, ['relaygate/+/#']);
    expect(retained.get('relaygate/site-a/IED1/trip/value')).toBe('true');
    expect(retained.get('relaygate/site-b/IED1/trip/value')).toBe('false');
    expect(retained.get('relaygate/site-a/IED1/i8/value')).toBe('11');
    expect(retained.get('relaygate/site-b/IED1/i8/value')).toBe('21');
    expect(retained.get('relaygate/site-a/IED1/status')).toBe('connected');
    expect(retained.get('relaygate/site-b/IED1/status')).toBe('error');
    expect(JSON.parse(retained.get('relaygate/site-a/gateway')!).instanceId).toBe('site-a');
    expect(JSON.parse(retained.get('relaygate/site-b/gateway')!).instanceId).toBe('site-b');
    expect(
      sub.messages
        .filter((m) => m.topic.startsWith('relaygate/site-a/'))
        .every((m) => !m.topic.includes('site-b')),
    ).toBe(true);
  });

  it('warns when the default root already carries another gateway, not its own leftovers', async () => {
    const points = samplePoints('IED1').slice(0, 1);
    const first = open.add(
      new MqttPublisher({
        settings: settings({ url: fixture.broker.url, instanceId: 'first' }),
        points,
        ieds: [],
        ...FAST,
      }),
    );
    await first.start();
    await whenConnected(first);
    await sleep(300);
    const second = open.add(
      new MqttPublisher({
        settings: settings({ url: fixture.broker.url, instanceId: 'second' }),
        points,
        ieds: [],
        ...FAST,
        probeTimeoutMs: 3000,
      }),
    );
    await second.start();
    expect(second.status().warnings).toEqual([
      "another RelayGate (instance 'first') already publishes 'relaygate/status' (online) on this broker; " +
        "the default topic root 'relaygate' is taken: give each gateway its own root, e.g. 'relaygate/site-a'",
    ]);
    await second.stop();
    open.forget(second);
    await first.stop();
    open.forget(first);
    const again = open.add(
      new MqttPublisher({
        settings: settings({ url: fixture.broker.url, instanceId: 'first' }),
        points,
        ieds: [],
        ...FAST,
        probeTimeoutMs: 3000,
      }),
    );
    await again.start();
    expect(again.status().warnings).toEqual([]);
  });
});

/** The retained messages of the expected topics, once they all hold the expected text (or time is up). */
async function waitForRetained(expected: Map<string, string>): Promise<Map<string, string>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const retained = await retainedOn(fixture.broker.url, [
      ...new Set([...expected.keys()].map((t) => t.split('/')[0] + '/#')),
    ]);
    if ([...expected].every(([t, v]) => retained.get(t) === v) || Date.now() > deadline) return retained;
  }
}
