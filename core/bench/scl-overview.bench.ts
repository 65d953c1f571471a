/**
 * SCL at substation scale (issue 13): a synthetic 60-IED station SCD of about 15 MB
 * (synthetic-station.ts: 11,000 leaves, 500 FCDAs and 20 RCBs per IED, DOI/DAI-heavy) is written to the
 * temp directory and read by the built CLI, each run a fresh process, as a user would:
 *
 * - `relaygate scl FILE --json` (the overview), beside Python's xml.etree (C-accelerated) parsing the
 *   same file and counting the same figures (scl-overview-peer.py), in the same run;
 * - `relaygate scl FILE --ied NAME --json` (one IED in full);
 * - `relaygate scl FILE --all --json` (every IED in full, streamed; for information).
 *
 * Wall time is from spawn to exit; CPU time and peak RSS are the child's own (process.resourceUsage /
 * getrusage, written to fd 3 at exit). Output goes to a file, as `> out.json` would. The overview's
 * figures are checked against Python's. Targets: overview faster than Python; peak RSS under 300 MB;
 * one IED in full under 2 s.
 *
 *   npm run bench scl-overview        (or: node --import tsx core/bench/scl-overview.bench.ts [iedCount] [runs])
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { syntheticStation } from './synthetic-station';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TARGET_RSS = 300 * 1024 * 1024;
const TARGET_ONE_IED_MS = 2000;

interface Run {
  wallMs: number;
  cpuMs: number;
  rssBytes: number;
  out: string;
}

/** Runs a child with stdout to a file and its resource use on fd 3. */
function run(command: string, args: string[], outPath: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  const out = openSync(outPath, 'w');
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', out, 'ignore', 'pipe'] });
    let usage = '';
    child.stdio[3]?.on('data', (d: Buffer) => (usage += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      closeSync(out);
      if (code !== 0) return fail(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      const u = JSON.parse(usage) as { cpu: number; maxRssKiB: number };
      done({ wallMs, cpuMs: u.cpu * 1000, rssBytes: u.maxRssKiB * 1024, out: outPath });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface IedFigures {
  name: string;
  accessPoints: unknown;
  counts: unknown;
}

async function main(): Promise<void> {
  const iedCount = Number(process.argv[2] ?? 60);
  const runs = Number(process.argv[3] ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'relaygate-scl-overview-'));
  try {
    const scd = join(dir, 'station.scd');
    writeFileSync(scd, syntheticStation(iedCount));
    console.log(`generated ${scd}: ${iedCount} IEDs, ${(statSync(scd).size / 1e6).toFixed(1)} MB`);
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mib(totalmem())} RAM, Node ${process.version}`);
    // Built inside the package (npm packages stay external and resolve from its node_modules).
    const cliDir = join(ROOT, 'dist', 'bench', 'cli');
    const cli = join(cliDir, 'relaygate.mjs');
    spawnSync(process.execPath, ['.ci/build-cli.mjs', '--outdir', cliDir], { cwd: ROOT, stdio: 'inherit' });
    const hook = join(dir, 'rusage.mjs');
    writeFileSync(hook, `import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeSync(3, JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, maxRssKiB: u.maxRSS })); });\n`);
    const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    const havePython = python.status === 0;
    console.log(havePython ? `peer: ${python.stdout.trim()} xml.etree (C-accelerated _elementtree)` : 'peer: python3 is absent, so the overview is not compared with xml.etree in this run');
    const one = `BAY${String(Math.ceil(iedCount / 2)).padStart(3, '0')}`;
    const node = (...args: string[]) => [`--import=${hook}`, cli, 'scl', scd, ...args];
    const cases: [string, () => Promise<Run>][] = [
      ...(havePython ? [['python3 xml.etree peer', () => run('python3', [join(ROOT, 'core/bench/scl-overview-peer.py'), scd], join(dir, 'py.json'), { ...process.env, RUSAGE_FD: '3' })] as [string, () => Promise<Run>]] : []),
      ['scl --json (overview)', () => run(process.execPath, node('--json'), join(dir, 'overview.json'))],
      [`scl --ied ${one} --json`, () => run(process.execPath, node('--ied', one, '--json'), join(dir, 'one.json'))],
      ['scl --all --json', () => run(process.execPath, node('--all', '--json'), join(dir, 'all.json'))],
    ];
    const results = new Map<string, Run[]>(cases.map(([name]) => [name, []]));
    for (let r = 0; r < runs; r++) for (const [name, go] of cases) results.get(name)?.push(await go());
    // Same figures: every IED's access points and counts, as Python counted them.
    const ours = (JSON.parse(readFileSync(join(dir, 'overview.json'), 'utf8')) as { ieds: IedFigures[] }).ieds;
    if (havePython) {
      const theirs = (JSON.parse(readFileSync(join(dir, 'py.json'), 'utf8')) as { ieds: IedFigures[] }).ieds;
      const same = JSON.stringify(ours.map((i) => [i.name, i.accessPoints, i.counts])) === JSON.stringify(theirs.map((i) => [i.name, i.accessPoints, i.counts]));
      console.log(`figures: ${same ? 'the same' : 'DIFFERENT'} for all ${ours.length} IEDs (access points, LDs, LNs, data sets, RCBs, instances, leaves)`);
      if (!same) process.exitCode = 1;
    }
    console.log(`\n| command | runs | wall (median) | CPU (median) | peak RSS (max) | output |`);
    console.log('|---|---|---|---|---|---|');
    for (const [name, rs] of results) {
      const size = statSync(rs[0]?.out ?? '').size;
      console.log(`| ${name} | ${rs.length} | ${sec(median(rs.map((x) => x.wallMs)))} | ${sec(median(rs.map((x) => x.cpuMs)))} | ${mib(Math.max(...rs.map((x) => x.rssBytes)))} | ${(size / 1e6).toFixed(1)} MB |`);
    }
    const get = (name: string) => results.get(name) ?? [];
    const overview = get('scl --json (overview)');
    const oneIed = get(`scl --ied ${one} --json`);
    const peer = havePython ? median(get('python3 xml.etree peer').map((x) => x.wallMs)) : undefined;
    const checks: [string, boolean][] = [
      ...(peer === undefined ? [] : [[`overview faster than xml.etree (${sec(median(overview.map((x) => x.wallMs)))} vs ${sec(peer)})`, median(overview.map((x) => x.wallMs)) < peer] as [string, boolean]]),
      [`overview peak RSS < ${mib(TARGET_RSS)}`, Math.max(...overview.map((x) => x.rssBytes)) < TARGET_RSS],
      [`one IED peak RSS < ${mib(TARGET_RSS)}`, Math.max(...oneIed.map((x) => x.rssBytes)) < TARGET_RSS],
      [`one IED in full < ${sec(TARGET_ONE_IED_MS)}`, median(oneIed.map((x) => x.wallMs)) < TARGET_ONE_IED_MS],
    ];
    console.log('');
    for (const [what, ok] of checks) console.log(`${ok ? 'met' : 'MISSED'}: ${what}`);
    if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
