import { connect, type Socket } from 'node:net';
import { ProjectSchema, type PointQuality, type PointState, type ProjectInput, type WordOrder } from '../../contract';
import { initialPointState, startModbusOutput, type ConnectionLimits, type ModbusOutput } from '../../outputs';

/**
 * A Modbus output over a project with every Modbus type and word order, on 127.0.0.1 and a free port,
 * with values put in through the same path the runtime uses (PointState batches). Tests read it back
 * with independent clients (modbus-serial, mbpoll, raw sockets) and decode the bytes themselves.
 */

export const ORDERS: readonly WordOrder[] = ['ABCD', 'CDAB', 'BADC', 'DCBA'];

export interface FixturePoint {
  id: string;
  iecType: PointState['type'];
  modbus: { area: 'coil' | 'discrete' | 'input' | 'holding'; address: number; type: string; wordOrder?: WordOrder; gain?: number; offset?: number; companions?: Record<string, { area: 'input' | 'holding'; address: number }> };
  /** The numeric value put in, and what a reader must decode (after scaling). */
  value: number;
  expected: number;
}

/** Holding registers from 0: each point's value in its own registers, 4 apart (room for a float64). */
export function fixturePoints(): FixturePoint[] {
  const points: FixturePoint[] = [];
  let address = 0;
  const add = (iecType: PointState['type'], type: string, value: number, expected = value, extra: Partial<FixturePoint['modbus']> = {}, area: FixturePoint['modbus']['area'] = 'holding') => {
    const wordOrder = extra.wordOrder ?? 'ABCD';
    points.push({ id: `${type}_${wordOrder}_${points.length}`, iecType, modbus: { area, address, type, ...extra }, value, expected });
    address += 4;
  };
  for (const wordOrder of ORDERS) {
    add('float32', 'float32', -1234.5677490234375, -1234.5677490234375, { wordOrder });
    add('float64', 'float64', 6.02214076e23, 6.02214076e23, { wordOrder });
    add('int32', 'int32', -19088744, -19088744, { wordOrder });
    add('uint32', 'uint32', 0xdeadbeef, 0xdeadbeef, { wordOrder });
  }
  add('int16', 'int16', -12345);
  add('uint16', 'uint16', 54321);
  add('float32', 'int16', 12.345, 123, { gain: 10 });
  add('float32', 'uint16', 99999, 65535);
  add('boolean', 'bool', 1);
  add('dbpos', 'dbpos', 2);
  add('enum', 'enum', -3);
  address = 0;
  add('boolean', 'bool', 1, 1, {}, 'coil');
  address = 0;
  add('boolean', 'bool', 1, 1, {}, 'discrete');
  address = 0;
  add('dbpos', 'dbpos', 1, 1, {}, 'input');
  add('enum', 'enum', 4, 4, {}, 'input');
  return points;
}

/** A point with every companion, in input registers 100-106. */
export const COMPANION_POINT: FixturePoint = {
  id: 'withCompanions',
  iecType: 'float32',
  modbus: {
    area: 'holding',
    address: 200,
    type: 'float32',
    wordOrder: 'CDAB',
    companions: {
      quality: { area: 'input', address: 100 },
      status: { area: 'input', address: 101 },
      timestamp: { area: 'input', address: 102 },
      age: { area: 'input', address: 105 },
      sequence: { area: 'input', address: 106 },
    },
  },
  value: 42.5,
  expected: 42.5,
};

export function fixtureProject(points: FixturePoint[], modbus: ProjectInput['modbus'] = {}) {
  return ProjectSchema.parse({
    schemaVersion: 1,
    name: 'modbus fixture',
    ieds: [{ id: 'ied1', host: '127.0.0.1' }],
    points: points.map((p) => ({ id: p.id, ied: 'ied1', ref: `LD0/GGIO1.${p.id}.stVal`, fc: 'ST', type: p.iecType, source: 'poll', modbus: p.modbus })),
    modbus: { bind: '127.0.0.1', port: 0, ...modbus },
  });
}

export function goodQuality(raw = 0): PointQuality {
  return { validity: 'good', flags: [], source: 'process', test: false, operatorBlocked: false, raw, text: 'good' };
}

/** The state of a fixture point with a good value. */
export function stateOf(output: ModbusOutput, id: string, numeric: number, changes: Partial<PointState> = {}): PointState {
  const point = output.image.map.byKey.get(`ied1/${id}`);
  if (point === undefined) throw new Error(`no fixture point ${id}`);
  return { ...initialPointState(point), status: 'ok', value: numeric, numeric, quality: goodQuality(), localTime: Date.now(), seq: 1, source: 'poll', ...changes };
}

export async function startFixture(points: FixturePoint[] = [...fixturePoints(), COMPANION_POINT], modbus: ProjectInput['modbus'] = {}): Promise<ModbusOutput> {
  return startModbusOutputWith(points, modbus);
}

/** startFixture with connection limits of its own (short timeouts for hostile-client tests). */
export async function startModbusOutputWith(points: FixturePoint[], modbus: ProjectInput['modbus'] = {}, limits: Partial<ConnectionLimits> = {}): Promise<ModbusOutput> {
  const output = await startModbusOutput(fixtureProject(points, modbus), { limits });
  output.applyBatch({ batch: 1, changes: points.map((p) => stateOf(output, p.id, p.value)) });
  return output;
}

/** Where each big-endian byte of the value sits on the wire, per word order (read as a table, not computed). */
const WIRE_INDEX: Readonly<Record<number, Readonly<Record<WordOrder, readonly number[]>>>> = {
  2: { ABCD: [0, 1], CDAB: [0, 1], BADC: [0, 1], DCBA: [0, 1] },
  4: { ABCD: [0, 1, 2, 3], CDAB: [2, 3, 0, 1], BADC: [1, 0, 3, 2], DCBA: [3, 2, 1, 0] },
  8: { ABCD: [0, 1, 2, 3, 4, 5, 6, 7], CDAB: [6, 7, 4, 5, 2, 3, 0, 1], BADC: [1, 0, 3, 2, 5, 4, 7, 6], DCBA: [7, 6, 5, 4, 3, 2, 1, 0] },
};

/** Register bytes as read from the wire back into a number, undoing a word order: what an HMI does. */
export function decode(type: string, order: WordOrder, wire: Buffer): number {
  const index = WIRE_INDEX[wire.length]?.[order];
  if (index === undefined) throw new Error(`no word order table for ${wire.length} bytes`);
  const be = Buffer.from(index.map((i) => wire[i] ?? 0));
  switch (type) {
    case 'float32':
      return be.readFloatBE(0);
    case 'float64':
      return be.readDoubleBE(0);
    case 'int32':
      return be.readInt32BE(0);
    case 'uint32':
      return be.readUInt32BE(0);
    case 'int16':
    case 'enum':
      return be.readInt16BE(0);
    default:
      return be.readUInt16BE(0);
  }
}

/** A raw TCP connection for hand-made frames. */
export function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Resolves when the socket is closed by the server (true) or after `ms` (false). */
export function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readableEnded) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
