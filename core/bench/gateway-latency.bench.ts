/**
 * Report latency through the gateway: from a value change in the simulator to the new value readable
 * over Modbus TCP. The simulated feeder relay runs here, the gateway in a child process
 * (gateway-host.ts); the point is PTOC1.Op.general, delivered by the BRCB brcbProt with BufTm 0 (the
 * plan writes it) and mapped to discrete input 0; polling is every 60 s, so only the report can carry
 * the change. A raw Modbus TCP client here reads that input back to back (FC 02, one request in
 * flight); a sample is the time from `sim.set` to the first answer showing the new value.
 *
 *   npm run bench gateway-latency     (or: node --import tsx core/bench/gateway-latency.bench.ts [samples])
 * Target (issue 9): p99 under 20 ms on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProjectFile } from '../runtime';
import { Simulator, bundledModelPath } from '../sim';
import { startChild } from './bench-process';
import { latencyProject, latencySummary } from './latency';

const SAMPLES = Number(process.argv[2] ?? 300);

/** FC 02 of one discrete input, unit 1, as a reusable frame; the answer's data byte is at offset 9. */
function readBit(socket: Socket, tid: number): Promise<number> {
  const frame = Buffer.from([tid >> 8, tid & 0xff, 0, 0, 0, 6, 1, 2, 0, 0, 0, 1]);
  return new Promise((resolve, reject) => {
    socket.once('data', (d: Buffer) => (d[7] === 2 ? resolve((d[9] ?? 0) & 1) : reject(new Error(`exception ${d[8]}`))));
    socket.write(frame);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'relaygate-latency-'));
const sim = await Simulator.start({ scl: bundledModelPath() });
const project = latencyProject(sim.port, {
  modbus: { bind: '127.0.0.1', port: 0 },
  mqtt: { enabled: false },
  pointModbus: { area: 'discrete', address: 0, type: 'bool' },
});
const path = join(dir, 'latency.json');
await writeProjectFile(path, project);
const gateway = startChild('gateway-host.ts', [path]);
try {
  const port = Number(await gateway.line(/^modbus (\d+)$/));
  await gateway.line(/^ok (\d+)$/);
  await new Promise((r) => setTimeout(r, 1000));
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  let tid = 0;
  const samples: number[] = [];
  let value = await readBit(socket, ++tid);
  for (let i = 0; i < SAMPLES + 20; i++) {
    const next = value ? 0 : 1;
    const t0 = process.hrtime.bigint();
    sim.set('FDR1PROT/PTOC1.Op[ST]', { value: next === 1 });
    while ((await readBit(socket, ++tid & 0xffff)) !== next) {
      if (process.hrtime.bigint() - t0 > 5_000_000_000n) throw new Error('the change did not arrive within 5 s');
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i >= 20) samples.push(ms); // the first changes warm the JIT up
    value = next;
    await new Promise((r) => setTimeout(r, 10));
  }
  socket.destroy();
  const result = latencySummary(samples);
  console.log(`sim change → Modbus readable, by report (BufTm 0): p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms over ${result.samples} changes`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  console.log(JSON.stringify(result));
} finally {
  gateway.child.stdin?.end();
  await new Promise((r) => gateway.child.once('exit', r));
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
