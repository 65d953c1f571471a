/**
 * How fast simulators start, so tests can use many and one process serves a station:
 * - one simulator, in process: `Simulator.start` of the shipped feeder relay (read the file, import the
 *   SCL, build the model, listen on a free port) until `stop`, 20 times after a warm-up, median and worst;
 * - one IED of a station SCD (synthetic-station.ts, 60 IEDs): `relaygate sim FILE --ied BAY030`, the built
 *   CLI in a child process, from spawn until it prints its `[{ied, host, port}]` line;
 * - `relaygate sim --all` of a 50-IED SCD (synthetic-scd.ts, ~10,000 leaves each): from spawn until the
 *   first IED listens (its stderr line) and until every IED does (the JSON line). Meanwhile one client
 *   reads a leaf of the first IED over and over: the slowest of those reads says how long the IEDs
 *   already serving waited while later ones were loading.
 * For each child process: the CPU time it had used (user + system) and its peak RSS when it was ready.
 * Needs `npm run build:cli` first.
 *
 *   npx tsx core/bench/sim-start.bench.ts [iedCount] [stationIedCount]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isoStackFor, openIed } from '../client';
import { Simulator, bundledModelPath } from '../sim';
import { syntheticScd } from './synthetic-scd';
import { syntheticStation } from './synthetic-station';

const IEDS = Number(process.argv[2] ?? 50);
const STATION_IEDS = Number(process.argv[3] ?? 60);
const RUNS = 20;
const CLI = resolve(import.meta.dirname, '..', '..', 'dist', 'cli', 'relaygate.mjs');

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

interface Ready {
  /** ms from spawn to the first IED listening (its stderr line; the JSON line when there is one IED). */
  readonly firstMs: number;
  /** ms from spawn to the JSON line: every IED listening. */
  readonly allMs: number;
  readonly ieds: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  /** Reads of the first IED made while the others were loading, and the slowest one (ms). */
  readonly reads: number;
  readonly slowestReadMs: number;
}

/** CPU seconds (user + system) and peak RSS (MiB) of a live process, from /proc (Linux). */
function usage(pid: number): { cpuS: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const hz = 100; // USER_HZ, 100 on Linux
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuS: (Number(stat[11]) + Number(stat[12])) / hz, peakRssMb: Math.round(kb / 1024) };
}

/** Reads `ref` from host:port over one association until `done()`, returning the latencies (ms). */
async function readUntil(host: string, port: number, ref: string, done: () => boolean): Promise<number[]> {
  const session = await openIed({ host, port }, isoStackFor);
  const times: number[] = [];
  try {
    while (!done()) {
      const t = performance.now();
      await session.client.readValue(ref);
      times.push(performance.now() - t);
    }
  } finally {
    await session.close();
  }
  return times;
}

/** Runs `relaygate sim FILE ...args` until it prints its JSON line, then stops it. */
async function cliStart(file: string, args: string[]): Promise<Ready> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli first`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'sim', file, '--port', '0', '--json', '--static', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let firstMs: number | undefined;
  let ready = false;
  let reading: Promise<number[]> = Promise.resolve([]);
  createInterface({ input: child.stderr }).on('line', (line) => {
    const m = / (\S+) listening on (\S+):(\d+) \(1 of /.exec(line);
    if (!m) return;
    firstMs = performance.now() - t0;
    reading = readUntil(m[2]!, Number(m[3]), `${m[1]}LD0/LLN0.Mod.stVal[ST]`, () => ready);
  });
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`relaygate sim exited with ${code}`)));
  });
  const allMs = performance.now() - t0;
  const used = usage(child.pid!);
  ready = true;
  const reads = await reading;
  child.kill('SIGTERM');
  return {
    firstMs: firstMs ?? allMs,
    allMs,
    ieds: (JSON.parse(line) as unknown[]).length,
    ...used,
    reads: reads.length,
    slowestReadMs: Math.max(0, ...reads),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const times = await oneSimulator();
console.log(
  `one simulator (feeder relay, 821 leaves): median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms, worst ${times[times.length - 1]!.toFixed(1)} ms over ${RUNS} starts`,
);
const station = join(tmpdir(), `relaygate-station-${STATION_IEDS}-${process.pid}.scd`);
const scd = join(tmpdir(), `relaygate-sim-${IEDS}-${process.pid}.scd`);
try {
  writeFileSync(station, syntheticStation(STATION_IEDS));
  const one = await cliStart(station, ['--ied', 'BAY030']);
  console.log(`relaygate sim --ied BAY030 of a ${STATION_IEDS}-IED station SCD: ${s(one.allMs)} from spawn to listening, CPU ${one.cpuS.toFixed(2)} s, peak RSS ${one.peakRssMb} MiB`);
  rmSync(station, { force: true });
  writeFileSync(scd, syntheticScd(IEDS));
  const all = await cliStart(scd, ['--all']);
  console.log(
    `relaygate sim --all, ${all.ieds} IEDs: first listening after ${s(all.firstMs)}, all after ${s(all.allMs)}, CPU ${all.cpuS.toFixed(2)} s, peak RSS ${all.peakRssMb} MiB; ` +
      `${all.reads} reads of the first IED meanwhile, the slowest ${all.slowestReadMs.toFixed(0)} ms`,
  );
} finally {
  rmSync(station, { force: true });
  rmSync(scd, { force: true });
}
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
