import { openIed, type IedSession, type IsoStackFactory } from '../../client';
import { intOption, type OptionSpec, type ParsedArgs } from '../command';
import { parseEndpoint } from '../endpoint';

/** Options every command that talks to an IED shares. */
export const IED_OPTIONS: Record<string, OptionSpec> = {
  password: { type: 'string', valueName: 'PW', help: 'ACSE password (authentication mechanism 2.2.3.1)' },
  timeout: {
    type: 'string',
    valueName: 'MS',
    help: 'connect, association and request timeout in ms (default 5000)',
  },
};

/** Opens the IED named by the first positional, with the shared options. */
export function openFromArgs(args: ParsedArgs, createIso: IsoStackFactory): Promise<IedSession> {
  const { host, port } = parseEndpoint(args.positionals[0] ?? '');
  const timeout = intOption(args.values, 'timeout', 5000, 100, 600_000);
  const password = typeof args.values.password === 'string' ? args.values.password : undefined;
  return openIed(
    {
      host,
      port,
      connectTimeoutMs: timeout,
      requestTimeoutMs: timeout,
      ...(password !== undefined ? { password } : {}),
    },
    createIso,
  );
}
