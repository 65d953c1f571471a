import type { IClientOptions } from 'mqtt';
import type { MqttIedStatus, PointState } from '../../contract';
import { ChangeFilter, type FilterPoint } from './change-filter';
import { stateJson, valueText } from './json-payload';
import type { MessageSender, OutMessage } from './sender';
import type { PointTopics, TopicMap } from './topic-map';

/**
 * The JSON payload mode (CONVENTIONS.md "MQTT"): `{root}/status` online/offline with the Last Will,
 * `{root}/gateway` naming this instance, `{root}/{ied}/status`, and per point `/value` and `/state`.
 *
 * On every connect: online, the gateway record, the outbox's events in order, the queue, then each
 * IED's status and the current state of every point the queue did not already carry — so after an
 * outage the broker holds the latest of everything, retained. The current state follows the events on
 * purpose: an event older than the current value must not be the retained message left behind.
 */
export interface JsonModeOptions {
  topics: TopicMap;
  points: ReadonlyMap<string, FilterPoint>;
  qos: 0 | 1 | 2;
  retain: boolean;
  sender: MessageSender;
  /** The retained `{root}/gateway` record. */
  gateway: { instanceId: string; clientId: string };
}

export class JsonMode {
  private readonly filter: ChangeFilter;
  private readonly statusQos: 1 | 2;
  private republishing: {
    states: ReadonlyMap<string, PointState>;
    keys: string[];
    next: number;
    skip: ReadonlySet<string>;
  } | null = null;

  constructor(private readonly o: JsonModeOptions) {
    this.filter = new ChangeFilter(o.points);
    this.statusQos = o.qos === 2 ? 2 : 1;
  }

  will(): NonNullable<IClientOptions['will']> {
    return { topic: this.o.topics.status, payload: Buffer.from('offline'), qos: 1, retain: true };
  }

  onConnect(states: ReadonlyMap<string, PointState>, ieds: ReadonlyMap<string, MqttIedStatus>): void {
    const { sender, topics } = this.o;
    // First, ahead of anything queued while the broker was away.
    sender.live({ topic: topics.status, payload: 'online', qos: this.statusQos, retain: true });
    const gateway = { ...this.o.gateway, payload: 'json', connectedAt: new Date().toISOString() };
    sender.live({
      topic: topics.gateway,
      payload: JSON.stringify(gateway),
      qos: this.statusQos,
      retain: true,
    });
    const flushed = sender.flush();
    for (const [ied, status] of ieds) {
      const topic = topics.iedStatus.get(ied) ?? '';
      if (!flushed.has(topic) && !sender.isQueued(topic)) this.iedStatus(ied, status);
    }
    this.startRepublish(states, flushed);
  }

  /**
   * Writes the current state of every point, paced by the socket: when its buffer is full the rest
   * waits (`resume` on drain) instead of flooding the bounded queue, where the oldest would be dropped.
   */
  private startRepublish(states: ReadonlyMap<string, PointState>, skip: ReadonlySet<string>): void {
    this.republishing = { states, keys: [...states.keys()], next: 0, skip };
    this.resume();
  }

  /** Goes on with a paused republish (the sender calls it when the socket drained). */
  resume(): void {
    const r = this.republishing;
    if (r === null) return;
    const { sender } = this.o;
    while (r.next < r.keys.length) {
      if (!sender.writable()) return;
      const s = r.states.get(r.keys[r.next++]!);
      const t = s === undefined ? undefined : this.o.topics.points.get(s.key);
      if (s === undefined || t === undefined) continue;
      this.filter.remember(s);
      if (!r.skip.has(t.value) && !sender.isQueued(t.value)) sender.latest(this.valueMessage(t, s));
      if (!r.skip.has(t.state) && !sender.isQueued(t.state)) sender.latest(this.stateMessage(t, s));
    }
    this.republishing = null;
  }

  /** Changes from a batch: what passes the filter is published; buffered events go through the outbox. */
  changes(states: readonly PointState[]): void {
    for (const s of states) {
      const t = this.o.topics.points.get(s.key);
      if (t === undefined || !this.filter.accepts(s)) continue;
      const valueChanged = this.filter.valueChanged(s);
      this.filter.remember(s);
      const messages = valueChanged
        ? [this.valueMessage(t, s), this.stateMessage(t, s)]
        : [this.stateMessage(t, s)];
      for (const m of messages) this.send(m, s.buffered === true);
    }
  }

  iedStatus(ied: string, status: MqttIedStatus): void {
    const topic = this.o.topics.iedStatus.get(ied);
    if (topic !== undefined)
      this.o.sender.latest({ topic, payload: status, qos: this.statusQos, retain: true });
  }

  /** The current state of every point, whatever the filter says (periodic republish). */
  republish(states: ReadonlyMap<string, PointState>): void {
    this.startRepublish(states, new Set());
  }

  /** A clean stop: the IEDs are no longer watched, and the gateway is offline. */
  farewell(ieds: Iterable<string>): OutMessage[] {
    const out: OutMessage[] = [];
    for (const ied of ieds) {
      const topic = this.o.topics.iedStatus.get(ied);
      if (topic !== undefined)
        out.push({ topic, payload: 'disconnected', qos: this.statusQos, retain: true });
    }
    out.push({ topic: this.o.topics.status, payload: 'offline', qos: this.statusQos, retain: true });
    return out;
  }

  private send(m: OutMessage, buffered: boolean): void {
    if (buffered && m.qos !== 0) this.o.sender.event({ ...m, qos: m.qos });
    else this.o.sender.latest(m);
  }

  private valueMessage(t: PointTopics, s: PointState): OutMessage {
    return { topic: t.value, payload: valueText(s), qos: this.o.qos, retain: this.o.retain };
  }

  private stateMessage(t: PointTopics, s: PointState): OutMessage {
    return { topic: t.state, payload: stateJson(s), qos: this.o.qos, retain: this.o.retain };
  }
}
