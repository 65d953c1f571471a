import mqtt, { type MqttClient } from 'mqtt';
import type { Seen } from './mqtt-check';

/**
 * A plain MQTT subscriber (mqtt.js, as any consumer would use it) on the gateway's topic root: it keeps
 * the last message of each topic it is asked about, with its arrival time (performance.now()), and calls
 * back on each so the check waits on messages, not on timers.
 */
export class MqttWatch {
  private readonly last = new Map<string, Seen>();
  /** Called for every message on a topic of interest. */
  onMessage: ((topic: string) => void) | undefined;

  private constructor(
    private readonly client: MqttClient,
    private readonly wanted: ReadonlySet<string>,
  ) {
    client.on('message', (topic, payload) => {
      if (!this.wanted.has(topic)) return;
      this.last.set(topic, { text: payload.toString('utf8'), at: performance.now() });
      this.onMessage?.(topic);
    });
  }

  static async connect(url: string, root: string, wanted: ReadonlySet<string>): Promise<MqttWatch> {
    const client = await mqtt.connectAsync(url, {
      clientId: `relaygate-verify-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 0,
      connectTimeout: 5000,
    });
    const watch = new MqttWatch(client, wanted);
    await client.subscribeAsync(`${root}/#`, { qos: 1 });
    return watch;
  }

  /** The last message on a topic if it arrived at or after `since`; null otherwise. */
  since(topic: string, since: number): Seen | null {
    const m = this.last.get(topic);
    return m !== undefined && m.at >= since ? m : null;
  }

  /** The last message on a topic, whenever it arrived. */
  latest(topic: string): Seen | null {
    return this.last.get(topic) ?? null;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
