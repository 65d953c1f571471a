/**
 * How fast a simulator starts, so tests can use many:
 * - one simulator, in process: `Simulator.start` of the shipped feeder relay (read the file, import the
 *   SCL, build the model, listen on a free port) until `stop`, 20 times after a warm-up, median and worst;
 * - `relaygate sim --all` of a 50-IED SCD (synthetic-scd.ts, ~10,000 leaves each): the built CLI in a
 *   child process, from spawn until it prints the `[{ied, host, port}]` line with every IED listening,
 *   and its peak RSS. Needs `npm run build:cli` first.
 *
 *   npx tsx core/bench/sim-start.bench.ts [iedCount]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Simulator, bundledModelPath } from '../sim';
import { syntheticScd } from './synthetic-scd';

const IEDS = Number(process.argv[2] ?? 50);
const RUNS = 20;

async function oneSimulator(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const sim = await Simulator.start({ scl: bundledModelPath() });
    const ms = performance.now() - t0;
    await sim.stop();
    if (i >= 3) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

async function allIeds(file: string): Promise<{ ms: number; ieds: number; peakRssMb: number }> {
  const cli = resolve(import.meta.dirname, '..', '..', 'dist', 'cli', 'relaygate.mjs');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build:cli first`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'sim', file, '--all', '--port', '0', '--json', '--static'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let peak = 0;
  const rss = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      // not on Linux, or the child is gone
    }
  }, 100);
  const line = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) ok(out.slice(0, nl));
    });
    child.on('exit', (code) => fail(new Error(`relaygate sim exited with ${code}`)));
  });
  const ms = performance.now() - t0;
  clearInterval(rss);
  child.kill('SIGTERM');
  return { ms, ieds: (JSON.parse(line) as unknown[]).length, peakRssMb: Math.round(peak / 1024) };
}

const times = await oneSimulator();
console.log(
  `one simulator (feeder relay, 821 leaves): median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms, worst ${times[times.length - 1]!.toFixed(1)} ms over ${RUNS} starts`,
);
const file = join(tmpdir(), `relaygate-sim-${IEDS}.scd`);
writeFileSync(file, syntheticScd(IEDS));
try {
  const all = await allIeds(file);
  console.log(`relaygate sim --all, ${all.ieds} IEDs: ${(all.ms / 1000).toFixed(2)} s from spawn to every IED listening, peak RSS ${all.peakRssMb} MiB`);
} finally {
  rmSync(file, { force: true });
}
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
