import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MqttSettingsSchema } from '../../contract';
import { backoffDelay } from './broker-link';
import { clientOptions, connectionIdentity, redactUrl } from './client-options';

const base = (over: object = {}) => MqttSettingsSchema.parse(over);

describe('connectionIdentity', () => {
  it('defaults the instance to the host name and the client id to relaygate-<instance>', () => {
    expect(connectionIdentity(base())).toEqual({
      instanceId: hostname(),
      clientId: `relaygate-${hostname()}`,
    });
    expect(connectionIdentity(base({ instanceId: 'site-a' }))).toEqual({
      instanceId: 'site-a',
      clientId: 'relaygate-site-a',
    });
    expect(connectionIdentity(base({ instanceId: 'site-a', clientId: 'custom' }))).toEqual({
      instanceId: 'site-a',
      clientId: 'custom',
    });
    expect(connectionIdentity(base({ instanceId: 'site-a' }), 'override').instanceId).toBe('override');
  });
});

describe('clientOptions', () => {
  const input = (settings: ReturnType<typeof base>, password?: string) => ({
    settings,
    identity: { instanceId: 'i', clientId: 'c' },
    password,
    baseDir: '/',
    keepaliveSeconds: 30,
    connectTimeoutMs: 5000,
  });

  it('never lets mqtt.js reconnect or queue on its own', () => {
    expect(clientOptions(input(base()))).toMatchObject({
      clientId: 'c',
      clean: true,
      reconnectPeriod: 0,
      queueQoSZero: false,
      protocolVersion: 4,
    });
  });

  it('verifies TLS by default on mqtts:// and wss://', () => {
    expect(clientOptions(input(base({ url: 'mqtts://broker:8883' }))).rejectUnauthorized).toBe(true);
    expect(clientOptions(input(base({ url: 'wss://broker/mqtt' }))).rejectUnauthorized).toBe(true);
    expect(
      clientOptions(input(base({ url: 'mqtts://b', tls: { rejectUnauthorized: false } }))).rejectUnauthorized,
    ).toBe(false);
  });

  it('takes PEM text as is', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(clientOptions(input(base({ url: 'mqtts://b', tls: { ca: pem } }))).ca?.toString()).toBe(pem);
  });

  it('sends user name and password, and refuses a password alone', () => {
    expect(clientOptions(input(base({ username: 'u' }), 'p'))).toMatchObject({
      username: 'u',
      password: 'p',
    });
    expect(() => clientOptions(input(base(), 'p'))).toThrow(/password but no user name/);
  });
});

describe('redactUrl', () => {
  it.each([
    ['mqtt://user:pw@broker:1883', 'mqtt://broker:1883'],
    ['mqtts://127.0.0.1:8883', 'mqtts://127.0.0.1:8883'],
    ['wss://u:p@broker.example/mqtt', 'wss://broker.example/mqtt'],
  ])('%s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('backoffDelay', () => {
  it('doubles from the minimum to the maximum, plus up to 20% jitter', () => {
    const b = { minMs: 1000, maxMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, b, () => 0))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(0, b, () => 1)).toBe(1200);
    expect(backoffDelay(1e9, b, () => 0.5)).toBe(33000);
  });
});
