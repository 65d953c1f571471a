/**
 * Modbus FC03 (read holding registers) requests/s, RelayGate's server beside libmodbus's own C server
 * and bare jsmodbus, for 1 and 8 concurrent clients, in the same run. Also RelayGate answering through
 * jsmodbus's response classes, and `node-floor` (a Node TCP server writing a canned answer: Node's socket layer
 * alone). See modbus-bench-server.ts.
 *
 * Every server is measured by the same C load client (modbus-c-load.c, libmodbus, one request in flight
 * per connection), so the client's cost is the same on both sides of a ratio. The C programs are built
 * here with gcc against Debian's libmodbus-dev into a temporary folder; without gcc or libmodbus-dev the
 * bench says so and skips. Servers and client are pinned to different CPUs when taskset is there (on a
 * VM an unpinned loopback round trip swings by 3x with the scheduler). The rounds interleave the servers
 * so that load from other work on the machine falls on all of them alike; each figure is the median of
 * the rounds. Besides requests/s it gives the server's CPU time per request (/proc/PID/stat), the
 * steadier figure on a shared machine.
 *
 *   npm run bench modbus        (or: node --import tsx core/bench/modbus-fc03.bench.ts [seconds] [rounds] [registers])
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = Number(process.argv[3] ?? 3);
const REGISTERS = Number(process.argv[4] ?? 10);
const CLIENTS = [1, 8];
const SERVERS = ['libmodbus', 'relaygate', 'relaygate-jsmodbus', 'jsmodbus', 'node-floor'] as const;
type ServerKind = (typeof SERVERS)[number];

const here = import.meta.dirname;

function has(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Builds the C server and load client, or returns why it cannot. */
function buildC(dir: string): string | null {
  if (!has('gcc', ['--version'])) return 'gcc is not installed';
  if (!has('pkg-config', ['--exists', 'libmodbus'])) return 'libmodbus-dev is not installed (pkg-config libmodbus)';
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'libmodbus'], { encoding: 'utf8' }).trim().split(/\s+/);
  for (const [name, extra] of [
    ['modbus-c-server', []],
    ['modbus-c-load', ['-pthread']],
  ] as const) {
    const r = spawnSync('gcc', ['-O2', '-Wall', ...extra, '-o', join(dir, name), join(here, `${name}.c`), ...flags], { encoding: 'utf8' });
    if (r.status !== 0) return `gcc failed on ${name}.c: ${r.stderr.trim()}`;
  }
  return null;
}

const pin = cpus().length >= 2 && has('taskset', ['-c', '0', 'true']);
const pinned = (cpu: number, argv: string[]): string[] => (pin ? ['taskset', '-c', String(cpu), ...argv] : argv);

interface Running {
  child: ChildProcess;
  port: number;
}

async function startServer(kind: ServerKind, dir: string): Promise<Running> {
  const argv =
    kind === 'libmodbus'
      ? [join(dir, 'modbus-c-server'), '4000']
      : [process.execPath, '--import', 'tsx', join(here, 'modbus-bench-server.ts'), kind];
  const [command = '', ...args] = pinned(1, argv);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const m = /port (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port };
}

/** User + system CPU seconds of a process so far (Linux /proc), or null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name: state is field 3, utime 14, stime 15 (in clock ticks).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface Run {
  server: ServerKind;
  clients: number;
  requestsPerSecond: number;
  cpuUsPerRequest: number | null;
}

function load(dir: string, server: Running, clients: number, seconds: number): { requests: number; seconds: number } {
  const [command = '', ...args] = pinned(0, [join(dir, 'modbus-c-load'), '127.0.0.1', String(server.port), String(clients), String(seconds), String(REGISTERS)]);
  const out = execFileSync(command, args, { encoding: 'utf8' });
  const r = JSON.parse(out) as { requests: number; errors: number; failed: number; seconds: number };
  if (r.errors > 0 || r.failed > 0) throw new Error(`the load client saw ${r.errors} failed reads and ${r.failed} failed connections`);
  return r;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const dir = mkdtempSync(join(tmpdir(), 'relaygate-modbus-bench-'));
try {
  const why = buildC(dir);
  if (why !== null) {
    console.log(`skipped: ${why}; the comparison needs libmodbus's own server and load client (apt-get install gcc libmodbus-dev)`);
    process.exit(0);
  }
  const runs: Run[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of SERVERS) {
      const server = await startServer(kind, dir);
      try {
        load(dir, server, 8, 0.5); // warm-up: connections, JIT
        for (const clients of CLIENTS) {
          const before = cpuSeconds(server.child.pid);
          const r = load(dir, server, clients, SECONDS);
          const after = cpuSeconds(server.child.pid);
          const cpu = before === null || after === null ? null : Math.round(((after - before) / r.requests) * 1e7) / 10;
          runs.push({ server: kind, clients, requestsPerSecond: Math.round(r.requests / r.seconds), cpuUsPerRequest: cpu });
          console.log(
            `round ${round}  ${kind.padEnd(18)} ${String(clients).padStart(2)} client${clients === 1 ? ' ' : 's'}  ${String(Math.round(r.requests / r.seconds)).padStart(7)} req/s  ${cpu === null ? '' : `${cpu} µs CPU/req`}`,
          );
        }
      } finally {
        server.child.kill('SIGTERM');
      }
    }
  }
  console.log(`\nFC03, ${REGISTERS} registers per request, ${SECONDS} s per run, median of ${ROUNDS} rounds${pin ? ', servers on CPU 1, load client on CPU 0' : ', unpinned'}`);
  console.log('server             clients    req/s   ×libmodbus   µs CPU/req   ×libmodbus (CPU)');
  const summary = [];
  for (const clients of CLIENTS) {
    const of = (kind: ServerKind) => runs.filter((r) => r.server === kind && r.clients === clients);
    const base = of('libmodbus');
    const baseRate = median(base.map((r) => r.requestsPerSecond));
    const baseCpu = median(base.map((r) => r.cpuUsPerRequest ?? NaN));
    for (const kind of SERVERS) {
      const rate = Math.round(median(of(kind).map((r) => r.requestsPerSecond)));
      const cpu = Math.round(median(of(kind).map((r) => r.cpuUsPerRequest ?? NaN)) * 10) / 10;
      const row = { server: kind, clients, requestsPerSecond: rate, ratio: Math.round((rate / baseRate) * 100) / 100, cpuUsPerRequest: cpu, cpuRatio: Math.round((baseCpu / cpu) * 100) / 100 };
      summary.push(row);
      console.log(
        `${kind.padEnd(18)} ${String(clients).padStart(7)}  ${String(rate).padStart(7)}   ${row.ratio.toFixed(2).padStart(10)}   ${String(cpu).padStart(10)}   ${row.cpuRatio.toFixed(2).padStart(16)}`,
      );
    }
  }
  console.log(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`);
  console.log(JSON.stringify({ registers: REGISTERS, seconds: SECONDS, rounds: ROUNDS, pinned: pin, summary, runs }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
