import type { MqttClient } from 'mqtt';
import type { MqttCounters, MqttRecentMessage } from '../../contract';
import { RingBuffer } from '../../shared';
import { LatestQueue } from './latest-queue';
import type { Outbox, OutboxItem } from './outbox';

/**
 * Hands messages to the broker connection and keeps the books (docs/MQTT.md "Diagnostics"). Three paths:
 *
 * - `latest`: a state message. Sent now when connected; otherwise (or while the socket's write buffer is
 *   over its high-water mark) it waits in the bounded queue where the newest value per topic wins.
 * - `event`: a buffered-report event at QoS 1/2. Into the outbox first (persisted), then sent; it leaves
 *   the outbox only when the broker acknowledges it.
 * - `live`: sent only when connected, else never made (Sparkplug: the next BIRTH carries the state).
 *
 * Every message made is counted once in `generated` and ends in exactly one of sent, queued,
 * superseded or dropped (outbox events: sent, or still in the outbox, or dropped).
 */
export interface OutMessage {
  topic: string;
  payload: string | Uint8Array;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** What the UI shows for a binary payload. */
  summary?: string;
}

export interface SenderLimits {
  queue: number;
  recent: number;
}

const RECENT_CHARS = 300;

interface Recent {
  at: number;
  m: OutMessage;
}

export class MessageSender {
  private client: MqttClient | null = null;
  private readonly queue: LatestQueue<OutMessage>;
  private readonly recentRing: RingBuffer<Recent>;
  private waitingForDrain = false;
  private c = { generated: 0, sent: 0, acknowledged: 0, resent: 0, errors: 0 };
  lastError: string | null = null;

  constructor(
    private readonly outbox: Outbox,
    limits: SenderLimits,
  ) {
    this.queue = new LatestQueue(limits.queue);
    this.recentRing = new RingBuffer(limits.recent);
    this.c.generated = outbox.size;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** Connected and the socket takes more now: a producer may write on. */
  writable(): boolean {
    return this.client !== null && !this.congested();
  }

  /** Called when the socket drained and the queue is empty again: a paused producer may resume. */
  onDrained: (() => void) | null = null;

  attach(client: MqttClient): void {
    this.client = client;
    this.waitingForDrain = false;
    this.lastError = null;
  }

  detach(): void {
    this.client = null;
    this.outbox.connectionLost();
  }

  latest(m: OutMessage): void {
    this.c.generated++;
    // While anything waits in the queue, new messages queue behind it: written directly they could
    // overtake an older value of their own topic, which would then arrive last (and stay retained).
    if (this.client !== null && this.queue.size === 0 && !this.congested()) this.write(m);
    else {
      this.queue.put(m.topic, m);
      if (this.client !== null) this.flushQueue();
    }
  }

  event(m: OutMessage & { qos: 1 | 2 }): void {
    this.c.generated++;
    const item = this.outbox.add({
      topic: m.topic,
      payload: String(m.payload),
      qos: m.qos,
      retain: m.retain,
    });
    if (this.client !== null && !this.congested()) this.writeEvent(item);
  }

  live(m: OutMessage): boolean {
    if (this.client === null) return false;
    this.c.generated++;
    this.write(m);
    return true;
  }

  /** Sends one message now and resolves on its acknowledgement (or write, at QoS 0), or after the timeout. */
  sendAndWait(m: OutMessage, timeoutMs: number): Promise<boolean> {
    if (this.client === null) return Promise.resolve(false);
    this.c.generated++;
    return new Promise((done) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      this.write(m, (err) => {
        clearTimeout(timer);
        done(err === undefined);
      });
    });
  }

  /**
   * After a connect, and when the socket drains: the outbox's events in order, then the queue, until the
   * socket's buffer is full again. Returns the topics of the queued messages it wrote.
   */
  flush(): Set<string> {
    const topics = new Set<string>();
    for (const item of this.outbox.pending()) {
      if (this.congested()) return topics;
      this.writeEvent(item);
    }
    this.flushQueue(topics);
    return topics;
  }

  private flushQueue(topics?: Set<string>): void {
    while (this.queue.size > 0 && !this.congested()) {
      const [topic, m] = this.queue.shift()!;
      topics?.add(topic);
      this.write(m);
    }
  }

  /** Whether a message for the topic waits in the queue. */
  isQueued(topic: string): boolean {
    return this.queue.has(topic);
  }

  counters(): MqttCounters {
    return {
      ...this.c,
      queued: this.queue.size,
      superseded: this.queue.superseded,
      dropped: this.queue.dropped + this.outbox.dropped,
      outbox: this.outbox.size,
    };
  }

  recent(): MqttRecentMessage[] {
    return this.recentRing.toArray().map(({ at, m }) => {
      const text = m.summary ?? (typeof m.payload === 'string' ? m.payload : `${m.payload.length} bytes`);
      const bytes = typeof m.payload === 'string' ? Buffer.byteLength(m.payload) : m.payload.length;
      return {
        time: new Date(at).toISOString(),
        topic: m.topic,
        payload: text.length > RECENT_CHARS ? text.slice(0, RECENT_CHARS) : text,
        truncated: text.length > RECENT_CHARS,
        bytes,
        qos: m.qos,
        retain: m.retain,
      };
    });
  }

  private writeEvent(item: OutboxItem): void {
    item.inflight = true;
    if (item.attempts++ > 0) this.c.resent++;
    else this.c.sent++;
    this.publish(item, (err) => {
      item.inflight = false;
      if (err === undefined) this.outbox.done(item.id);
    });
  }

  private write(m: OutMessage, done?: (err?: Error) => void): void {
    this.c.sent++;
    this.publish(m, done);
  }

  private publish(m: OutMessage, done?: (err?: Error) => void): void {
    const client = this.client!;
    this.recentRing.push({ at: Date.now(), m });
    const payload =
      typeof m.payload === 'string'
        ? m.payload
        : Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength);
    client.publish(m.topic, payload, { qos: m.qos, retain: m.retain }, (err) => {
      if (err) {
        this.c.errors++;
        this.lastError = err.message;
      } else if (m.qos > 0) this.c.acknowledged++;
      done?.(err ?? undefined);
    });
  }

  /**
   * The socket's buffer is over its high-water mark (its last write returned false): queue until it
   * drains, then flush. Writing on would grow memory without bound and make mqtt.js park one 'drain'
   * listener per message.
   */
  private congested(): boolean {
    const stream = this.client?.stream as
      { writableNeedDrain?: boolean; once?: (e: string, f: () => void) => void } | undefined;
    if (stream?.writableNeedDrain !== true) return false;
    if (!this.waitingForDrain && stream.once !== undefined) {
      this.waitingForDrain = true;
      const client = this.client;
      stream.once('drain', () => {
        this.waitingForDrain = false;
        if (this.client !== client) return;
        this.flush();
        if (this.queue.size === 0 && !this.congested()) this.onDrained?.();
      });
    }
    return true;
  }
}
