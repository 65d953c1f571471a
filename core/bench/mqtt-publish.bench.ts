/**
 * MQTT publishing under load: 10,000 points changing every second, published by one MqttPublisher to a
 * real mosquitto and received by `mosquitto_sub`. Three cases: JSON at QoS 0 (two messages a change,
 * /value and /state), JSON at QoS 1, and Sparkplug B (one DDATA per batch and IED). The gateway runs in
 * its own process (mqtt-gateway.ts), which reports its CPU time and peak RSS; this process starts
 * mosquitto and counts what the subscriber receives.
 *
 *   npm run bench mqtt-publish        (or: node --import tsx core/bench/mqtt-publish.bench.ts [seconds])
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Mosquitto } from '../test';

const SECONDS = Number(process.argv[2] ?? 10);
const POINTS = 10_000;
const CASES = [
  { name: 'json qos0', payload: 'json', qos: 0 },
  { name: 'json qos1', payload: 'json', qos: 1 },
  { name: 'sparkplug', payload: 'sparkplug', qos: 0 },
] as const;

interface GatewayReport {
  changes: number;
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  batchBuildCpuMs: number;
  rssStartMiB: number;
  rssPeakMiB: number;
  counters: {
    generated: number;
    sent: number;
    acknowledged: number;
    queued: number;
    superseded: number;
    dropped: number;
  };
}

/** Counts the messages mosquitto_sub prints, one topic a line; -R skips retained ones from an earlier case. */
function subscriber(port: number, topic: string): { count: () => number; stop: () => void } {
  const child = spawn('mosquitto_sub', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-t',
    topic,
    '-q',
    '0',
    '-R',
    '-F',
    '%t',
  ]);
  let lines = 0;
  child.stdout.on('data', (d: Buffer) => {
    for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
  });
  return { count: () => lines, stop: () => child.kill() };
}

function gateway(args: object): Promise<GatewayReport> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', join(import.meta.dirname, 'mqtt-gateway.ts'), JSON.stringify(args)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0
        ? ok(JSON.parse(out.trim().split('\n').at(-1)!) as GatewayReport)
        : fail(new Error(`gateway exited with ${code}`)),
    );
  });
}

const broker = await Mosquitto.start();
try {
  for (const c of CASES) {
    const sub = subscriber(broker.port, c.payload === 'json' ? 'bench/#' : 'spBv1.0/Bench/#');
    await new Promise((r) => setTimeout(r, 300));
    const r = await gateway({
      url: broker.url,
      payload: c.payload,
      qos: c.qos,
      points: POINTS,
      ieds: 10,
      seconds: SECONDS,
      batchesPerSecond: 10,
    });
    await new Promise((r) => setTimeout(r, 1000));
    const received = sub.count();
    sub.stop();
    const s = r.wallMs / 1000;
    const cpuMs = r.cpuUserMs + r.cpuSystemMs;
    const publisherCpuUs = (cpuMs - r.batchBuildCpuMs) * 1000;
    console.log(
      `${c.name.padEnd(10)} ${Math.round(r.changes / s)} changes/s  ${Math.round(r.counters.sent / s)} msgs/s sent  ` +
        `${Math.round(received / s)} msgs/s received (${received} of ${r.counters.sent})  ` +
        `CPU ${Math.round((cpuMs / r.wallMs) * 100)} % of one core, ${(publisherCpuUs / r.changes).toFixed(1)} µs a change ` +
        `(batches not counted)  RSS ${r.rssStartMiB} → ${r.rssPeakMiB} MiB  ` +
        `queued ${r.counters.queued} superseded ${r.counters.superseded} dropped ${r.counters.dropped}`,
    );
    console.log(JSON.stringify({ case: c.name, received, ...r }));
  }
} finally {
  await broker.dispose();
}
console.log(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, ${SECONDS} s per case, ${POINTS} points`,
);
