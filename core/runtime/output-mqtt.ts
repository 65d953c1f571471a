import { dirname } from 'node:path';
import type { IedConnectionState, MqttIedStatus, Project } from '../contract';
import { EmbeddedBroker, MqttPublisher } from '../outputs';
import type { SecretResolver } from '../project';
import type { HostedOutput } from './host';
import type { RuntimeLogEntry } from './gateway';

const MQTT_IED_STATUS: Record<IedConnectionState, MqttIedStatus> = {
  connected: 'connected',
  connecting: 'connecting',
  disconnected: 'disconnected',
  disabled: 'disconnected',
  error: 'error',
};

export interface MqttOutputContext {
  readonly secrets: SecretResolver;
  readonly projectPath: string | null;
  readonly log: (entry: RuntimeLogEntry) => void;
}

/**
 * The MQTT publisher as a runtime output, with the embedded broker when the project asks for one (then
 * the publisher connects to it). The snapshot goes first, then every change batch and IED status.
 */
export async function mqttOutput(project: Project, ctx: MqttOutputContext): Promise<HostedOutput> {
  const settings = project.mqtt;
  const log = (level: RuntimeLogEntry['level'], message: string): void => ctx.log({ level, source: 'output:mqtt', message });
  let broker: EmbeddedBroker | undefined;
  let url = settings.url;
  const embedded = settings.embeddedBroker;
  if (embedded?.enabled) {
    broker = new EmbeddedBroker({
      host: embedded.host,
      port: embedded.port,
      ...(embedded.username !== undefined ? { username: embedded.username } : {}),
      ...(embedded.password ? { password: await ctx.secrets.resolve(embedded.password, 'the embedded broker password') } : {}),
    });
    url = (await broker.start()).url;
    log('info', `embedded MQTT broker listening on ${url}`);
  }
  const password = settings.password ? await ctx.secrets.resolve(settings.password, 'the MQTT password') : undefined;
  const base = ctx.projectPath ? ctx.projectPath.replace(/\.json$/i, '') : undefined;
  const publisher = new MqttPublisher({
    settings: { ...settings, url },
    points: project.points,
    ieds: project.ieds,
    ...(password !== undefined ? { password } : {}),
    // A broker this process just started has no other gateway on it: no need to look for one.
    ...(broker ? { probeTimeoutMs: 0 } : {}),
    ...(base ? { outboxPath: `${base}.mqtt-outbox.jsonl`, sparkplugStatePath: `${base}.sparkplug.json`, baseDir: dirname(base) } : {}),
    log,
  });
  return {
    sink: {
      name: 'mqtt',
      start: async (initial) => {
        await publisher.start();
        publisher.publish({ batch: 0, changes: [...initial] });
      },
      apply: (batch) => publisher.publish(batch),
      iedState: (ied, state) => publisher.setIedStatus(ied, MQTT_IED_STATUS[state]),
      stop: async () => {
        await publisher.stop();
        await broker?.stop();
      },
    },
    summary: () => {
      const st = publisher.status();
      const host = st.sparkplug?.primaryHost;
      const connection = st.connection === 'waiting' && st.connectedSince !== null && host ? `connected, ${host.text}` : st.connection;
      return `${connection}, ${st.counters.sent} sent${st.counters.dropped > 0 ? `, ${st.counters.dropped} dropped` : ''}`;
    },
    mqttStatus: () => publisher.status(),
    endpoint: () => `${url} (topic root ${settings.topicRoot}${broker ? ', embedded broker' : ''})`,
  };
}
