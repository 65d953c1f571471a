/**
 * ISO data phase benchmark: how many MMS PDUs per second one IsoAssociation wraps (sendData: TPKT +
 * COTP DT segments + session GT/DT + presentation User-data) and unwraps (receive on the peer: TPKT
 * framing, COTP reassembly, session and presentation decoding), for PDU sizes from a small read
 * request to a PDU that spans eight 8192-octet TPDUs. Figures are the best of RUNS timed runs.
 *
 *   npx tsx core/bench/iso-data.bench.ts
 */
import { cpus } from 'node:os';
import { IsoAssociation, type IsoEvent } from '../iso';

const SIZES = [64, 1000, 8000, 60_000];
const RUNS = 5;
const RUN_MS = 300;

function pair(): { client: IsoAssociation; server: IsoAssociation } {
  const client = new IsoAssociation({ role: 'initiator' });
  const server = new IsoAssociation({ role: 'responder' });
  const relay = (to: IsoAssociation, bytes: Uint8Array): IsoEvent[] => {
    const events = to.receive(bytes);
    for (const e of events) if (e.type === 'send') relay(to === client ? server : client, e.bytes);
    return events;
  };
  relay(server, client.start(Uint8Array.of(0xa8, 0x00)));
  relay(client, server.accept(Uint8Array.of(0xa9, 0x00)));
  if (client.state !== 'associated') throw new Error('association failed');
  return { client, server };
}

function pdu(n: number): Uint8Array {
  const out = new Uint8Array(n).fill(0x5a);
  out.set([0xa0, 0x83, (n - 5) >> 16, ((n - 5) >> 8) & 0xff, (n - 5) & 0xff]);
  return out;
}

/** Best operations per second over RUNS runs of about RUN_MS each. */
function rate(op: () => void): number {
  let n = 64;
  for (let t = 0; t < 50; n *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) op();
    t = performance.now() - t0;
    if (t >= 50) n = Math.max(1, Math.round((n * RUN_MS) / t));
  }
  let best = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) op();
    best = Math.max(best, (n * 1000) / (performance.now() - t0));
  }
  return best;
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log('| MMS PDU octets | wrap PDUs/s | wrap MB/s | unwrap PDUs/s | unwrap MB/s |');
console.log('|---|---|---|---|---|');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
for (const size of SIZES) {
  const { client, server } = pair();
  const data = pdu(size);
  const frames = client.sendData(data);
  const check = server.receive(frames);
  if (check.length !== 1 || check[0]?.type !== 'data' || check[0].mmsPdu.length !== size)
    throw new Error('round trip failed');
  const wrap = rate(() => client.sendData(data));
  const unwrap = rate(() => server.receive(frames));
  const mb = (r: number) => ((r * size) / 1e6).toFixed(0);
  console.log(`| ${fmt(size)} | ${fmt(wrap)} | ${mb(wrap)} | ${fmt(unwrap)} | ${mb(unwrap)} |`);
}
