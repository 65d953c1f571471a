/**
 * The Node side of core/bench/modbus-fc03.bench.ts, run in its own process so that it has an event loop
 * (and a CPU time) of its own:
 *
 *   node --import tsx core/bench/modbus-bench-server.ts relaygate|relaygate-jsmodbus|jsmodbus|node-floor
 *
 * - relaygate: RelayGate's Modbus output (startModbusOutput) over a project of 1,000 float32 points in
 *   holding registers 0-1999, every point updated once: requests decoded by jsmodbus, answers copied
 *   straight from the image;
 * - relaygate-jsmodbus: the same server and image, each answer built by jsmodbus's response classes too
 *   (modbus-jsmodbus-responder.ts);
 * - jsmodbus: bare jsmodbus 5 (`new Modbus.server.TCP(net.Server, {holding})`) over a Buffer with the
 *   same register values, the baseline the issue quotes;
 * - node-floor: not a Modbus server: a net.Server that answers every chunk with a canned 10-register
 *   FC03 answer (only the transaction id copied). What Node's socket layer costs alone, the floor any
 *   Node Modbus server stands on.
 * Prints `port N` once listening on 127.0.0.1, then serves until killed.
 */
import { createServer } from 'node:net';
import Modbus from 'jsmodbus';
import { ProjectSchema, type PointState } from '../contract';
import { ModbusTcpServer, RegisterImage, initialPointState, registerMapOf } from '../outputs';
import { jsmodbusResponder } from './modbus-jsmodbus-responder';

const POINTS = 1000;
const kind = process.argv[2] ?? 'relaygate';

function project() {
  return ProjectSchema.parse({
    schemaVersion: 1,
    name: 'modbus bench',
    ieds: [{ id: 'bench', host: '127.0.0.1' }],
    points: Array.from({ length: POINTS }, (_, i) => ({
      id: `P${i}`,
      ied: 'bench',
      ref: `BENCH/MMXU1.A${i}.mag.f`,
      fc: 'MX',
      type: 'float32',
      source: 'poll',
      modbus: { area: 'holding', address: i * 2, type: 'float32' },
    })),
    modbus: { bind: '127.0.0.1', port: 0 },
  });
}

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

async function start(): Promise<number> {
  if (kind === 'node-floor') {
    const canned = Buffer.from('00000000001701' + '0314' + '0000000100020003000400050006000700080009', 'hex');
    return listen(
      createServer({ noDelay: true }, (socket) =>
        socket.on('data', (d: Buffer) => {
          const out = Buffer.allocUnsafe(29);
          canned.copy(out);
          out[0] = d[0] ?? 0;
          out[1] = d[1] ?? 0;
          socket.write(out);
        }),
      ),
    );
  }
  if (kind === 'jsmodbus') {
    const holding = Buffer.alloc(POINTS * 4);
    for (let i = 0; i < POINTS; i++) holding.writeFloatBE(i + 0.5, i * 4);
    const server = createServer();
    new Modbus.server.TCP(server, { holding });
    return listen(server);
  }
  const p = project();
  const image = new RegisterImage(registerMapOf(p.points), p.modbus.badValuePolicy);
  const server = kind === 'relaygate-jsmodbus' ? await ModbusTcpServer.listen(image, p.modbus, {}, jsmodbusResponder) : await ModbusTcpServer.listen(image, p.modbus);
  const now = Date.now();
  image.map.points.forEach((point, i) => {
    const state: PointState = { ...initialPointState(point), status: 'ok', numeric: i + 0.5, value: i + 0.5, localTime: now };
    image.apply(state, now);
  });
  return server.address().port;
}

console.log(`port ${await start()}`);
// Exit (rather than die) on a signal, so that --cpu-prof can write its profile.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
