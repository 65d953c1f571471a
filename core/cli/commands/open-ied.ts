import {
  DEFAULT_DISCOVERY_LIMITS,
  DEFAULT_NAME_LIST_LIMITS,
  TrafficTap,
  isLimitError,
  openIed,
  type DiscoveryLimits,
  type IedSession,
  type IsoStackFactory,
  type NameListLimits,
} from '../../client';
import { DEFAULT_REASSEMBLY_LIMITS, type ReassemblyLimits } from '../../iec61850';
import { hexdump } from '../../shared';
import { UsageError, intOption, type CommandIo, type ParsedArgs } from '../command';
import { parseEndpoint } from '../endpoint';

/** The budgets `--limit NAME=N` can change, by the layer that applies them. */
export interface CliLimits {
  nameLists: Partial<NameListLimits>;
  discovery: Partial<DiscoveryLimits>;
  reassembly: Partial<ReassemblyLimits>;
}

const LIMIT_TABLES = {
  nameLists: DEFAULT_NAME_LIST_LIMITS,
  discovery: DEFAULT_DISCOVERY_LIMITS,
  reassembly: DEFAULT_REASSEMBLY_LIMITS,
} as const;

/** Reads every `--limit NAME=N`; an unknown name or a bad number is a usage error naming the known ones. */
export function limitsFromArgs(args: ParsedArgs): CliLimits {
  const out: CliLimits = { nameLists: {}, discovery: {}, reassembly: {} };
  const raw = args.values.limit;
  for (const text of Array.isArray(raw) ? raw : []) {
    const m = /^(\w+)=(\d+)$/.exec(text);
    const table = m
      ? (Object.keys(LIMIT_TABLES) as (keyof CliLimits)[]).find((t) => m[1]! in LIMIT_TABLES[t])
      : undefined;
    if (!m || !table || Number(m[2]) < 1) {
      const known = Object.values(LIMIT_TABLES).flatMap((t) => Object.keys(t));
      throw new UsageError(
        `--limit takes NAME=N with N >= 1 and NAME one of ${known.join(', ')}; got '${text}'`,
      );
    }
    (out[table] as Record<string, number>)[m[1]!] = Number(m[2]);
  }
  return out;
}

/** A LimitError gets the flag that changes its limit; anything else is returned as it is. */
export function withLimitHint(err: unknown): unknown {
  if (!isLimitError(err)) return err;
  return new Error(`${err.message}; if the IED really needs more, raise it with --limit ${err.limit}=N`, {
    cause: err,
  });
}

/** Opens the IED named by the first positional, with the shared options. */
export function openFromArgs(
  args: ParsedArgs,
  createIso: IsoStackFactory,
  io?: CommandIo,
  limits: CliLimits = limitsFromArgs(args),
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
      nameLists: limits.nameLists,
    },
    createIso,
  );
}
