import type { MqttClient } from 'mqtt';
import type {
  LogLevel,
  MqttConnectionState,
  MqttIedStatus,
  MqttSettings,
  MqttStatus,
  PointBatch,
  PointConfig,
  PointState,
} from '../../contract';
import { errorMessage, TypedEmitter } from '../../shared';
import { BrokerLink, DEFAULT_BACKOFF, type Backoff } from './broker-link';
import type { FilterPoint } from './change-filter';
import { clientOptions, connectionIdentity, redactUrl, type ConnectionIdentity } from './client-options';
import { JsonMode } from './json-mode';
import { Outbox } from './outbox';
import { PrimaryHostWatch } from './primary-host';
import { probeTopicRoot } from './probe';
import { MessageSender } from './sender';
import { fileCounter } from './sparkplug-state';
import { SparkplugMode } from './sparkplug-mode';
import { buildTopicMap, isPublished, pointKey, type TopicMap } from './topic-map';

/**
 * The MQTT output (docs/MQTT.md). The runtime hands it change batches from the cache and IED connection
 * statuses; it publishes them in JSON or Sparkplug B, keeps the books, and survives broker outages.
 *
 *   const p = new MqttPublisher({ settings: project.mqtt, points: project.points, ieds: project.ieds, … });
 *   await p.start();            // checks the topic root, then connects (and reconnects) in the background
 *   p.publish(snapshotBatch);   // the cache's snapshot first, then every change batch
 *   p.setIedStatus('IED1', 'connected');
 *   p.status();                 // the MqttStatus DTO for the UI
 *   await p.stop();             // offline / NDEATH, clean disconnect
 *
 * Sparkplug with `sparkplug.primaryHostId`: the host's STATE (primary-host.ts) gates the births and
 * ends the session when the host goes offline (docs/MQTT.md "Primary host").
 */
export interface MqttPublisherOptions {
  settings: MqttSettings;
  points: readonly PointConfig[];
  /** The project's IEDs; a disabled one starts as `disconnected`, the others as `connecting`. */
  ieds: readonly { id: string; enabled?: boolean }[];
  /** The broker password, already resolved from its SecretRef by the caller. */
  password?: string;
  /** Overrides settings.instanceId (default: the host name). */
  instanceId?: string;
  /** The persisted outbox of buffered-report events (JSON mode at QoS 1/2); in memory when absent. */
  outboxPath?: string;
  /** Where the next Sparkplug bdSeq is kept across restarts; in memory when absent. */
  sparkplugStatePath?: string;
  /** Base for relative TLS file paths: the project file's folder. */
  baseDir?: string;
  log?: (level: LogLevel, message: string) => void;
  limits?: { queue?: number; outbox?: number; recent?: number };
  backoff?: Backoff;
  connectTimeoutMs?: number;
  keepaliveSeconds?: number;
  /** How long start() looks for another gateway on the topic root; 0 skips the check. */
  probeTimeoutMs?: number;
}

export interface PublisherEvents extends Record<string, unknown> {
  /** The broker link's state; status().connection also reads `waiting` while a primary host holds the births back. */
  connection: MqttConnectionState;
  /** A Sparkplug rebirth request was honoured. */
  rebirth: number;
}

const DEFAULT_LIMITS = { queue: 50_000, outbox: 10_000, recent: 100 };

