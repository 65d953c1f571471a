import mqtt, { type IClientOptions } from 'mqtt';
import type { TopicMap } from './topic-map';

/**
 * Is another RelayGate already publishing under this topic root? (docs/MQTT.md "Many gateways, one
 * broker".) A short-lived client reads the retained `{root}/status` and `{root}/gateway`: a status whose
 * gateway record names another instance, or a status with no record at all, is another publisher on
 * the same root. Our own instance's leftovers from an earlier run are not.
 */
export interface ProbeInput {
  url: string;
  options: IClientOptions;
  topics: Pick<TopicMap, 'root' | 'status' | 'gateway'>;
  instanceId: string;
  timeoutMs: number;
}

export const DEFAULT_ROOT = 'relaygate';

export async function probeTopicRoot(input: ProbeInput): Promise<string[]> {
  const retained = await readRetained(input, [input.topics.status, input.topics.gateway]);
  const status = retained.get(input.topics.status);
  if (status === undefined) return [];
  const other = otherInstance(retained.get(input.topics.gateway));
  if (other === input.instanceId) return [];
  const who =
    other === null
      ? 'another publisher (no RelayGate gateway record)'
      : `another RelayGate (instance '${other}')`;
  const advice =
    input.topics.root === DEFAULT_ROOT
      ? `the default topic root '${DEFAULT_ROOT}' is taken: give each gateway its own root, e.g. '${DEFAULT_ROOT}/site-a'`
      : 'give each gateway its own topic root';
  return [`${who} already publishes '${input.topics.status}' (${status}) on this broker; ${advice}`];
}

function otherInstance(record: string | undefined): string | null {
  if (record === undefined) return null;
  try {
    const id = (JSON.parse(record) as { instanceId?: unknown }).instanceId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Retained messages of the given topics, as delivered within the timeout. */
function readRetained(input: ProbeInput, topics: string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const found = new Map<string, string>();
    const client = mqtt.connect(input.url, {
      ...input.options,
      will: undefined,
      reconnectPeriod: 0,
      connectTimeout: input.timeoutMs,
    });
    let timer: NodeJS.Timeout | null = null;
    const finish = (err?: Error) => {
      if (timer !== null) clearTimeout(timer);
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end(true);
      if (err === undefined) resolve(found);
      else reject(err);
    };
    timer = setTimeout(
      () =>
        client.connected
          ? finish()
          : finish(new Error(`no answer from the broker within ${input.timeoutMs} ms`)),
      input.timeoutMs,
    );
    client.on('error', (err) => finish(err));
    let connected = false;
    client.on('close', () => finish(connected ? undefined : new Error('the broker closed the connection')));
    client.on('message', (topic, payload, packet) => {
      if (packet.retain) found.set(topic, payload.toString());
      if (found.size === topics.length) finish();
    });
    client.on('connect', () => {
      connected = true;
      client.subscribe(topics, { qos: 1 }, (err) => {
        if (err) finish(err);
        // Retained messages follow the SUBACK; give them a moment, not the whole timeout.
        else {
          if (timer !== null) clearTimeout(timer);
          timer = setTimeout(() => finish(), Math.min(500, input.timeoutMs));
        }
      });
    });
  });
}
