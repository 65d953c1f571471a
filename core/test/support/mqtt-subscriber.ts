import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/**
 * An independent MQTT client that records everything it receives, for asserting what a consumer sees.
 */
export interface Received {
  topic: string;
  payload: Buffer;
  text: string;
  retain: boolean;
  qos: number;
}

/**
 * What a consumer received, in order, with waiters for what is still to come: the common part of the
 * mqtt.js subscriber below and of `mosquitto_sub` (mosquitto-sub.ts).
 */
export class MessageLog<M extends Received = Received> {
  readonly messages: M[] = [];
  private waiters: { test: (m: M) => boolean; ok: (m: M) => void }[] = [];

  protected add(m: M): void {
    this.messages.push(m);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(m)) return true;
      w.ok(m);
      return false;
    });
  }

  /** Messages on a topic so far, oldest first. */
  on(topic: string): M[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** The last message on a topic, or undefined. */
  last(topic: string): M | undefined {
    return this.on(topic).at(-1);
  }

  /** Resolves with the first message (already received or coming) that passes the test. */
  waitFor(test: (m: M) => boolean, timeoutMs = 10_000, what = 'a message'): Promise<M> {
    const seen = this.messages.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.next(test, timeoutMs, what);
  }

  /** Resolves with the first message still to come that passes the test. */
  next(test: (m: M) => boolean, timeoutMs = 10_000, what = 'a message'): Promise<M> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`no ${what} within ${timeoutMs} ms; got ${this.messages.length} messages`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        ok: (m) => {
          clearTimeout(timer);
          ok(m);
        },
      });
    });
  }

  /** Resolves with a topic's message whose text is `text`. */
  waitText(topic: string, text: string, timeoutMs = 10_000): Promise<M> {
    return this.waitFor((m) => m.topic === topic && m.text === text, timeoutMs, `'${text}' on ${topic}`);
  }
}

export class Subscriber extends MessageLog {
  private constructor(readonly client: MqttClient) {
    super();
    client.on('message', (topic, payload, packet) => {
      this.add({
        topic,
        payload,
        text: payload.toString(),
        retain: packet.retain,
        qos: packet.qos,
      });
    });
  }

  static async connect(url: string, topics: string[], options: IClientOptions = {}): Promise<Subscriber> {
    const client = await mqtt.connectAsync(url, {
      reconnectPeriod: 0,
      clientId: `test-sub-${Math.random().toString(16).slice(2)}`,
      ...options,
    });
    const sub = new Subscriber(client);
    await client.subscribeAsync(topics, { qos: 1 });
    return sub;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** The retained messages a fresh client gets for these topics (waits `settleMs` after SUBACK). */
export async function retainedOn(
  url: string,
  topics: string[],
  settleMs = 400,
  options: IClientOptions = {},
): Promise<Map<string, string>> {
  const sub = await Subscriber.connect(url, topics, options);
  await new Promise((r) => setTimeout(r, settleMs));
  await sub.close();
  return new Map(sub.messages.filter((m) => m.retain).map((m) => [m.topic, m.text]));
}
