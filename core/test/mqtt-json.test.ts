import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { MqttPublisher, type MqttPublisherOptions } from '../outputs';
import { startChildPublisher } from './support/child-publisher';
import { mosquittoPerFile } from './support/broker-fixture';
import { retainedOn, Subscriber } from './support/mqtt-subscriber';
import { until } from './support/wait';
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

/**
 * The JSON topics of CONVENTIONS.md "MQTT" as a consumer on a real mosquitto sees them.
 */
const fixture = mosquittoPerFile();
const { open } = fixture;

let rootNo = 0;
/** Each test publishes under its own root so retained messages never leak between tests. */
function freshRoot(): string {
  return `rg-test-${process.pid}-${rootNo++}`;
}

async function startPublisher(
  o: Partial<MqttPublisherOptions> & { root: string; retain?: boolean },
): Promise<MqttPublisher> {
  const p = new MqttPublisher({
    settings: settings({
      url: fixture.broker.url,
      topicRoot: o.root,
      instanceId: 'gw-test',
      retain: o.retain ?? true,
    }),
    points: samplePoints('IED1'),
    ieds: [
      { id: 'IED1', enabled: true },
      { id: 'IED2', enabled: false },
    ],
    ...FAST,
    ...o,
  });
  open.add(p);
  await p.start();
  await whenConnected(p);
  return p;
}

