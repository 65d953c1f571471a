import { parseArgs } from 'node:util';
import { errorMessage } from '../shared';
import { UsageError, type Command, type CommandIo, type ParsedArgs } from './command';
import { commandHelp, programHelp, programUsage, usageLine, PROGRAM } from './usage';

/**
 * Runs one command line against a command table and returns the exit code.
 * Kept free of process.* so tests can call it in-process with captured output.
 */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  version: string,
  io: CommandIo,
  verbose = argv.includes('--verbose'),
): Promise<number> {
  const [name, ...rest] = argv.filter((a) => a !== '--verbose');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? rest[0] : undefined;
    if (target !== undefined) {
      const cmd = commands.find((c) => c.name === target);
      if (!cmd) return usageFailure(io, `unknown command '${target}'`, programUsage(commands));
      io.out(commandHelp(cmd));
      return 0;
    }
    io.out(programHelp(commands, version));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`;
    return usageFailure(io, what, programUsage(commands));
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(cmd));
    return 0;
  }
  let args: ParsedArgs;
  try {
    args = parseCommandArgs(cmd, rest);
  } catch (err) {
    return usageFailure(io, cliParseMessage(err), `Usage: ${usageLine(cmd)}`);
  }
  try {
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(io, err.message, `Usage: ${usageLine(cmd)}`);
    io.err(`${PROGRAM} ${cmd.name}: ${errorMessage(err)}`);
    if (verbose && err instanceof Error && err.stack) io.err(err.stack);
    return 1;
  }
}

function parseCommandArgs(cmd: Command, rest: string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(cmd.options).map(([k, spec]) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { help, valueName, ...parseSpec } = spec;
      return [k, parseSpec];
    }),
  );
  const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  const min = cmd.positionals?.min ?? 0;
  const max = cmd.positionals?.max ?? (cmd.args ? Infinity : 0);
  const n = parsed.positionals.length;
  if (n < min) throw new UsageError(`missing argument: expected ${cmd.args ?? 'arguments'}`);
  if (n > max) throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`);
  return { positionals: parsed.positionals, values: parsed.values as ParsedArgs['values'] };
}

/** node:util parseArgs errors are long and multi-line; keep the first line and name the option. */
function cliParseMessage(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  const msg = errorMessage(err).split('\n')[0] ?? 'bad arguments';
  return msg.replace(/\. To specify a positional argument.*$/, '');
}

function usageFailure(io: CommandIo, message: string, usage: string): number {
  io.err(`${PROGRAM}: ${message}`);
  io.err(usage);
  return 2;
}
