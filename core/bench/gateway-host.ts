/**
 * The gateway under benchmark, in its own process: `relaygate run` in all but the output, which here is
 * what the runtime counted: `stats {json}` for each line written to its stdin, `final {json}` when stdin
 * closes or on SIGTERM (then it stops). Prints `modbus <port>` once running and `ok <n>` when every
 * point is ok.
 *
 *   node --import tsx core/bench/gateway-host.ts <project.json>
 */
import { secretResolver } from '../project';
import { createInterface } from 'node:readline';
import { RuntimeHost, projectOutputs, readProjectFile } from '../runtime';

const file = await readProjectFile(process.argv[2] ?? '');
const host = await RuntimeHost.start(file.project, {
  projectPath: null,
  secrets: secretResolver({}),
  outputs: projectOutputs,
  log: (e) => {
    if (e.level === 'error') process.stderr.write(`${e.source} ${e.message}\n`);
  },
});
const listening = host.modbusClients().listening ?? '';
process.stdout.write(`modbus ${listening.slice(listening.lastIndexOf(':') + 1)}\n`);
const ready = setInterval(() => {
  const ok = host.gateway.iedStatuses().reduce((n, s) => n + s.points.ok, 0);
  if (ok === file.project.points.length) {
    clearInterval(ready);
    process.stdout.write(`ok ${ok}\n`);
  }
}, 100);

/** Heap still in use after a full collection (when run with --expose-gc), MiB. */
function liveHeapMiB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return -1;
  gc();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
}

function summary(): Record<string, number> {
  const statuses = host.gateway.iedStatuses();
  const groups = statuses.flatMap((s) => s.pollGroups);
  return {
    ieds: statuses.length,
    connected: statuses.filter((s) => s.state === 'connected').length,
    points: statuses.reduce((n, s) => n + s.points.total, 0),
    ok: statuses.reduce((n, s) => n + s.points.ok, 0),
    cycles: groups.reduce((n, g) => n + g.cycles, 0),
    late: groups.reduce((n, g) => n + g.late, 0),
    missed: groups.reduce((n, g) => n + g.missed, 0),
    maxCycleMs: Math.max(0, ...groups.map((g) => g.lastDurationMs ?? 0)),
    requestsPerCycle: groups.reduce((n, g) => n + g.requests, 0),
    variablesPerCycle: groups.reduce((n, g) => n + g.variables, 0),
    heapMiB: Math.round(process.memoryUsage().heapUsed / 1048576),
    liveHeapMiB: liveHeapMiB(),
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    externalMiB: Math.round(process.memoryUsage().external / 1048576),
    arrayBuffersMiB: Math.round(process.memoryUsage().arrayBuffers / 1048576),
  };
}

let done = false;
async function finish(): Promise<void> {
  if (done) return;
  done = true;
  clearInterval(ready);
  const last = summary();
  await host.stop();
  process.stdout.write(`final ${JSON.stringify(last)}\n`);
  process.exit(0);
}
// One line on stdin asks for the counters now (`stats {...}`); closing stdin stops the gateway.
createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`stats ${JSON.stringify(summary())}\n`));
process.stdin.on('end', () => void finish());
process.on('SIGTERM', () => void finish());
