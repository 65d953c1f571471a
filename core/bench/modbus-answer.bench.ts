/**
 * What answering one Modbus request costs in JavaScript, in process (no sockets): RelayGate's path
 * (serveFrame: jsmodbus decodes, RelayGate checks and answers from the image), jsmodbus's decode alone,
 * the same path with jsmodbus's response classes for the answer too (modbus-jsmodbus-responder.ts), an
 * exception built by jsmodbus, and bare jsmodbus's server path (ModbusTCPRequest.fromBuffer +
 * ModbusServerResponseHandler) over a Buffer. CPU time per request, so a shared machine moves it little.
 *
 *   npm run bench modbus-answer        (or: node --import tsx core/bench/modbus-answer.bench.ts)
 */
import { createRequire } from 'node:module';
import { Server } from 'node:net';
import Modbus from 'jsmodbus';
import { ProjectSchema } from '../contract';
import { RegisterImage, decodeRequest, registerMapOf, serveFrame, type Responder } from '../outputs';
import { jsmodbusResponder } from './modbus-jsmodbus-responder';

type Handler = { handle(request: unknown, cb: (payload: Buffer) => void): unknown };
// Not exported by jsmodbus's index: the class its server answers with.
const ResponseHandler = (createRequire(import.meta.url)('jsmodbus/dist/modbus-server-response-handler.js') as { default: new (server: unknown, fromRequest: unknown) => Handler }).default;

const project = ProjectSchema.parse({
  schemaVersion: 1,
  name: 'answer bench',
  ieds: [{ id: 'bench', host: '127.0.0.1' }],
  points: Array.from({ length: 1000 }, (_, i) => ({ id: `P${i}`, ied: 'bench', ref: `BENCH/MMXU1.A${i}.mag.f`, fc: 'MX', type: 'float32', source: 'poll', modbus: { area: 'holding', address: i * 2, type: 'float32' } })),
});
const image = new RegisterImage(registerMapOf(project.points));
const options = { unitId: 1, checkUnitId: true, fillGaps: false, alloc: Buffer.allocUnsafe };

/** CPU ns per call: median of 5 timed runs of `n` calls after a warm-up. */
function cost(n: number, f: () => unknown): number {
  for (let i = 0; i < Math.min(n, 100_000); i++) f();
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const t = process.cpuUsage(t0);
    runs.push(((t.user + t.system) * 1000) / n);
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
}

function bareJsmodbus(area: 'holding' | 'coils', buffer: Buffer): (req: Buffer) => void {
  const server = new Modbus.server.TCP(new Server(), { [area]: buffer });
  const handler = new ResponseHandler(server, Modbus.ModbusTCPResponse.fromRequest);
  return (req) => void handler.handle(Modbus.ModbusTCPRequest.fromBuffer(req), () => {});
}

const fc03 = Buffer.from('00010000000601030000000a', 'hex'); // 10 holding registers from 0
const fc03max = Buffer.from('00010000000601030000007d', 'hex'); // 125 holding registers from 0, the most one read may ask
const fc01 = Buffer.from('000100000006010100000010', 'hex'); // 16 coils from 0
const fc06 = Buffer.from('00010000000601060000ffff', 'hex'); // a write: exception 01
const respond = (r: Responder, req: Buffer) => () => r(image, req, 0, req.length, options);
const bareHolding = bareJsmodbus('holding', Buffer.from(image.bytes('holding').buffer));

const rows: [string, number][] = [
  ['FC03 10 registers: RelayGate (jsmodbus decode, image answer)', cost(1_000_000, respond(serveFrame, fc03))],
  ['FC03 10 registers: jsmodbus decode alone', cost(1_000_000, () => decodeRequest(fc03, 0, fc03.length))],
  ['FC03 10 registers: RelayGate + jsmodbus response classes', cost(500_000, respond(jsmodbusResponder, fc03))],
  ['FC03 10 registers: bare jsmodbus server path', cost(500_000, () => bareHolding(fc03))],
  ['FC03 125 registers: RelayGate (jsmodbus decode, image answer)', cost(1_000_000, respond(serveFrame, fc03max))],
  ['FC03 125 registers: RelayGate + jsmodbus response classes', cost(500_000, respond(jsmodbusResponder, fc03max))],
  ['FC01 16 coils: RelayGate (jsmodbus decode, image answer)', cost(1_000_000, respond(serveFrame, fc01))],
  ['FC06 write: exception 01 (jsmodbus decode and exception)', cost(500_000, respond(serveFrame, fc06))],
];
const bareCoils = bareJsmodbus('coils', Buffer.alloc(8192));
rows.push(['FC01 16 coils: bare jsmodbus, 65,536-coil area', cost(50, () => bareCoils(fc01))]);
for (const [name, ns] of rows) console.log(`${name.padEnd(62)} ${ns >= 10_000 ? `${(ns / 1e6).toFixed(2)} ms` : `${Math.round(ns)} ns`} CPU per request`);
console.log(JSON.stringify(rows.map(([name, ns]) => ({ name, cpuNsPerRequest: Math.round(ns) }))));