describe('MQTT JSON topics on mosquitto', () => {
  it('publishes every point type as /value and /state, retained', async () => {
    const root = freshRoot();
    const p = await startPublisher({ root });
    const points = samplePoints('IED1');
    p.publish(batch(SAMPLES.map((s, i) => okState(points[i]!, s.value, s.numeric))));
    const topics = SAMPLES.flatMap((s) => [`${root}/IED1/${s.id}/value`, `${root}/IED1/${s.id}/state`]);
    const retained = await waitRetained(topics.length + 2, [`${root}/#`]);
    expect(retained.get(`${root}/status`)).toBe('online');
    expect(JSON.parse(retained.get(`${root}/gateway`)!)).toMatchObject({
      instanceId: 'gw-test',
      clientId: 'relaygate-gw-test',
      payload: 'json',
    });
    for (const s of SAMPLES) {
      expect(retained.get(`${root}/IED1/${s.id}/value`), s.type).toBe(s.text);
      const state = JSON.parse(retained.get(`${root}/IED1/${s.id}/state`)!) as Record<string, unknown>;
      expect(state, s.type).toEqual({
        value: typeof s.value === 'number' ? Number(s.text) : s.value,
        type: s.type,
        quality: { validity: 'good', flags: [], raw: 0 },
        status: 'ok',
        deviceTime: DEVICE_TIME,
        localTime: new Date(Date.parse(DEVICE_TIME) + 25).toISOString(),
        seq: 1,
        ref: s.ref,
        fc: s.fc,
        source: 'report',
        test: false,
        reason: null,
      });
    }
    const counters = p.status().counters;
    expect(counters.sent).toBe(counters.generated);
    expect(counters.queued + counters.dropped).toBe(0);
  });

  it('with retain off, point messages reach live subscribers only', async () => {
    const root = freshRoot();
    const live = await Subscriber.connect(fixture.broker.url, [`${root}/#`]);
    open.add(live);
    const p = await startPublisher({ root, retain: false });
    const [trip] = samplePoints('IED1');
    p.publish(batch([okState(trip!, true, 1)]));
    const m = await live.waitText(`${root}/IED1/trip/value`, 'true');
    expect(m.retain).toBe(false);
    const retained = await retainedOn(fixture.broker.url, [`${root}/#`]);
    expect([...retained.keys()].filter((t) => t.startsWith(`${root}/IED1/trip`))).toEqual([]);
    expect(retained.get(`${root}/status`)).toBe('online');
  });

  it('publishes each IED status, retained', async () => {
    const root = freshRoot();
    const sub = await Subscriber.connect(fixture.broker.url, [`${root}/+/status`]);
    open.add(sub);
    const p = await startPublisher({ root });
    await sub.waitText(`${root}/IED1/status`, 'connecting');
    await sub.waitText(`${root}/IED2/status`, 'disconnected');
    for (const status of ['connected', 'disconnected', 'connecting', 'error'] as const) {
      p.setIedStatus('IED1', status);
      await sub.waitText(`${root}/IED1/status`, status);
    }
    p.setIedStatus('IED1', 'error');
    p.setIedStatus('NOPE', 'connected');
    const retained = await retainedOn(fixture.broker.url, [`${root}/+/status`]);
    expect(retained.get(`${root}/IED1/status`)).toBe('error');
    expect(sub.on(`${root}/IED1/status`).map((m) => m.text)).toEqual([
      'connecting',
      'connected',
      'disconnected',
      'connecting',
      'error',
    ]);
    expect(sub.on(`${root}/NOPE/status`)).toEqual([]);
  });

  it('publishes a stale transition once, and the value only when it changes', async () => {
    const root = freshRoot();
    const sub = await Subscriber.connect(fixture.broker.url, [`${root}/IED1/amps/#`]);
    open.add(sub);
    const p = await startPublisher({ root });
    const amps = samplePoints('IED1').find((x) => x.id === 'amps')!;
    p.publish(batch([okState(amps, 10, 10, { seq: 1 })]));
    for (let i = 0; i < 4; i++)
      p.publish(batch([okState(amps, 10, 10, { seq: 1, status: 'stale', reason: 'no update for 3 s' })]));
    p.publish(batch([okState(amps, 11, 11, { seq: 2 })]));
    // /value goes out before /state: wait for the last /state.
    await sub.waitFor((m) => m.topic === `${root}/IED1/amps/state` && m.text.startsWith('{"value":11,'));
    const states = sub
      .on(`${root}/IED1/amps/state`)
      .map((m) => JSON.parse(m.text) as { status: string; value: number; reason: string | null });
    expect(states.map((s) => [s.status, s.value, s.reason])).toEqual([
      ['ok', 10, null],
      ['stale', 10, 'no update for 3 s'],
      ['ok', 11, null],
    ]);
    expect(sub.on(`${root}/IED1/amps/value`).map((m) => m.text)).toEqual(['10', '11']);
  });

  it('holds analog moves inside the deadband', async () => {
    const root = freshRoot();
    const sub = await Subscriber.connect(fixture.broker.url, [`${root}/IED1/amps/value`]);
    open.add(sub);
    const amps = pointConfig(
      'IED1',
      { id: 'amps', type: 'float32', ref: 'LD0/MMXU1.A.phsA.cVal.mag.f', fc: 'MX' },
      { deadband: { kind: 'absolute', value: 1 } },
    );
    const p = await startPublisher({ root, points: [amps] });
    for (const v of [100, 100.5, 100.9, 101.5, 101, 99]) p.publish(batch([okState(amps, v, v)]));
    await sub.waitText(`${root}/IED1/amps/value`, '99');
    expect(sub.on(`${root}/IED1/amps/value`).map((m) => m.text)).toEqual(['100', '101.5', '99']);
  });

  it('republishes the current state every republishSeconds, without a change', async () => {
    const root = freshRoot();
    const sub = open.add(await Subscriber.connect(fixture.broker.url, [`${root}/IED1/amps/state`]));
    const p = await startPublisher({
      root,
      settings: settings({ url: fixture.broker.url, topicRoot: root, republishSeconds: 1 }),
    });
    const amps = samplePoints('IED1').find((x) => x.id === 'amps')!;
    p.publish(batch([okState(amps, 7, 7, { seq: 3 })]));
    await sub.waitFor((m) => sub.on(m.topic).length >= 3, 10_000, 'the third /state');
    const seqs = sub.on(`${root}/IED1/amps/state`).map((m) => (JSON.parse(m.text) as { seq: number }).seq);
    expect(seqs.slice(0, 3)).toEqual([3, 3, 3]);
  });

  it('publishes nothing when MQTT is disabled', async () => {
    const root = freshRoot();
    const p = open.add(
      new MqttPublisher({
        settings: settings({ url: fixture.broker.url, topicRoot: root, enabled: false }),
        points: samplePoints('IED1'),
        ieds: [{ id: 'IED1' }],
        ...FAST,
      }),
    );
    await p.start();
    p.publish(batch([okState(samplePoints('IED1')[0]!, true, 1)]));
    expect(p.status()).toMatchObject({ enabled: false, connection: 'disabled' });
    expect(p.status().counters.generated).toBe(0);
    expect((await retainedOn(fixture.broker.url, [`${root}/#`])).size).toBe(0);
  });

  it('a clean stop says offline and every IED disconnected', async () => {
    const root = freshRoot();
    const p = await startPublisher({ root });
    p.setIedStatus('IED1', 'connected');
    await p.stop();
    open.forget(p);
    const retained = await retainedOn(fixture.broker.url, [`${root}/status`, `${root}/+/status`]);
    expect(Object.fromEntries(retained)).toEqual({
      [`${root}/status`]: 'offline',
      [`${root}/IED1/status`]: 'disconnected',
      [`${root}/IED2/status`]: 'disconnected',
    });
  });

  it('the broker publishes the Last Will when the gateway process is killed (seen by mosquitto_sub)', async () => {
    const root = freshRoot();
    const points = samplePoints('IED1');
    const gateway = await startChildPublisher({
      options: {
        settings: settings({ url: fixture.broker.url, topicRoot: root, instanceId: 'gw-child' }),
        points,
        ieds: [{ id: 'IED1', enabled: true }],
        ...FAST,
      },
      batches: [batch([okState(points[0]!, true, 1)])],
      ieds: { IED1: 'connected' },
    });
    const sub = spawn('mosquitto_sub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(fixture.broker.port),
      '-v',
      '-t',
      `${root}/status`,
      '-t',
      `${root}/IED1/trip/value`,
    ]);
    const lines: string[] = [];
    createInterface({ input: sub.stdout }).on('line', (l) => lines.push(l));
    const seen = (line: string) =>
      until(
        () => lines.includes(line),
        `mosquitto_sub printing '${line}' (got ${lines.length} lines)`,
        10_000,
      );
    try {
      await seen(`${root}/status online`);
      await seen(`${root}/IED1/trip/value true`);
      await gateway.kill('SIGKILL');
      await seen(`${root}/status offline`);
    } finally {
      sub.kill();
      await gateway.kill();
    }
    const retained = await retainedOn(fixture.broker.url, [`${root}/status`]);
    expect(retained.get(`${root}/status`)).toBe('offline');
  });
});

/** Retained messages under the topics, once at least `count` have arrived. */
async function waitRetained(count: number, topics: string[]): Promise<Map<string, string>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const retained = await retainedOn(fixture.broker.url, topics);
    if (retained.size >= count || Date.now() > deadline) return retained;
  }
}
