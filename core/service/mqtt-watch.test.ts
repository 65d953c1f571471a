import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MqttStatus } from '../contract';
import { mqttStatusAtRest } from '../outputs';
import { MqttWatch } from './mqtt-watch';

const base: MqttStatus = {
  ...mqttStatusAtRest({ enabled: true, url: 'mqtt://user:secret@127.0.0.1:1883', topicRoot: 'relaygate', qos: 0, retain: true, republishSeconds: 0, payload: 'json', instanceId: 'gw1' }),
  connection: 'connecting',
};
const sent = (n: number): MqttStatus => ({ ...base, connection: 'connected', counters: { ...base.counters, generated: n, sent: n } });

afterEach(() => {
  vi.useRealTimers();
});

describe('MqttWatch', () => {
  it('sends the status at start, then at most once per interval and only when it changed', () => {
    vi.useFakeTimers();
    const emitted: MqttStatus[] = [];
    const watch = new MqttWatch(1000, (s) => emitted.push(s));
    let now = base;
    watch.start(() => now);
    expect(emitted.map((s) => s.connection)).toEqual(['connecting']);
    // Thousands of messages within one interval: one event with the counters at its end.
    for (let n = 1; n <= 5000; n++) now = sent(n);
    vi.advanceTimersByTime(999);
    expect(emitted).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(emitted.map((s) => s.counters.sent)).toEqual([0, 5000]);
    // Nothing changed: nothing sent.
    vi.advanceTimersByTime(5000);
    expect(emitted).toHaveLength(2);
    now = { ...sent(5000), connection: 'waiting', lastError: 'connect ECONNREFUSED 127.0.0.1:1883' };
    vi.advanceTimersByTime(1000);
    expect(emitted.at(-1)).toMatchObject({ connection: 'waiting', lastError: 'connect ECONNREFUSED 127.0.0.1:1883' });
    watch.stop({ ...now, connection: 'stopped' });
    expect(emitted.at(-1)?.connection).toBe('stopped');
    const count = emitted.length;
    vi.advanceTimersByTime(5000);
    expect(emitted).toHaveLength(count);
  });
});

describe('mqttStatusAtRest', () => {
  it('shows the project settings without credentials, stopped when MQTT is on, disabled when off or no project', () => {
    expect(base).toMatchObject({ enabled: true, url: 'mqtt://127.0.0.1:1883', clientId: 'relaygate-gw1', instanceId: 'gw1', topicRoot: 'relaygate', recent: [], sparkplug: null });
    expect(base.connection === 'connecting' && mqttStatusAtRest({ enabled: true, url: 'mqtt://h:1', topicRoot: 'r', qos: 0, retain: true, republishSeconds: 0, payload: 'json' }).connection).toBe('stopped');
    expect(mqttStatusAtRest({ enabled: false, url: 'mqtt://h:1', topicRoot: 'r', qos: 0, retain: true, republishSeconds: 0, payload: 'json' }).connection).toBe('disabled');
    expect(mqttStatusAtRest(null)).toMatchObject({ enabled: false, connection: 'disabled', url: '', counters: { sent: 0, dropped: 0 } });
  });
});
