import { TrafficTap, openIed, type IedSession, type IsoStackFactory } from '../../client';
import { hexdump } from '../../shared';
import { intOption, type CommandIo, type ParsedArgs } from '../command';
import { parseEndpoint } from '../endpoint';

/** Opens the IED named by the first positional, with the shared options. */
export function openFromArgs(
  args: ParsedArgs,
  createIso: IsoStackFactory,
  io?: CommandIo,
): Promise<IedSession> {
  const { host, port } = parseEndpoint(args.positionals[0] ?? '');
  const timeout = intOption(args.values, 'timeout', 5000, 100, 600_000);
  const password = typeof args.values.password === 'string' ? args.values.password : undefined;
  let tap: TrafficTap | undefined;
  if (args.values.trace && io) {
    tap = new TrafficTap({ capacity: 16 });
    tap.onRecord((r) => {
      const arrow = r.direction === 'sent' ? '>>' : '<<';
      io.err(`${arrow} ${new Date(r.time).toISOString()} ${r.summary}\n${hexdump(r.bytes, 512)}`);
    });
  }
  return openIed(
    {
      host,
      port,
      connectTimeoutMs: timeout,
      requestTimeoutMs: timeout,
      ...(password !== undefined ? { password } : {}),
      ...(tap ? { tap } : {}),
    },
    createIso,
  );
}
