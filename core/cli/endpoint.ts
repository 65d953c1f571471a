import { UsageError } from './command';

/** The IED side's default MMS port (CONVENTIONS: "MMS port 102"). */
export const DEFAULT_MMS_PORT = 102;

export interface Endpoint {
  host: string;
  port: number;
}

/**
 * Parses the `<host[:port]>` argument of discover/read/watch/bench: `10.0.0.5`, `10.0.0.5:10102`,
 * `relay1.local:102`, `[::1]:102` or a bare IPv6 address. A bad port is a usage error naming it.
 */
export function parseEndpoint(text: string): Endpoint {
  const trimmed = text.trim();
  if (trimmed === '') throw new UsageError('the IED address is empty; give host or host:port');
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(trimmed);
  if (bracketed) return { host: bracketed[1] ?? '', port: parsePort(bracketed[2], text) };
  const colons = trimmed.split(':').length - 1;
  if (colons === 0) return { host: trimmed, port: DEFAULT_MMS_PORT };
  if (colons > 1) return { host: trimmed, port: DEFAULT_MMS_PORT }; // bare IPv6 without a port
  const [host = '', port] = trimmed.split(':');
  if (host === '') throw new UsageError(`'${text}' has no host before the port`);
  return { host, port: parsePort(port, text) };
}

function parsePort(raw: string | undefined, whole: string): number {
  if (raw === undefined) return DEFAULT_MMS_PORT;
  if (!/^\d{1,5}$/.test(raw))
    throw new UsageError(`'${whole}' has a bad port '${raw}'; a port is a number from 1 to 65535`);
  const port = Number(raw);
  if (port < 1 || port > 65535)
    throw new UsageError(`'${whole}' has a bad port ${port}; a port is a number from 1 to 65535`);
  return port;
}

export function formatEndpoint(e: Endpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}
