import type { CommandIo } from './command';
import { commands } from './commands';
import { runCli } from './run-cli';
import { VERSION } from './version';

/** Process edge of the CLI: wires stdout/stderr and signals, then hands over to runCli. */
async function main(): Promise<void> {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const io: CommandIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interrupted,
    // A pipe to a slow reader must not make a big --json output pile up in memory.
    drained: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  };
  process.exitCode = await runCli(process.argv.slice(2), commands, VERSION, io);
  // Commands close their own sockets; anything left (a stuck peer) must not keep the process alive.
  setTimeout(() => process.exit(), 2000).unref();
}

void main();
