import type { ParseArgsConfig } from 'node:util';

/** Option specs in node:util parseArgs form, plus a help line and value name per option. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  help: string;
  /** Shown in usage, e.g. `N` for `--port N`. Omit for boolean flags. */
  valueName?: string;
};

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Resolves when the user asks the command to stop (Ctrl-C / SIGTERM). */
  interrupted: Promise<void>;
  /**
   * A status line that replaces the previous one on a terminal (printed now and then otherwise);
   * absent: the command prints nothing of the kind.
   */
  status?: (line: string) => void;
  /** The process environment (secrets named by a project: `{"env": "NAME"}`); none when absent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Resolves once stdout has taken what was written (a command writing much awaits it between chunks). */
  drained?: () => Promise<void>;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** What `--help` and argument parsing need: light, so the registry loads no command's code. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional part of the usage line, e.g. `<host[:port]> <ref>...`. */
  args?: string;
  options: Record<string, OptionSpec>;
  /** Minimum and maximum number of positionals; usage error outside. */
  positionals?: { min: number; max?: number };
  /** Extra help text after the options (examples, notes). */
  details?: string;
}

/** Returns the exit code: 0 ok, 1 runtime failure. Usage errors throw UsageError. */
export type CommandRun = (args: ParsedArgs, io: CommandIo) => Promise<number>;

export interface Command extends CommandSpec {
  run: CommandRun;
}

/**
 * A command whose code is imported only when it runs: the registry holds the light spec, and `load`
 * dynamically imports the module with the run (and whatever it needs: the MMS client, the SCL
 * importer, the service). `relaygate --help` and every other command then load none of it.
 */
export function lazyCommand(spec: CommandSpec, load: () => Promise<CommandRun>): Command {
  return { ...spec, run: async (args, io) => (await load())(args, io) };
}

/** Thrown for a bad command line: the CLI prints one line plus the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses an integer option value and checks its range, or throws UsageError naming the option. */
export function intOption(
  values: ParsedArgs['values'],
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw))
    throw new UsageError(`--${name} must be a whole number, got '${String(raw)}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}
