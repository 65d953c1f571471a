/**
 * MMS Data decode/encode benchmark: the contents of a realistic 100-variable Read response, as an IED
 * answers a gateway's poll of whole FCDs:
 *
 *   listOfAccessResult [1] IMPLICIT SEQUENCE OF AccessResult   -- AccessResult success = Data
 *
 * 50 status FCDs (`LN$ST$Pos`, `LN$ST$Ind`, `LN$ST$Mod`) = {stVal, q bit-string(13), t utc-time}, stVal a
 * Dbpos bit-string(2), a boolean or an enum integer in turn, and
 * 50 measurement FCDs `LN$MX$TotW` = {mag {f float32}, q bit-string(13), t utc-time}. The buffer is
 * built with our own encoder, then decoded with `decodeData` over and over; encoding the same values
 * with `writeData` is timed too. Figures are the median of RUNS timed runs after a warm-up.
 *
 *   npx tsx core/bench/mms-decode.bench.ts
 */
import { cpus, totalmem } from 'node:os';
import { BerReader, BerWriter, TagClass } from '../asn1';
import { decodeData, writeData, type MmsValue } from '../mms';

const VARIABLES = 100;
const RUNS = 7;
const RUN_MS = 400;

const bits = (bitLength: number, ...bytes: number[]): MmsValue => ({
  type: 'bit-string',
  bitLength,
  bytes: Uint8Array.from(bytes),
});

function timestamp(i: number): MmsValue {
  // 2026-11-23 plus i ms, with a plausible fraction and TimeQuality (accuracy 10 bits, synchronised).
  return { type: 'utc-time', seconds: 1_795_392_000 + i, fraction: (i * 167_773) & 0xffffff, quality: 0x0a };
}

function variable(i: number): MmsValue {
  const q = bits(13, 0x00, i % 7 === 0 ? 0x08 : 0x00); // good, or good with the test flag now and then
  if (i % 2 === 0) {
    // stVal: Dbpos (a 2-bit bit string), an SPS boolean or an ENS/INS integer (Mod, Beh, Health).
    const kind = (i / 2) % 3;
    const stVal: MmsValue =
      kind === 0
        ? bits(2, i % 4 === 0 ? 0x80 : 0x40)
        : kind === 1
          ? { type: 'boolean', value: i % 3 === 0 }
          : { type: 'integer', value: 1 + (i % 5) };
    return { type: 'structure', members: [stVal, q, timestamp(i)] };
  }
  const mag: MmsValue = {
    type: 'structure',
    members: [{ type: 'float', value: Math.fround(230.5 + i / 7), width: 32 }],
  };
  return { type: 'structure', members: [mag, q, timestamp(i)] };
}

const values = Array.from({ length: VARIABLES }, (_, i) => variable(i));

function leafCount(v: MmsValue): number {
  if (v.type === 'structure') return v.members.reduce((n, m) => n + leafCount(m), 0);
  if (v.type === 'array') return v.elements.reduce((n, m) => n + leafCount(m), 0);
  return 1;
}
const leaves = values.reduce((n, v) => n + leafCount(v), 0);

const writer = new BerWriter(4096);
function encodeResponse(): Uint8Array {
  writer.reset();
  writer.begin(TagClass.context, 1); // listOfAccessResult [1]
  for (const v of values) writeData(writer, v);
  writer.end();
  return writer.finish();
}

function decodeResponse(bytes: Uint8Array): MmsValue[] {
  const reader = new BerReader(bytes);
  const list = reader.children(reader.expect(TagClass.context, 1, 'listOfAccessResult'));
  const out: MmsValue[] = [];
  while (list.hasMore()) out.push(decodeData(list, list.next('an AccessResult')));
  reader.end('the Read response');
  return out;
}

const bytes = encodeResponse();
const check = decodeResponse(bytes);
if (check.length !== VARIABLES || JSON.stringify(check, replacer) !== JSON.stringify(values, replacer)) {
  throw new Error('the decoded response differs from the encoded values');
}

function replacer(_key: string, v: unknown): unknown {
  return v instanceof Uint8Array ? Array.from(v) : v;
}

interface Rates {
  /** Median operations per wall-clock second. */
  wall: number;
  /** Median operations per second of this process's CPU time (user + system): steadier than wall time
   * when other work shares the machine, since time spent descheduled is not counted. */
  cpu: number;
}

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Operations per second over RUNS runs of about RUN_MS each, after a warm-up. */
function measure(op: () => unknown): Rates {
  let sink = 0;
  const once = (iterations: number): { wallMs: number; cpuMs: number } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) if (op() !== undefined) sink++;
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wallMs, cpuMs: (c.user + c.system) / 1000 };
  };
  let iterations = 100;
  while (once(iterations).wallMs < 50) iterations *= 2; // warm-up, and calibrate a run to about RUN_MS
  iterations = Math.max(1, Math.round((iterations * RUN_MS) / once(iterations).wallMs));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = once(iterations);
    wall.push((iterations * 1000) / t.wallMs);
    cpu.push((iterations * 1000) / t.cpuMs);
  }
  if (sink < 0) console.log(sink);
  return { wall: median(wall), cpu: median(cpu) };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Node ${process.version}`,
);
console.log(`response: ${VARIABLES} variables, ${leaves} leaf values, ${bytes.length} octets`);

const rows: [string, Rates][] = [
  ['decode (decodeData)', measure(() => decodeResponse(bytes))],
  ['encode (writeData)', measure(() => encodeResponse())],
];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log('');
console.log('| operation | clock | responses/s | MB/s | variables/s | leaf values/s |');
console.log('|---|---|---|---|---|---|');
for (const [name, rates] of rows) {
  for (const clock of ['wall', 'cpu'] as const) {
    const perSecond = rates[clock];
    console.log(
      `| ${name} | ${clock} | ${fmt(perSecond)} | ${((perSecond * bytes.length) / 1e6).toFixed(1)} | ${fmt(perSecond * VARIABLES)} | ${fmt(perSecond * leaves)} |`,
    );
  }
}
