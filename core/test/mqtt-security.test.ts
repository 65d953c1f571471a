import { readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MqttSettings } from '../contract';
import { MqttPublisher } from '../outputs';
import { Closer } from './support/closer';
import { Mosquitto } from './support/mosquitto';
import { Subscriber } from './support/mqtt-subscriber';
import { batch, FAST, okState, samplePoints, settings, whenConnected } from './support/mqtt-points';
import { makeTestPki, type TestPki } from './support/tls-certs';

/**
 * Broker security as a production site sets it up: user name and password, TLS with a CA the gateway
 * must verify and a client certificate the broker requires, and WebSocket URLs.
 */
let pki: TestPki;
let broker: Mosquitto;
const USER = 'gateway';
const PASS = 's3cret-Ω';
const open = new Closer();

beforeAll(async () => {
  pki = makeTestPki();
  broker = await Mosquitto.start({
    users: { [USER]: PASS, reader: 'reader' },
    tls: { ca: pki.ca, cert: pki.serverCert, key: pki.serverKey, requireCertificate: true },
    websockets: true,
  });
});
afterAll(async () => {
  await broker.dispose();
  rmSync(pki.dir, { recursive: true, force: true });
});
afterEach(async () => {
  await open.closeAll();
});

const points = samplePoints('IED1');
let n = 0;

function publisher(
  over: Partial<MqttSettings> & { url: string },
  password: string | null = PASS,
): MqttPublisher {
  const root = `sec-${n++}`;
  const p = new MqttPublisher({
    settings: settings({ topicRoot: root, instanceId: `gw-${root}`, username: USER, ...over }),
    points,
    ieds: [{ id: 'IED1', enabled: true }],
    ...(password === null ? {} : { password }),
    ...FAST,
  });
  open.add(p);
  return p;
}

/** Starts the publisher and checks a reader sees its values through the plain listener. */
async function publishesThrough(p: MqttPublisher): Promise<void> {
  await p.start();
  await whenConnected(p);
  const root = p.topics.root;
  const reader = await Subscriber.connect(broker.url, [`${root}/#`], {
    username: 'reader',
    password: 'reader',
  });
  open.add(reader);
  p.publish(batch([okState(points[0]!, true, 1)]));
  await reader.waitText(`${root}/IED1/trip/value`, 'true');
  expect(reader.last(`${root}/status`)?.text).toBe('online');
}

async function refusal(p: MqttPublisher): Promise<string> {
  await p.start();
  const deadline = Date.now() + 10_000;
  while (p.status().lastError === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const s = p.status();
  expect(s.connection).not.toBe('connected');
  expect(s.connectedSince).toBeNull();
  expect(s.counters.sent).toBe(0);
  return s.lastError ?? '';
}

describe('MQTT broker security on mosquitto', () => {
  it('connects with the right user name and password', async () => {
    await publishesThrough(publisher({ url: broker.url }));
  });

  it('is refused with a wrong password, and says so', async () => {
    expect(await refusal(publisher({ url: broker.url }, 'wrong'))).toMatch(/not authori[sz]ed/i);
  });

  it('is refused without credentials on a broker that wants them', async () => {
    expect(await refusal(publisher({ url: broker.url, username: undefined }, null))).toMatch(
      /not authori[sz]ed/i,
    );
  });

  it('says a password without a user name is a configuration error', async () => {
    expect(await refusal(publisher({ url: broker.url, username: undefined }))).toMatch(
      /password but no user name/,
    );
  });

  it('TLS: verifies the broker against the CA and presents a client certificate (files)', async () => {
    await publishesThrough(
      publisher({
        url: broker.tlsUrl,
        tls: { ca: pki.ca, cert: pki.clientCert, key: pki.clientKey, rejectUnauthorized: true },
      }),
    );
  });

  it('TLS: takes the CA and certificates as PEM text too', async () => {
    const pem = (f: string) => readFileSync(f, 'utf8');
    await publishesThrough(
      publisher({
        url: broker.tlsUrl,
        tls: {
          ca: pem(pki.ca),
          cert: pem(pki.clientCert),
          key: pem(pki.clientKey),
          rejectUnauthorized: true,
        },
      }),
    );
  });

  it('TLS: refuses a broker whose certificate another CA signed (verification on by default)', async () => {
    const p = publisher({
      url: broker.tlsUrl,
      tls: { ca: pki.otherCa, cert: pki.clientCert, key: pki.clientKey, rejectUnauthorized: true },
    });
    expect(await refusal(p)).toMatch(/certificate|self.signed|unable to verify/i);
  });

  it('TLS: the broker refuses a gateway without a client certificate', async () => {
    const p = publisher({ url: broker.tlsUrl, tls: { ca: pki.ca, rejectUnauthorized: true } });
    expect(await refusal(p)).not.toBe('');
  });

  it('TLS: a missing certificate file is an error naming the field and the path', async () => {
    const p = publisher({ url: broker.tlsUrl, tls: { ca: '/nonexistent/ca.pem', rejectUnauthorized: true } });
    expect(await refusal(p)).toMatch(/tls\.ca: cannot read '\/nonexistent\/ca.pem'/);
  });

  it('WebSocket: ws:// and wss://', async () => {
    await publishesThrough(publisher({ url: broker.wsUrl }));
    await publishesThrough(publisher({ url: broker.wssUrl, tls: { ca: pki.ca, rejectUnauthorized: true } }));
  });

  it('never shows the password in its status', async () => {
    const p = publisher({ url: `mqtt://${USER}:${encodeURIComponent(PASS)}@127.0.0.1:${broker.port}` });
    await publishesThrough(p);
    expect(JSON.stringify(p.status())).not.toContain('s3cret');
    expect(p.status().url).toBe(`mqtt://127.0.0.1:${broker.port}`);
  });
});
