/**
 * Gateway scale: 50 simulated feeder relays × 200 points each, every point polled at 1 s (whole FCDs,
 * packed and pipelined), all mapped to Modbus with a status companion. The simulators run in one child
 * process (sim-farm.ts), the gateway in another (gateway-host.ts, bundled like the CLI and run by plain
 * node); this process only measures the
 * gateway's CPU time and RSS from /proc over a steady window and reads its poll counters at the end.
 *
 *   npm run bench gateway-scale      (or: node --import tsx core/bench/gateway-scale.bench.ts [ieds] [points] [seconds])
 * Targets (issue 9): under 30 % of one core, under 300 MB RSS, no missed poll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProject, sclDrafts } from '../cli';
import { writeProjectFile } from '../runtime';
import { bundledModelPath } from '../sim';
import { bundleScript, startChild } from './bench-process';

const IEDS = Number(process.argv[2] ?? 50);
const POINTS = Number(process.argv[3] ?? 200);
const SECONDS = Number(process.argv[4] ?? 30);

const dir = mkdtempSync(join(tmpdir(), 'relaygate-scale-'));
const farm = startChild('sim-farm.ts', [String(IEDS)]);
try {
  const ports = (await farm.line(/^ports (.+)$/)).split(',').map(Number);
  const { drafts } = await sclDrafts({ file: bundledModelPath(), ieds: [], host: '127.0.0.1:1', tiers: new Set(['all']) });
  const template = drafts[0];
  if (!template || template.points.length < POINTS) throw new Error(`the model has ${template?.points.length} leaves, fewer than ${POINTS}`);
  // Every point polled: the worst case for the gateway (reports would spare most reads).
  const points = template.points.slice(0, POINTS).map((p) => ({ ...p, covers: [] }));
  const ieds = ports.map((port, i) => ({ ...template, id: `IED${String(i + 1).padStart(2, '0')}`, name: `IED${i + 1}`, port, points }));
  const { project } = initProject('scale bench', ieds, ['status']);
  const path = join(dir, 'scale.json');
  await writeProjectFile(path, { ...project, modbus: { ...project.modbus, bind: '127.0.0.1', port: 0 }, mqtt: { ...project.mqtt, enabled: false } });
  // The gateway runs bundled under plain node, as the relaygate CLI does (tsx would add ~75 MiB of RSS).
  const gateway = startChild(await bundleScript('gateway-host.ts'), [path], true);
  const started = Date.now();
  await gateway.line(/^ok (\d+)$/, 120_000);
  console.log(`all ${IEDS * POINTS} points ok after ${((Date.now() - started) / 1000).toFixed(1)} s; settling 5 s, then measuring ${SECONDS} s`);
  await new Promise((r) => setTimeout(r, 5000));
  gateway.child.stdin?.write('stats\n');
  const before = JSON.parse(await gateway.line(/^stats (\{.*\})$/)) as Record<string, number>;
  const cpu0 = gateway.cpuSeconds();
  const t0 = Date.now();
  let rssMax = 0;
  for (let s = 0; s < SECONDS; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    rssMax = Math.max(rssMax, gateway.rssMiB());
  }
  const cpu = (gateway.cpuSeconds() - cpu0) / ((Date.now() - t0) / 1000);
  gateway.child.stdin?.end();
  const after = JSON.parse(await gateway.line(/^final (\{.*\})$/)) as Record<string, number>;
  const delta = (k: string): number => (after[k] ?? 0) - (before[k] ?? 0);
  const result = {
    ieds: IEDS,
    pointsPerIed: POINTS,
    seconds: SECONDS,
    cpuPercentOfOneCore: Math.round(cpu * 1000) / 10,
    rssMaxMiB: Math.round(rssMax),
    heapMiB: after.heapMiB,
    liveHeapMiB: after.liveHeapMiB,
    externalMiB: after.externalMiB,
    arrayBuffersMiB: after.arrayBuffersMiB,
    cycles: delta('cycles'),
    late: delta('late'),
    missed: delta('missed'),
    pointsOk: after.ok,
    points: after.points,
    longestCycleMs: after.maxCycleMs,
    readRequestsPerSecond: after.requestsPerCycle,
    fcdsPerSecond: after.variablesPerCycle,
  };
  console.log(`in ${SECONDS} s: gateway CPU ${result.cpuPercentOfOneCore} % of one core, RSS max ${result.rssMaxMiB} MiB (heap ${result.heapMiB} MiB, ${result.liveHeapMiB} MiB live after a full GC), poll cycles ${result.cycles}, late ${result.late}, missed ${result.missed}, last cycle ${result.longestCycleMs} ms at most, ${result.readRequestsPerSecond} read requests per second`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  console.log(JSON.stringify(result));
} finally {
  farm.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
