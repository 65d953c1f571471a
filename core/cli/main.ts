import type { CommandIo } from './command';
import { commands } from './commands';
import { runCli } from './run-cli';
import { VERSION } from './version';

/** On a terminal the status line is rewritten in place; in a log it is a line every 10 s at most. */
function statusWriter(): (line: string) => void {
  if (process.stderr.isTTY) return (line) => process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
  let last = 0;
  return (line) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    process.stderr.write(`${line}\n`);
  };
}

/** Process edge of the CLI: wires stdout/stderr and signals, then hands over to runCli. */
async function main(): Promise<void> {
  let signals = 0;
  const interrupted = new Promise<void>((resolve) => {
    // The first Ctrl-C asks the command to stop cleanly; a second one ends the process now.
    const onSignal = (): void => {
      if (++signals > 1) process.exit(130);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  const io: CommandIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interrupted,
    env: process.env,
    status: statusWriter(),
    // A pipe to a slow reader must not make a big --json output pile up in memory.
    drained: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
  };
  process.exitCode = await runCli(process.argv.slice(2), commands, VERSION, io);
  // Commands close their own sockets; anything left (a stuck peer) must not keep the process alive.
  setTimeout(() => process.exit(), 2000).unref();
}

void main();
