import type { SparkplugPrimaryHost } from '../../contract';
import { SPARKPLUG_NAMESPACE } from './sparkplug-codec';

/**
 * What an edge node knows of its Sparkplug 3.0 primary host application, from the retained STATE topic
 * `spBv1.0/STATE/{hostId}`, whose payload is UTF-8 JSON `{"online": true|false, "timestamp": <ms>}`
 * (Sparkplug 3.0.0 §5: the edge node waits for online before its BIRTHs, and on offline publishes its
 * NDEATH, disconnects and starts over).
 *
 * - A STATE whose timestamp is older than the last one accepted is ignored (a reordered or replayed
 *   message must not bounce a healthy session); the last accepted timestamp is kept across reconnects,
 *   so the retained offline STATE that caused a disconnect is still recognised after it.
 * - `online` is forgotten at every CONNECT: each session verifies the host again.
 * - A malformed payload is reported through `warn` (naming the topic and the fault) and changes nothing.
 */
export type HostTransition = 'online' | 'offline' | 'unchanged';

/** A STATE payload is a short JSON object; anything longer is refused before parsing. */
const MAX_STATE_BYTES = 1024;

export class PrimaryHostWatch {
  readonly topic: string;
  private online: boolean | null = null;
  private lastTimestamp: number | null = null;

  constructor(
    readonly hostId: string,
    private readonly warn: (message: string) => void,
  ) {
    this.topic = `${SPARKPLUG_NAMESPACE}/STATE/${hostId}`;
  }

  get isOnline(): boolean {
    return this.online === true;
  }

  /** A new MQTT session: the host's state is unknown until its STATE arrives on it. */
  connected(): void {
    this.online = null;
  }

  /** A message on the STATE topic: what changed for the edge node. Other topics are not looked at. */
  receive(topic: string, payload: Uint8Array): HostTransition {
    if (topic !== this.topic) return 'unchanged';
    const state = parseState(payload);
    if (typeof state === 'string') {
      this.warn(`ignored the Sparkplug STATE message on '${topic}': ${state}`);
      return 'unchanged';
    }
    if (this.lastTimestamp !== null && state.timestamp < this.lastTimestamp) return 'unchanged';
    this.lastTimestamp = state.timestamp;
    const was = this.online;
    this.online = state.online;
    if (was === state.online) return 'unchanged';
    return state.online ? 'online' : 'offline';
  }

  status(): SparkplugPrimaryHost {
    return {
      id: this.hostId,
      online: this.online,
      timestamp: this.lastTimestamp === null ? null : new Date(this.lastTimestamp).toISOString(),
      text: this.text(),
    };
  }

  private text(): string {
    const host = `primary host '${this.hostId}'`;
    if (this.online === true) return `${host} is online`;
    if (this.online === false) return `waiting for ${host}: its STATE says offline`;
    return `waiting for ${host} (no STATE message on this connection yet)`;
  }
}

interface HostState {
  online: boolean;
  timestamp: number;
}

/** The STATE payload, or what is wrong with it. */
export function parseState(payload: Uint8Array): HostState | string {
  if (payload.length > MAX_STATE_BYTES)
    return `${payload.length} bytes, more than the ${MAX_STATE_BYTES} a STATE payload may have`;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (err) {
    return `not UTF-8 JSON (${(err as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object {"online": <boolean>, "timestamp": <ms>}';
  const { online, timestamp } = value as { online?: unknown; timestamp?: unknown };
  if (typeof online !== 'boolean') return `"online" is ${describe(online)}, not a boolean`;
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp < 0)
    return `"timestamp" is ${describe(timestamp)}, not a UTC time in milliseconds`;
  return { online, timestamp };
}

function describe(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v).slice(0, 40);
}