export class MqttPublisher extends TypedEmitter<PublisherEvents> {
  readonly topics: TopicMap;
  readonly identity: ConnectionIdentity;
  private readonly states = new Map<string, PointState>();
  private readonly ieds = new Map<string, MqttIedStatus>();
  private readonly outbox: Outbox;
  private readonly sender: MessageSender;
  private readonly mode: JsonMode | SparkplugMode;
  private readonly link: BrokerLink;
  private readonly warnings: string[];
  /** Sparkplug with `primaryHostId`: the host's STATE gates the births. */
  private readonly host: PrimaryHostWatch | null;
  private republishTimer: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly o: MqttPublisherOptions) {
    super();
    const s = o.settings;
    this.identity = connectionIdentity(s, o.instanceId);
    const published = o.points.filter(isPublished);
    this.topics = buildTopicMap(
      s.topicRoot,
      o.ieds.map((i) => i.id),
      published,
    );
    this.warnings = this.topics.issues.map((i) => i.message);
    for (const ied of o.ieds) this.ieds.set(ied.id, ied.enabled === false ? 'disconnected' : 'connecting');
    const limits = { ...DEFAULT_LIMITS, ...o.limits };
    this.outbox = new Outbox(limits.outbox, s.payload === 'json' ? o.outboxPath : undefined);
    if (this.outbox.skippedAtOpen > 0)
      this.warn(`the MQTT outbox had ${this.outbox.skippedAtOpen} unreadable lines; they were skipped`);
    this.sender = new MessageSender(this.outbox, limits);
    const filterPoints = new Map<string, FilterPoint>(published.map((p) => [pointKey(p.ied, p.id), p]));
    this.mode =
      s.payload === 'sparkplug'
        ? new SparkplugMode({
            groupId: s.sparkplug?.groupId ?? 'RelayGate',
            edgeNodeId: this.identity.instanceId,
            points: published,
            filterPoints,
            ieds: o.ieds.map((i) => i.id),
            sender: this.sender,
            bdSeq: fileCounter(o.sparkplugStatePath, (m) => this.warn(m)),
          })
        : new JsonMode({
            topics: this.topics,
            points: filterPoints,
            qos: s.qos,
            retain: s.retain,
            sender: this.sender,
            gateway: this.identity,
          });
    const hostId = s.payload === 'sparkplug' ? s.sparkplug?.primaryHostId : undefined;
    this.host = hostId === undefined ? null : new PrimaryHostWatch(hostId, (m) => this.log('warn', m));
    if (this.mode instanceof JsonMode) {
      const mode = this.mode;
      this.sender.onDrained = () => mode.resume();
    }
    this.link = new BrokerLink(s.url, () => this.connectOptions(), o.backoff ?? DEFAULT_BACKOFF);
    this.link.on('up', (client) => this.connected(client));
    this.link.on('down', ({ reason }) => this.disconnected(reason));
    this.link.on('message', ({ topic, payload }) => this.command(topic, payload));
    this.link.on('state', (state) => this.emit('connection', state));
  }

  /** Checks the topic root for another gateway (JSON mode), then connects in the background. */
  async start(): Promise<void> {
    if (this.started || !this.o.settings.enabled) return;
    this.started = true;
    const probeMs = this.o.probeTimeoutMs ?? 2000;
    if (this.mode instanceof JsonMode && probeMs > 0) {
      const found = await probeTopicRoot({
        url: this.o.settings.url,
        options: {
          ...this.connectOptions(false),
          clientId: `${this.identity.clientId}-probe-${process.pid}`,
        },
        topics: this.topics,
        instanceId: this.identity.instanceId,
        timeoutMs: probeMs,
      }).catch((err: unknown) => [
        `could not check the topic root for another gateway: ${errorMessage(err)}`,
      ]);
      for (const w of found) this.warn(w);
    }
    this.link.start();
    const seconds = this.o.settings.republishSeconds;
    if (seconds > 0) this.republishTimer = setInterval(() => this.republish(), seconds * 1000);
  }

  async stop(): Promise<void> {
    if (this.republishTimer !== null) clearInterval(this.republishTimer);
    this.republishTimer = null;
    const last = this.mode instanceof JsonMode ? this.mode.farewell(this.ieds.keys()) : this.mode.farewell();
    await this.link.stop(async () => {
      await Promise.all(last.map((m) => this.sender.sendAndWait(m, 2000)));
    });
    this.sender.detach();
    this.outbox.close();
    this.started = false;
  }

  /** A change batch from the runtime cache. Points not published over MQTT are ignored. */
  publish(batch: PointBatch): void {
    if (!this.o.settings.enabled) return;
    const changes: PointState[] = [];
    for (const s of batch.changes) {
      if (!this.topics.points.has(s.key)) continue;
      this.states.set(s.key, s);
      changes.push(s);
    }
    if (changes.length > 0) this.mode.changes(changes);
  }

  /** The IED's association state, for `{root}/{ied}/status` (Sparkplug: DBIRTH/DDEATH). */
  setIedStatus(ied: string, status: MqttIedStatus): void {
    if (!this.ieds.has(ied) || this.ieds.get(ied) === status) return;
    this.ieds.set(ied, status);
    if (this.mode instanceof JsonMode) this.mode.iedStatus(ied, status);
    else this.mode.iedStatus(ied, status, this.states);
  }

  /** Everything's current state again, retained (what the periodic republish does). */
  republish(): void {
    if (this.sender.connected) this.mode.republish(this.states);
  }

  status(): MqttStatus {
    const s = this.o.settings;
    const since = this.link.connectedSince;
    return {
      enabled: s.enabled,
      url: redactUrl(s.url),
      clientId: this.identity.clientId,
      instanceId: this.identity.instanceId,
      topicRoot: this.topics.root,
      payload: s.payload,
      connection: this.connectionState(),
      lastError: this.link.lastError ?? this.sender.lastError,
      connectedSince: since === null ? null : new Date(since).toISOString(),
      reconnects: this.link.reconnects,
      counters: this.sender.counters(),
      recent: this.sender.recent(),
      warnings: [...this.warnings],
      sparkplug:
        this.mode instanceof SparkplugMode
          ? {
              groupId: this.mode.group,
              edgeNodeId: this.mode.node,
              bdSeq: this.mode.bdSeq,
              seq: this.mode.seq,
              primaryHost: this.host?.status() ?? null,
            }
          : null,
    };
  }

  /** Connected but held back by an offline (or not yet heard) primary host reads as `waiting`. */
  private connectionState(): MqttStatus['connection'] {
    if (!this.o.settings.enabled) return 'disabled';
    const state = this.link.state;
    return state === 'connected' && this.host !== null && !this.host.isOnline ? 'waiting' : state;
  }

  private connectOptions(withWill = true) {
    const options = clientOptions({
      settings: this.o.settings,
      identity: this.identity,
      password: this.o.password,
      baseDir: this.o.baseDir ?? process.cwd(),
      keepaliveSeconds: this.o.keepaliveSeconds ?? 30,
      connectTimeoutMs: this.o.connectTimeoutMs ?? 10_000,
    });
    if (withWill)
      options.will = this.mode instanceof JsonMode ? this.mode.will() : this.mode.willForNextConnect();
    return options;
  }

  private connected(client: MqttClient): void {
    this.log('info', `connected to ${redactUrl(this.o.settings.url)} as ${this.identity.clientId}`);
    this.sender.attach(client);
    if (this.mode instanceof SparkplugMode) this.sparkplugConnected(client, this.mode);
    else this.mode.onConnect(this.states, this.ieds);
  }

  private sparkplugConnected(client: MqttClient, mode: SparkplugMode): void {
    client.subscribe(mode.subscriptions(), { qos: 1 }, (err) => {
      if (err)
        this.warn(
          `cannot subscribe to Sparkplug node commands, so rebirth requests go unheard: ${err.message}`,
        );
    });
    const host = this.host;
    if (host !== null) {
      host.connected();
      this.log('info', `${host.status().text}: no BIRTH until it says online`);
      client.subscribe(host.topic, { qos: 1 }, (err) => {
        if (err)
          this.warn(
            `cannot subscribe to '${host.topic}', so the primary host is never seen online: ${err.message}`,
          );
      });
    }
    mode.onConnect(this.states, this.ieds, host === null);
  }

  private disconnected(reason: string | null): void {
    this.sender.detach();
    this.log('warn', `broker connection lost${reason === null ? '' : `: ${reason}`}; reconnecting`);
  }

  private command(topic: string, payload: Buffer): void {
    if (!(this.mode instanceof SparkplugMode)) return;
    if (this.host !== null && topic === this.host.topic) {
      this.hostState(this.host, this.mode, payload);
      return;
    }
    try {
      if (this.mode.onMessage(topic, payload, this.states) === 'rebirth') {
        this.log('info', 'Sparkplug rebirth requested: NBIRTH and DBIRTHs sent again');
        this.emit('rebirth', this.mode.bdSeq);
      }
    } catch (err) {
      this.log('warn', errorMessage(err));
    }
  }

  /**
   * A STATE message. Online: the held-back NBIRTH and DBIRTHs, with the current values. Offline after the
   * births: NDEATH (this session's bdSeq), DISCONNECT, and a new CONNECT at once (the next bdSeq), which
   * waits for the host again. Offline before the births: nothing was published, so nothing to undo.
   */
  private hostState(host: PrimaryHostWatch, mode: SparkplugMode, payload: Buffer): void {
    const change = host.receive(host.topic, payload);
    if (change === 'online') {
      this.log('info', `${host.status().text}: publishing NBIRTH and DBIRTHs`);
      mode.birth(this.states);
    } else if (change === 'offline' && mode.born) {
      this.log('warn', `primary host '${host.hostId}' went offline: NDEATH, disconnecting and reconnecting`);
      const death = mode.farewell();
      mode.end();
      void this.link.restart(`primary host '${host.hostId}' went offline`, async () => {
        await Promise.all(death.map((m) => this.sender.sendAndWait(m, 2000)));
      });
    }
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.log('warn', message);
  }

  private log(level: LogLevel, message: string): void {
    this.o.log?.(level, message);
  }
}
