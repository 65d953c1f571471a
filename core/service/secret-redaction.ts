import type { Project } from '../contract';

/**
 * What the service sends a client in place of a secret it keeps: a private key written into the
 * project as PEM text. Environment variable names and file paths are not secrets and are sent as they
 * are; a safeStorage ciphertext is useless off this machine and account, and stays as it is.
 */
export const KEPT_SECRET = '(kept on the server)';

const isPemKey = (text: string | undefined): boolean => text !== undefined && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text);

/** The project as a client may see it: inline private keys replaced by KEPT_SECRET. */
export function redactProject(project: Project): Project {
  const tls = project.mqtt.tls;
  if (!tls || !isPemKey(tls.key)) return project;
  return { ...project, mqtt: { ...project.mqtt, tls: { ...tls, key: KEPT_SECRET } } };
}

/**
 * A project coming back from a client with the secrets the service kept put back in place. A
 * KEPT_SECRET with nothing kept behind it is refused: the user must give the key again.
 */
export function restoreSecrets(incoming: unknown, kept: Project | null): unknown {
  if (typeof incoming !== 'object' || incoming === null) return incoming;
  const p = incoming as { mqtt?: { tls?: { key?: unknown } } };
  if (p.mqtt?.tls?.key !== KEPT_SECRET) return incoming;
  const key = kept?.mqtt.tls?.key;
  if (!isPemKey(key)) throw new Error('the MQTT TLS private key was not kept by the service (another project was opened since): give the key file again');
  return { ...p, mqtt: { ...p.mqtt, tls: { ...p.mqtt.tls, key } } };
}
