import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { MqttConnectionState } from '../../contract';
import { TypedEmitter } from '../../shared';

/**
 * One broker connection at a time, reconnected with exponential backoff plus jitter. Each attempt is a
 * fresh mqtt.js client built from `options()` (a Sparkplug Will changes with every CONNECT: its bdSeq),
 * and a lost client is ended, never reused: what was in flight on it fails, and the publisher resends
 * from its own outbox, so nothing depends on mqtt.js's in-memory store.
 */
export interface Backoff {
  minMs: number;
  maxMs: number;
}

/** CONVENTIONS.md: from 1 s to 30 s, plus jitter. */
export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 30_000 };

export function backoffDelay(attempt: number, b: Backoff, random = Math.random): number {
  const base = Math.min(b.maxMs, b.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(base + base * 0.2 * random());
}

export interface LinkEvents extends Record<string, unknown> {
  up: MqttClient;
  down: { reason: string | null };
  message: { topic: string; payload: Buffer };
  state: MqttConnectionState;
}

export class BrokerLink extends TypedEmitter<LinkEvents> {
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private current: MqttConnectionState = 'stopped';
  private error: string | null = null;
  private connectedAt: number | null = null;
  private connects = 0;

  constructor(
    private readonly url: string,
    private readonly options: () => IClientOptions,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {
    super();
  }

  get state(): MqttConnectionState {
    return this.current;
  }
  get lastError(): string | null {
    return this.error;
  }
  get connectedSince(): number | null {
    return this.connectedAt;
  }
  /** Successful connects after the first. */
  get reconnects(): number {
    return Math.max(0, this.connects - 1);
  }

  start(): void {
    if (this.current !== 'stopped') return;
    this.attempt();
  }

  /**
   * Stops reconnecting. When connected, `farewell` runs first (publish `offline`, NDEATH), then the
   * client disconnects cleanly, which discards the Will.
   */
  async stop(farewell?: (client: MqttClient) => Promise<void>): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.setState('stopped');
    if (client === null) return;
    await this.end(client, farewell);
  }

  /**
   * Ends the current session on purpose and connects again at once, without backoff (Sparkplug: the
   * primary host went offline, so the edge node publishes its NDEATH, disconnects and starts over).
   * `farewell` runs first while connected; `down` is emitted with `reason`, then a new attempt starts.
   */
  async restart(reason: string, farewell?: (client: MqttClient) => Promise<void>): Promise<void> {
    const client = this.client;
    if (client === null || this.current === 'stopped') return;
    // Detached first: its own 'close' must not schedule a backoff reconnect of its own.
    this.client = null;
    this.connectedAt = null;
    await this.end(client, farewell);
    // stop() may have run meanwhile.
    if (this.stopped() || this.client !== null) return;
    this.setState('waiting');
    this.emit('down', { reason });
    this.attempt();
  }

  /** Runs `farewell` when still connected, then disconnects cleanly (which discards the Will). */
  private async end(client: MqttClient, farewell?: (client: MqttClient) => Promise<void>): Promise<void> {
    if (client.connected && farewell !== undefined) await farewell(client).catch(() => undefined);
    client.removeAllListeners('close');
    await new Promise<void>((done) => {
      // mqtt.js calls back once its stores are closed; never wait on a socket that is already gone.
      const timer = setTimeout(done, 3000);
      client.end(!client.connected, {}, () => {
        clearTimeout(timer);
        done();
      });
    });
  }

  private attempt(): void {
    this.timer = null;
    this.setState('connecting');
    let options: IClientOptions;
    try {
      options = this.options();
    } catch (err) {
      this.lose(null, (err as Error).message);
      return;
    }
    const client = mqtt.connect(this.url, options);
    this.client = client;
    let accepted = false;
    let seen: string | null = null;
    client.on('connect', () => {
      if (client !== this.client) return;
      accepted = true;
      this.failures = 0;
      this.error = null;
      this.connects++;
      this.connectedAt = Date.now();
      this.emit('up', client);
      this.setState('connected');
    });
    client.on('message', (topic, payload) => {
      if (client === this.client) this.emit('message', { topic, payload });
    });
    client.on('error', (err) => {
      if (client === this.client) seen = err.message;
    });
    client.on('close', () =>
      this.lose(
        client,
        seen ??
          (accepted
            ? 'the broker closed the connection'
            : 'the connection closed before the broker accepted it'),
      ),
    );
  }

  private lose(client: MqttClient | null, reason: string | null): void {
    if (client !== this.client) return;
    if (reason !== null) this.error = reason;
    this.client = null;
    this.connectedAt = null;
    if (client !== null) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end(true);
    }
    if (this.current === 'stopped') return;
    this.setState('waiting');
    this.emit('down', { reason: this.error });
    this.timer = setTimeout(() => this.attempt(), backoffDelay(this.failures++, this.backoff));
  }

  private stopped(): boolean {
    return this.current === 'stopped';
  }

  private setState(state: MqttConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }
}
