/**
 * The gateway side of the MQTT benchmark (mqtt-publish.bench.ts), in its own process so its CPU time
 * and RSS are the publisher's alone. It makes `points` float32 points over `ieds` IEDs, connects one
 * MqttPublisher, then for `seconds` seconds hands it `batchesPerSecond` change batches a second (every
 * point changes once a second, the batches taking turns over the points), as the runtime cache would.
 * It prints one JSON line: what it handed over, the publisher's counters, its CPU time, and its RSS once
 * connected (before the first batch) and at its peak.
 *
 *   node --import tsx core/bench/mqtt-gateway.ts '{"url":"mqtt://127.0.0.1:1883","payload":"json","qos":0,…}'
 */
import { MqttPublisher } from '../outputs';
import { analogPoints, batch, okState, settings } from '../test';

interface Args {
  url: string;
  payload: 'json' | 'sparkplug';
  qos: 0 | 1 | 2;
  points: number;
  ieds: number;
  seconds: number;
  batchesPerSecond: number;
}

const a = JSON.parse(process.argv[2] ?? '{}') as Args;
const perIed = Math.ceil(a.points / a.ieds);
const iedIds = Array.from({ length: a.ieds }, (_, i) => `IED${i + 1}`);
const points = iedIds.flatMap((ied) => analogPoints(ied, perIed)).slice(0, a.points);
const publisher = new MqttPublisher({
  settings: settings({
    url: a.url,
    topicRoot: 'bench',
    instanceId: 'bench',
    payload: a.payload,
    qos: a.qos,
    sparkplug: { groupId: 'Bench' },
  }),
  points,
  ieds: iedIds.map((id) => ({ id })),
  probeTimeoutMs: 0,
  limits: { queue: 100_000 },
});
await publisher.start();
await new Promise<void>((ok) => {
  if (publisher.status().connection === 'connected') ok();
  publisher.on('connection', (s) => s === 'connected' && ok());
});
for (const ied of iedIds) publisher.setIedStatus(ied, 'connected');

const perBatch = Math.ceil(points.length / a.batchesPerSecond);
const total = a.seconds * a.batchesPerSecond;
const periodMs = 1000 / a.batchesPerSecond;
globalThis.gc?.();
const rssStart = process.memoryUsage().rss;
let rssPeak = rssStart;
let changes = 0;
let buildCpuUs = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let n = 0; n < total; n++) {
  // Each batch changes its slice of points to new values (never inside a deadband: there is none).
  const slice = points.slice((n % a.batchesPerSecond) * perBatch, ((n % a.batchesPerSecond) + 1) * perBatch);
  const now = Date.now();
  const b0 = process.cpuUsage();
  const b = batch(
    slice.map((p, i) =>
      okState(p, n + i / 1000, n + i / 1000, {
        seq: n,
        localTime: now,
        deviceTime: new Date(now).toISOString(),
      }),
    ),
  );
  const built = process.cpuUsage(b0);
  buildCpuUs += built.user + built.system;
  publisher.publish(b);
  changes += slice.length;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const next = t0 + (n + 1) * periodMs;
  await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
}
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
// Let the socket drain (and QoS 1 acknowledgements come back) before the last counters are read.
const settled = () => {
  const c = publisher.status().counters;
  return c.queued === 0 && (a.qos === 0 || c.acknowledged >= c.sent);
};
for (let i = 0; i < 200 && !settled(); i++) await new Promise((r) => setTimeout(r, 50));
const { counters } = publisher.status();
await publisher.stop();
console.log(
  JSON.stringify({
    changes,
    wallMs: Math.round(wallMs),
    cpuUserMs: Math.round(cpu.user / 1000),
    cpuSystemMs: Math.round(cpu.system / 1000),
    /** Of which making the batches (the cache's share, not the publisher's). */
    batchBuildCpuMs: Math.round(buildCpuUs / 1000),
    rssStartMiB: Math.round(rssStart / 1048576),
    rssPeakMiB: Math.round(rssPeak / 1048576),
    counters,
  }),
);
process.exit(0);
