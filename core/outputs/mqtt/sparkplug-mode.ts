import type { IClientOptions } from 'mqtt';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload';
import type { MqttIedStatus, PointConfig, PointState } from '../../contract';
import { ChangeFilter, type FilterPoint } from './change-filter';
import { neverState } from './never-state';
import type { MessageSender, OutMessage } from './sender';
import { decodeSparkplug, encodeSparkplug, SPARKPLUG_NAMESPACE } from './sparkplug-codec';
import { pointMetric } from './sparkplug-metrics';
import { pointKey, sanitizeSegment } from './topic-map';

/**
 * Sparkplug B payload mode (docs/MQTT.md "Sparkplug B"). The gateway is one edge node, each IED a device:
 *
 *   spBv1.0/{group}/NBIRTH|NDATA|NDEATH|NCMD/{edgeNode}
 *   spBv1.0/{group}/DBIRTH|DDATA|DDEATH/{edgeNode}/{ied}
 *
 * - bdSeq: 0..255, one more at every MQTT CONNECT (kept in a file when given, so a restart goes on
 *   counting); the Will is the NDEATH carrying it, and the NBIRTH after that CONNECT carries the same.
 * - seq: 0 on NBIRTH, then one more per message of this node (DBIRTH, DDATA, DDEATH), wrapping at 256.
 * - NBIRTH names `bdSeq` and `Node Control/Rebirth`; a DBIRTH names every point with its type, alias,
 *   device timestamp and quality properties, plus `Connection/Status`; DATA messages use aliases.
 * - An IED that is disconnected or in error is dead: DDEATH, and DBIRTH again when it comes back.
 * - NCMD `Node Control/Rebirth` = true re-sends NBIRTH and every DBIRTH on the same connection.
 * - Nothing but the NDEATH is published before the NBIRTH of the session: with a primary host the
 *   publisher holds the births back (`onConnect(…, false)`) until the host's STATE says online.
 * All at QoS 0 and not retained, as the specification asks; the NDEATH Will at QoS 1.
 */
export interface SparkplugModeOptions {
  groupId: string;
  edgeNodeId: string;
  points: readonly Pick<PointConfig, 'id' | 'ied' | 'ref' | 'fc' | 'type'>[];
  filterPoints: ReadonlyMap<string, FilterPoint>;
  ieds: readonly string[];
  sender: MessageSender;
  /** The bdSeq to use at the next CONNECT, and where to keep it. */
  bdSeq: { load(): number | null; save(next: number): void };
}

interface Device {
  id: string;
  statusAlias: number;
  keys: string[];
  alive: boolean;
  status: MqttIedStatus;
}

const REBIRTH = 'Node Control/Rebirth';
const CONNECTION_STATUS = 'Connection/Status';
type MessageType = 'NBIRTH' | 'NDATA' | 'NDEATH' | 'NCMD' | 'DBIRTH' | 'DDATA' | 'DDEATH';

export class SparkplugMode {
  readonly group: string;
  readonly node: string;
  private readonly filter: ChangeFilter;
  private readonly devices = new Map<string, Device>();
  private readonly aliases = new Map<string, number>();
  private readonly configs = new Map<string, SparkplugModeOptions['points'][number]>();
  private nextBdSeq: number;
  private bdSeqNow = 0;
  private seqNext = 0;
  /** The NBIRTH of this session was published: data may follow. */
  private bornNow = false;

  constructor(private readonly o: SparkplugModeOptions) {
    this.group = sanitizeSegment(o.groupId);
    this.node = sanitizeSegment(o.edgeNodeId);
    this.filter = new ChangeFilter(o.filterPoints);
    this.nextBdSeq = o.bdSeq.load() ?? 0;
    let alias = 1;
    for (const ied of o.ieds)
      this.devices.set(ied, {
        id: sanitizeSegment(ied),
        statusAlias: alias++,
        keys: [],
        alive: true,
        status: 'connecting',
      });
    for (const p of o.points) {
      const device = this.devices.get(p.ied);
      if (device === undefined) continue;
      const key = pointKey(p.ied, p.id);
      device.keys.push(key);
      this.aliases.set(key, alias++);
      this.configs.set(key, p);
    }
  }

  get bdSeq(): number {
    return this.bdSeqNow;
  }
  get seq(): number {
    return this.seqNext;
  }
  get born(): boolean {
    return this.bornNow;
  }

  topic(type: MessageType, device?: string): string {
    const base = `${SPARKPLUG_NAMESPACE}/${this.group}/${type}/${this.node}`;
    return device === undefined ? base : `${base}/${device}`;
  }

  /** Called once per CONNECT: takes the next bdSeq and returns the NDEATH Will that carries it. */
  willForNextConnect(): NonNullable<IClientOptions['will']> {
    this.bdSeqNow = this.nextBdSeq;
    this.nextBdSeq = (this.bdSeqNow + 1) % 256;
    this.o.bdSeq.save(this.nextBdSeq);
    return { topic: this.topic('NDEATH'), payload: Buffer.from(this.deathPayload()), qos: 1, retain: false };
  }

  subscriptions(): string[] {
    return [this.topic('NCMD')];
  }

  /** A new session: the IEDs' statuses, then NBIRTH and the DBIRTHs unless `birthNow` is false. */
  onConnect(
    states: ReadonlyMap<string, PointState>,
    ieds: ReadonlyMap<string, MqttIedStatus>,
    birthNow = true,
  ): void {
    this.bornNow = false;
    for (const [ied, status] of ieds) this.record(ied, status);
    if (birthNow) this.births(states);
  }

