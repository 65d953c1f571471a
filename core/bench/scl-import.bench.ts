/**
 * SCL import benchmark: a synthetic SCD of 50 IEDs × ~10,000 leaves (~50 MB, see synthetic-scd.ts) is
 * written to the temp directory and imported in a fresh child process, so the figures hold nothing but
 * the import: wall time from bytes to model, the child's peak RSS (getrusage ru_maxrss, the kernel's
 * own high-water mark) and the peak V8 heap sampled at every progress event. Progress goes to stderr.
 *
 *   npx tsx core/bench/scl-import.bench.ts [iedCount]
 *
 * Targets (issue 4): under 5 s and under 1 GB on the 2-core reference machine.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iedCounts, importScl, planIed } from '../scl';
import { syntheticScd } from './synthetic-scd';

const TARGET_SECONDS = 5;
const TARGET_BYTES = 1024 ** 3;

interface ChildResult {
  bytes: number;
  ieds: number;
  leaves: number;
  recommended: number;
  warnings: number;
  importMs: number;
  planMs: number;
  peakHeapBytes: number;
  peakRssBytes: number;
}

/** Child side: read, import, plan, report one JSON line on stdout. */
function child(path: string): void {
  const bytes = new Uint8Array(readFileSync(path));
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  let lastTenth = -1;
  const started = performance.now();
  const doc = importScl(bytes, {
    fileName: path,
    onProgress: (p) => {
      sample();
      const tenth = Math.floor(p.fraction * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`  ${p.phase.padEnd(13)} ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${((performance.now() - started) / 1000).toFixed(2)} s${p.detail ? `  ${p.detail}` : ''}\n`);
      }
    },
  });
  const importMs = performance.now() - started;
  sample();
  const planStart = performance.now();
  const plans = doc.ieds.map((ied) => planIed(ied));
  const planMs = performance.now() - planStart;
  sample();
  const result: ChildResult = {
    bytes: bytes.length,
    ieds: doc.ieds.length,
    leaves: doc.ieds.reduce((n, ied) => n + iedCounts(ied).leaves, 0),
    recommended: plans.reduce((n, p) => n + p.points.length, 0),
    warnings: doc.warnings.length,
    importMs,
    planMs,
    peakHeapBytes: peakHeap,
    // ru_maxrss is in kilobytes on Linux.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(path: string): Promise<ChildResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, self, '--child', path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`import child exited with ${code}`));
      else resolve(JSON.parse(out) as ChildResult);
    });
  });
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;

const RUNS = 3;

async function main(): Promise<void> {
  const iedCount = Number(process.argv[2] ?? 50);
  const path = join(tmpdir(), `relaygate-bench-${process.pid}.scd`);
  const genStart = performance.now();
  writeFileSync(path, syntheticScd(iedCount));
  const size = statSync(path).size;
  console.log(`generated ${path}: ${iedCount} IEDs, ${(size / 1e6).toFixed(1)} MB (${mb(size)}) in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Node ${process.version}`);
  try {
    const results: ChildResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      console.log(`run ${run} of ${RUNS} (fresh process):`);
      results.push(await runChild(path));
    }
    console.log('');
    console.log(`| run | file | IEDs | leaves | import | plan (points) | peak RSS | peak heap |`);
    console.log('|---|---|---|---|---|---|---|---|');
    results.forEach((r, i) => {
      console.log(`| ${i + 1} | ${mb(r.bytes)} | ${r.ieds} | ${r.leaves} | ${(r.importMs / 1000).toFixed(2)} s | ${(r.planMs / 1000).toFixed(2)} s (${r.recommended}) | ${mb(r.peakRssBytes)} | ${mb(r.peakHeapBytes)} |`);
    });
    // The target is checked on the slowest and largest run, not the best one.
    const worstSeconds = Math.max(...results.map((r) => r.importMs)) / 1000;
    const worstRss = Math.max(...results.map((r) => r.peakRssBytes));
    const ok = worstSeconds < TARGET_SECONDS && worstRss < TARGET_BYTES;
    console.log(`\nslowest import ${worstSeconds.toFixed(2)} s, largest peak RSS ${mb(worstRss)}; target < ${TARGET_SECONDS} s and < ${mb(TARGET_BYTES)}: ${ok ? 'met' : 'MISSED'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(path, { force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3] ?? '');
else await main();
