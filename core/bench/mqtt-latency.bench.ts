/**
 * Report latency through the gateway to an MQTT subscriber: from a value change in the simulator to the
 * message at `mosquitto_sub`. The simulated feeder relay runs here, the gateway in a child process
 * (gateway-host.ts, what `relaygate run` runs) publishing JSON at QoS 0 (retain on, the project
 * defaults) to a real mosquitto, and Debian's `mosquitto_sub` in its own process prints each message with
 * the time it received it (`%U`). The point is PTOC1.Op.general by the BRCB brcbProt with BufTm 0
 * (latency.ts); polls every 60 s, so only the report carries a change. A sample is the time from just
 * before `sim.set` to the subscriber's receive time of the `/value` message with the new value: the
 * simulator's report engine, MMS over loopback, the gateway's decode, cache, batch and publish, the
 * broker, and the subscriber's libmosquitto. 20 warm-up changes, then the timed ones, 10 ms apart.
 *
 *   npm run bench mqtt-latency        (or: node --import tsx core/bench/mqtt-latency.bench.ts [samples])
 * Target (issue 10): p99 under 30 ms on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeProjectFile } from '../runtime';
import { Simulator, bundledModelPath } from '../sim';
import { Mosquitto, MosquittoSub } from '../test';
import { startChild } from './bench-process';
import { latencyProject, latencySummary } from './latency';

const SAMPLES = Number(process.argv[2] ?? 500);
const ROOT = 'rg-bench';
const TOPIC = `${ROOT}/FDR1/op/value`;

/** Wall-clock ms with sub-millisecond resolution, comparable with mosquitto_sub's `%U`. */
const wallMs = (): number => performance.timeOrigin + performance.now();

const dir = mkdtempSync(join(tmpdir(), 'relaygate-mqtt-latency-'));
const broker = await Mosquitto.start();
const sim = await Simulator.start({ scl: bundledModelPath() });
const sub = await MosquittoSub.start(broker.port, [TOPIC]);
const path = join(dir, 'latency.json');
await writeProjectFile(
  path,
  latencyProject(sim.port, { modbus: { enabled: false }, mqtt: { enabled: true, url: broker.url, topicRoot: ROOT, instanceId: 'bench', qos: 0 } }),
);
const gateway = startChild('gateway-host.ts', [path]);
try {
  await gateway.line(/^ok (\d+)$/);
  let value = (await sub.waitFor((m) => m.topic === TOPIC, 10_000, 'the first value')).text === 'true';
  await new Promise((r) => setTimeout(r, 1000));
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
    const next = !value;
    const arrived = sub.next((m) => m.topic === TOPIC && m.text === String(next), 5000, `${next} on ${TOPIC}`);
    const t0 = wallMs();
    sim.set('FDR1PROT/PTOC1.Op[ST]', { value: next });
    const m = await arrived;
    if (i >= 20) samples.push(m.at - t0); // the first changes warm the JIT up
    value = next;
    await new Promise((r) => setTimeout(r, 10));
  }
  const result = latencySummary(samples);
  console.log(`sim change → mosquitto_sub, by report (BufTm 0), JSON QoS 0: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms over ${result.samples} changes`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  console.log(JSON.stringify(result));
} finally {
  gateway.child.stdin?.end();
  await new Promise((r) => gateway.child.once('exit', r));
  await sub.close();
  await sim.stop();
  await broker.dispose();
  rmSync(dir, { recursive: true, force: true });
}