  /** The held-back births of this session (the primary host came online); nothing when already born. */
  birth(states: ReadonlyMap<string, PointState>): void {
    if (!this.bornNow && this.o.sender.connected) this.births(states);
  }

  /** The session is ending on purpose: nothing more is published on it. */
  end(): void {
    this.bornNow = false;
  }

  /** An arriving command. Only the rebirth request is honoured: the gateway is read-only. */
  onMessage(
    topic: string,
    payload: Uint8Array,
    states: ReadonlyMap<string, PointState>,
  ): 'rebirth' | 'ignored' {
    if (topic !== this.topic('NCMD') || !this.bornNow) return 'ignored';
    const metrics = decodeSparkplug(payload, topic).metrics ?? [];
    if (!metrics.some((m) => m.name === REBIRTH && m.value === true)) return 'ignored';
    this.births(states);
    return 'rebirth';
  }

  changes(states: readonly PointState[]): void {
    if (!this.live) return;
    const byDevice = new Map<string, PointState[]>();
    for (const s of states) {
      const device = this.devices.get(s.ied);
      if (device === undefined || !device.alive || !this.aliases.has(s.key) || !this.filter.accepts(s))
        continue;
      this.filter.remember(s);
      const list = byDevice.get(s.ied) ?? [];
      list.push(s);
      byDevice.set(s.ied, list);
    }
    const now = Date.now();
    for (const [ied, list] of byDevice)
      this.send(
        'DDATA',
        ied,
        list.map((s) => pointMetric(s, this.aliases.get(s.key)!, false, now)),
        now,
      );
  }

  iedStatus(ied: string, status: MqttIedStatus, states: ReadonlyMap<string, PointState>): void {
    const device = this.devices.get(ied);
    if (device === undefined) return;
    const wasAlive = device.alive;
    this.record(ied, status);
    if (!this.live) return;
    const now = Date.now();
    if (wasAlive && !device.alive) this.send('DDEATH', ied, [], now);
    else if (!wasAlive && device.alive) this.deviceBirth(ied, device, states, now);
    else if (device.alive) this.send('DDATA', ied, [this.statusMetric(device, false, now)], now);
  }

  /** Periodic republish: every live device's metrics as DDATA. */
  republish(states: ReadonlyMap<string, PointState>): void {
    if (!this.live) return;
    const now = Date.now();
    for (const [ied, device] of this.devices) {
      if (!device.alive) continue;
      const metrics = device.keys.map((k) => this.metricOf(k, states, false, now));
      this.send('DDATA', ied, [this.statusMetric(device, false, now), ...metrics], now);
    }
  }

  /**
   * A clean stop publishes the NDEATH itself: a clean DISCONNECT discards the Will. A session that never
   * published its NBIRTH (still waiting for the primary host) has nothing to end.
   */
  farewell(): OutMessage[] {
    if (!this.bornNow) return [];
    return [
      {
        topic: this.topic('NDEATH'),
        payload: this.deathPayload(),
        qos: 1,
        retain: false,
        summary: `NDEATH bdSeq ${this.bdSeqNow}`,
      },
    ];
  }

  private get live(): boolean {
    return this.bornNow && this.o.sender.connected;
  }

  private births(states: ReadonlyMap<string, PointState>): void {
    const now = Date.now();
    this.seqNext = 0;
    this.bornNow = true;
    const nodeMetrics: UMetric[] = [
      { name: 'bdSeq', type: 'UInt64', value: this.bdSeqNow, timestamp: now },
      { name: REBIRTH, type: 'Boolean', value: false, timestamp: now },
    ];
    this.send('NBIRTH', undefined, nodeMetrics, now);
    for (const [ied, device] of this.devices) if (device.alive) this.deviceBirth(ied, device, states, now);
  }

  private deviceBirth(
    ied: string,
    device: Device,
    states: ReadonlyMap<string, PointState>,
    now: number,
  ): void {
    const metrics = device.keys.map((k) => this.metricOf(k, states, true, now));
    this.send('DBIRTH', ied, [this.statusMetric(device, true, now), ...metrics], now);
  }

  private metricOf(
    key: string,
    states: ReadonlyMap<string, PointState>,
    birth: boolean,
    now: number,
  ): UMetric {
    const s = states.get(key) ?? neverState(this.configs.get(key)!);
    this.filter.remember(s);
    return pointMetric(s, this.aliases.get(key)!, birth, now);
  }

  private statusMetric(device: Device, birth: boolean, now: number): UMetric {
    const m: UMetric = { alias: device.statusAlias, type: 'String', value: device.status, timestamp: now };
    if (birth) m.name = CONNECTION_STATUS;
    return m;
  }

  private record(ied: string, status: MqttIedStatus): void {
    const device = this.devices.get(ied);
    if (device === undefined) return;
    device.status = status;
    device.alive = status === 'connected' || status === 'connecting';
  }

  private send(type: MessageType, ied: string | undefined, metrics: UMetric[], now: number): void {
    const seq = this.seqNext;
    const device = ied === undefined ? undefined : this.devices.get(ied)!.id;
    const payload = encodeSparkplug({ timestamp: now, seq, metrics });
    if (
      this.o.sender.live({
        topic: this.topic(type, device),
        payload,
        qos: 0,
        retain: false,
        summary: `${type} seq ${seq}, ${metrics.length} metrics`,
      })
    )
      this.seqNext = (seq + 1) % 256;
  }

  private deathPayload(): Uint8Array {
    return encodeSparkplug({
      timestamp: Date.now(),
      metrics: [{ name: 'bdSeq', type: 'UInt64', value: this.bdSeqNow }],
    });
  }
}
