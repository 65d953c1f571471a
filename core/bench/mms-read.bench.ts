/**
 * MMS reads over loopback: how many reads per second our client gets from an IEC 61850 server, for 1, 10
 * and 100 variables, asked three ways (core/client/read-bench.ts):
 * - single: one variable per request, one request at a time (how libiec61850's client reads);
 * - multi: all variables in one Read request, one request at a time;
 * - pipelined: one variable per request, as many in flight as negotiated (10).
 * The server is the simulator (core/sim) in a child process (read-server.ts), so client and
 * server each have their own event loop. Each variable is a whole FCD (`GGIO1$MX$AnInN` = mag.f, q, t).
 *
 *   npm run bench mms-read        (or: node --import tsx core/bench/mms-read.bench.ts [seconds])
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchReads, isoStackFor, mmsNameOf, openIed, type BenchMode, type BenchResult } from '../client';

const SECONDS = Number(process.argv[2] ?? 3);
const COUNTS = [1, 10, 100];
const MODES: BenchMode[] = ['single', 'multi', 'pipelined'];

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'read-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`read server exited with ${code}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

const server = await startServer();
const results: BenchResult[] = [];
try {
  const session = await openIed({ host: '127.0.0.1', port: server.port }, isoStackFor);
  for (const n of COUNTS) {
    const names = Array.from({ length: n }, (_, i) => mmsNameOf(`BENCHLD/GGIO1.AnIn${i + 1}[MX]`).name);
    for (const mode of MODES) {
      // A short warm-up lets the JIT settle before the timed run.
      await benchReads(session.connection, names, {
        mode,
        durationMs: 300,
        inFlight: session.connection.negotiated.maxOutstanding,
      });
      const r = await benchReads(session.connection, names, {
        mode,
        durationMs: SECONDS * 1000,
        inFlight: session.connection.negotiated.maxOutstanding,
      });
      if (r.failedValues > 0) throw new Error(`${r.failedValues} reads failed`);
      results.push(r);
      console.log(
        `${mode.padEnd(9)} ${String(n).padStart(3)} vars  ${String(r.requestsPerSecond).padStart(7)} req/s  ${String(r.valuesPerSecond).padStart(8)} values/s  p50 ${String(r.p50Us).padStart(5)} µs  p99 ${String(r.p99Us).padStart(6)} µs  (${r.inFlight} in flight)`,
      );
    }
  }
  await session.close();
} finally {
  server.stop();
}
console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, ${SECONDS} s per case`,
);
console.log(JSON.stringify(results));
