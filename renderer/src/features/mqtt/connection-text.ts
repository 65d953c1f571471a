import type { MqttStatus } from '../../../../core/contract';

const CONNECTION_TEXT: Record<MqttStatus['connection'], string> = {
  disabled: 'MQTT is off in this project',
  connecting: 'connecting to the broker',
  connected: 'connected',
  waiting: 'not connected: waiting to try again',
  stopped: 'stopped (the runtime is not running)',
};

/**
 * The line beside the connection badge. `waiting` while connected (`connectedSince` set) is a Sparkplug
 * edge node held back by its primary host: say whom it waits for (docs/MQTT.md "Primary host").
 */
export function connectionText(s: MqttStatus): string {
  const host = s.sparkplug?.primaryHost;
  if (s.connection === 'waiting' && s.connectedSince !== null && host) return `connected, ${host.text}`;
  return CONNECTION_TEXT[s.connection];
}
