import { describe, expect, it } from 'vitest';
import { MqttSettingsSchema } from '../../contract';
import { parseState, PrimaryHostWatch } from './primary-host';

const bytes = (text: string) => new TextEncoder().encode(text);
const state = (online: boolean, timestamp: number) => bytes(JSON.stringify({ online, timestamp }));

function watch() {
  const warnings: string[] = [];
  return { w: new PrimaryHostWatch('scada', (m) => warnings.push(m)), warnings };
}

describe('PrimaryHostWatch', () => {
  it('turns accepted STATE messages into online/offline transitions', () => {
    const { w, warnings } = watch();
    expect(w.topic).toBe('spBv1.0/STATE/scada');
    w.connected();
    expect(w.status()).toEqual({
      id: 'scada',
      online: null,
      timestamp: null,
      text: "waiting for primary host 'scada' (no STATE message on this connection yet)",
    });
    expect(w.receive('spBv1.0/STATE/other', state(true, 10))).toBe('unchanged');
    expect(w.receive(w.topic, state(true, 1000))).toBe('online');
    expect(w.isOnline).toBe(true);
    expect(w.receive(w.topic, state(true, 2000))).toBe('unchanged');
    expect(w.receive(w.topic, state(false, 3000))).toBe('offline');
    expect(w.status()).toMatchObject({ online: false, timestamp: new Date(3000).toISOString() });
    expect(warnings).toEqual([]);
  });

  it('ignores a STATE older than the last accepted, across reconnects; an equal timestamp is accepted', () => {
    const { w } = watch();
    w.connected();
    expect(w.receive(w.topic, state(true, 5000))).toBe('online');
    expect(w.receive(w.topic, state(false, 4999))).toBe('unchanged');
    expect(w.isOnline).toBe(true);
    expect(w.receive(w.topic, state(false, 6000))).toBe('offline');
    w.connected();
    expect(w.status().online).toBeNull();
    // The retained offline STATE that caused the disconnect, again on the new session.
    expect(w.receive(w.topic, state(false, 6000))).toBe('offline');
    expect(w.receive(w.topic, state(true, 5500))).toBe('unchanged');
    expect(w.isOnline).toBe(false);
    expect(w.receive(w.topic, state(true, 7000))).toBe('online');
  });

  it('warns about a malformed payload, naming the topic and the fault, and changes nothing', () => {
    const { w, warnings } = watch();
    w.connected();
    expect(w.receive(w.topic, bytes('ONLINE'))).toBe('unchanged');
    expect(w.receive(w.topic, bytes('{"online":"yes","timestamp":1}'))).toBe('unchanged');
    expect(w.status()).toMatchObject({ online: null, timestamp: null });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^ignored the Sparkplug STATE message on 'spBv1\.0\/STATE\/scada': not UTF-8 JSON/);
    expect(warnings[1]).toBe(
      `ignored the Sparkplug STATE message on 'spBv1.0/STATE/scada': "online" is "yes", not a boolean`,
    );
  });
});

describe('parseState', () => {
  it.each([
    ['{"online":true,"timestamp":1700000000000}', { online: true, timestamp: 1700000000000 }],
    ['{"timestamp":0,"online":false,"extra":1}', { online: false, timestamp: 0 }],
    ['{"online":true}', '"timestamp" is missing, not a UTC time in milliseconds'],
    ['{"online":true,"timestamp":-1}', '"timestamp" is -1, not a UTC time in milliseconds'],
    ['{"online":true,"timestamp":1.5}', '"timestamp" is 1.5, not a UTC time in milliseconds'],
    ['{"online":true,"timestamp":"1700000000000"}', '"timestamp" is "1700000000000", not a UTC time in milliseconds'],
    ['{"timestamp":1}', '"online" is missing, not a boolean'],
    ['[true, 1]', 'not a JSON object {"online": <boolean>, "timestamp": <ms>}'],
    ['null', 'not a JSON object {"online": <boolean>, "timestamp": <ms>}'],
  ])('%s', (text, expected) => {
    expect(parseState(bytes(text))).toEqual(expected);
  });

  it('refuses bad UTF-8 and oversized payloads before parsing', () => {
    expect(parseState(Uint8Array.of(0x7b, 0xff, 0x7d))).toMatch(/^not UTF-8 JSON/);
    expect(parseState(bytes(`{"online":true,"timestamp":1,"pad":"${'x'.repeat(2000)}"}`))).toMatch(
      /^2\d{3} bytes, more than the 1024 a STATE payload may have$/,
    );
  });
});

describe('mqtt.sparkplug.primaryHostId', () => {
  const parse = (primaryHostId: string) =>
    MqttSettingsSchema.safeParse({ payload: 'sparkplug', sparkplug: { primaryHostId } });

  it('is one MQTT topic level', () => {
    expect(parse('scada-1').success).toBe(true);
    for (const bad of ['', 'a/b', 'a+', '#', 'x\u0000'])
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(parse('a/b').error?.issues[0]).toMatchObject({
      path: ['sparkplug', 'primaryHostId'],
      message: 'one MQTT topic level: no +, #, / or NUL',
    });
  });

  it('is optional: absent keeps the births immediate', () => {
    const s = MqttSettingsSchema.parse({ payload: 'sparkplug', sparkplug: {} });
    expect(s.sparkplug).toEqual({ groupId: 'RelayGate' });
  });
});
