import type { MqttSettings, MqttStatus } from '../../contract';
import { connectionIdentity, redactUrl } from './client-options';

const ZERO = { generated: 0, sent: 0, acknowledged: 0, queued: 0, superseded: 0, dropped: 0, outbox: 0, resent: 0, errors: 0 };

/**
 * The MqttStatus of a publisher that is not running: `disabled` when there is no project or its MQTT is
 * off, `stopped` when it is on but the runtime is not running. What the project says (broker, ids, root)
 * is shown; nothing was published.
 */
export function mqttStatusAtRest(settings: MqttSettings | null): MqttStatus {
  const identity = settings ? connectionIdentity(settings) : { instanceId: '', clientId: '' };
  return {
    enabled: settings?.enabled ?? false,
    url: settings ? redactUrl(settings.url) : '',
    clientId: identity.clientId,
    instanceId: identity.instanceId,
    topicRoot: settings?.topicRoot ?? '',
    payload: settings?.payload ?? 'json',
    connection: settings?.enabled ? 'stopped' : 'disabled',
    lastError: null,
    connectedSince: null,
    reconnects: 0,
    counters: { ...ZERO },
    recent: [],
    warnings: [],
    sparkplug: null,
  };
}
