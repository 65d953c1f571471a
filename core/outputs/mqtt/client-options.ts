import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { IClientOptions } from 'mqtt';
import type { MqttSettings } from '../../contract';
import { RelayGateError } from '../../shared';

/**
 * mqtt.js options from the project's MQTT settings (CONVENTIONS.md "MQTT"): the URL scheme picks TCP,
 * TLS or WebSocket; TLS verifies the broker unless `rejectUnauthorized` is false; the client id defaults
 * to `relaygate-<instanceId>`, the instance id to the host name. Reconnecting is ours (broker-link.ts),
 * so mqtt.js never reconnects or queues on its own.
 */
export interface ConnectionIdentity {
  instanceId: string;
  clientId: string;
}

export function connectionIdentity(
  settings: Pick<MqttSettings, 'instanceId' | 'clientId'>,
  instanceId?: string,
): ConnectionIdentity {
  const id = instanceId ?? settings.instanceId ?? hostname();
  return { instanceId: id, clientId: settings.clientId ?? `relaygate-${id}` };
}

type TlsField = 'ca' | 'cert' | 'key';

/** PEM text as given, or the contents of the file it names (relative paths from `baseDir`). */
export function tlsMaterial(field: TlsField, value: string, baseDir: string): Buffer {
  if (value.includes('-----BEGIN')) return Buffer.from(value);
  const path = isAbsolute(value) ? value : resolve(baseDir, value);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new RelayGateError(
      'output',
      'tls-file',
      `MQTT tls.${field}: cannot read '${path}': ${(err as Error).message}`,
      { cause: err },
    );
  }
}

export interface ClientOptionsInput {
  settings: MqttSettings;
  identity: ConnectionIdentity;
  /** The resolved password (the caller resolves the SecretRef). */
  password?: string | undefined;
  baseDir: string;
  keepaliveSeconds: number;
  connectTimeoutMs: number;
}

export function clientOptions(input: ClientOptionsInput): IClientOptions {
  const { settings, identity } = input;
  const options: IClientOptions = {
    clientId: identity.clientId,
    clean: true,
    keepalive: input.keepaliveSeconds,
    connectTimeout: input.connectTimeoutMs,
    reconnectPeriod: 0,
    queueQoSZero: false,
    resubscribe: false,
    protocolVersion: 4,
  };
  if (input.password !== undefined && settings.username === undefined)
    throw new RelayGateError(
      'output',
      'mqtt-credentials',
      'MQTT has a password but no user name (MQTT 3.1.1 sends a password only with a user name)',
    );
  if (settings.username !== undefined) options.username = settings.username;
  if (input.password !== undefined) options.password = input.password;
  const tls = settings.tls;
  if (isSecure(settings.url)) options.rejectUnauthorized = tls?.rejectUnauthorized ?? true;
  if (tls !== undefined) {
    if (tls.ca !== undefined) options.ca = tlsMaterial('ca', tls.ca, input.baseDir);
    if (tls.cert !== undefined) options.cert = tlsMaterial('cert', tls.cert, input.baseDir);
    if (tls.key !== undefined) options.key = tlsMaterial('key', tls.key, input.baseDir);
  }
  return options;
}

export function isSecure(url: string): boolean {
  return /^(mqtts|wss):/i.test(url);
}

/** The URL for display and logs: user name and password removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
