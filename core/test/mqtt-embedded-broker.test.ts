import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedBroker, MqttPublisher } from '../outputs';
import { startChildPublisher } from './support/child-publisher';
import { Closer } from './support/closer';
import { Subscriber } from './support/mqtt-subscriber';
import { batch, FAST, okState, samplePoints, settings, whenConnected } from './support/mqtt-points';

/**
 * The embedded aedes broker `relaygate demo` starts when no broker is configured.
 */
const open = new Closer();
afterEach(async () => {
  await open.closeAll();
});

async function broker(o: ConstructorParameters<typeof EmbeddedBroker>[0] = {}): Promise<EmbeddedBroker> {
  const b = new EmbeddedBroker({ port: 0, ...o });
  open.add(b);
  await b.start();
  return b;
}

describe('EmbeddedBroker', () => {
  it('binds 127.0.0.1 by default and carries the gateway topics, retained', async () => {
    const b = await broker();
    expect(b.address().host).toBe('127.0.0.1');
    expect(b.address().url).toBe(`mqtt://127.0.0.1:${b.address().port}`);
    const points = samplePoints('IED1');
    const p = new MqttPublisher({
      settings: settings({ url: b.address().url, instanceId: 'demo' }),
      points,
      ieds: [{ id: 'IED1' }],
      ...FAST,
    });
    open.add(p);
    await p.start();
    await whenConnected(p);
    p.publish(batch([okState(points[0]!, true, 1)]));
    const sub = await Subscriber.connect(b.address().url, ['relaygate/#']);
    open.add(sub);
    await sub.waitText('relaygate/IED1/trip/value', 'true');
    expect(sub.last('relaygate/IED1/trip/value')?.retain).toBe(true);
    expect(sub.last('relaygate/status')?.text).toBe('online');
    expect(b.clients).toBe(2);
  });

  it('asks for the user name and password when given one', async () => {
    const b = await broker({ username: 'demo', password: 'pw' });
    const url = b.address().url;
    const ok = await mqtt.connectAsync(url, { username: 'demo', password: 'pw', reconnectPeriod: 0 });
    await ok.endAsync();
    for (const creds of [{ username: 'demo', password: 'nope' }, { username: 'other', password: 'pw' }, {}]) {
      await expect(
        mqtt.connectAsync(url, { ...creds, reconnectPeriod: 0 }),
        JSON.stringify(creds),
      ).rejects.toThrow(/bad user ?name or password/i);
    }
  });

  it('publishes the Last Will when the gateway process dies', async () => {
    const b = await broker();
    const sub = await Subscriber.connect(b.address().url, ['relaygate/status']);
    open.add(sub);
    const child = await startChildPublisher({
      options: {
        settings: settings({ url: b.address().url, instanceId: 'demo-child' }),
        points: [],
        ieds: [],
        ...FAST,
      },
    });
    await sub.waitText('relaygate/status', 'online');
    await child.kill('SIGKILL');
    await sub.waitText('relaygate/status', 'offline');
  });

  it('refuses a password without a user name, and a taken port with the address', async () => {
    expect(() => new EmbeddedBroker({ password: 'x' })).toThrow(/password but no user name/);
    const b = await broker();
    const clash = new EmbeddedBroker({ port: b.address().port });
    await expect(clash.start()).rejects.toThrow(new RegExp(`cannot listen on 127.0.0.1:${b.address().port}`));
  });

  it('stops: no more clients', async () => {
    const b = new EmbeddedBroker({ port: 0 });
    const { url } = await b.start();
    await b.stop();
    await expect(mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2000 })).rejects.toThrow();
  });
});
