import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModbusClientSchema, ModbusServerStatsSchema } from '../contract';
import { STATUS, TYPE_LENGTH, type ModbusOutput } from '../outputs';
import { COMPANION_POINT, decode, fixturePoints, startFixture, stateOf, type FixturePoint } from './support/modbus-fixture';

/**
 * RelayGate's Modbus server read by two independent clients over 127.0.0.1: modbus-serial (npm) and
 * mbpoll (Debian, libmodbus-based). Every type and word order read back equals what went into the
 * image, decoded by the test from the raw registers; every exception code the contract names is
 * returned for its case.
 */

const run = promisify(execFile);
const POINTS = fixturePoints();
const registerPoints = POINTS.filter((p) => p.modbus.area === 'holding' || p.modbus.area === 'input');

let output: ModbusOutput;
let port: number;
let client: ModbusRTU;

async function connected(unitId = 1): Promise<ModbusRTU> {
  const c = new ModbusRTU();
  await c.connectTCP('127.0.0.1', { port });
  c.setID(unitId);
  c.setTimeout(3000);
  return c;
}

function closeClient(c: ModbusRTU): Promise<void> {
  return new Promise((resolve) => c.close(() => resolve()));
}

async function readRegisters(c: ModbusRTU, p: FixturePoint): Promise<Buffer> {
  const length = TYPE_LENGTH[p.modbus.type as keyof typeof TYPE_LENGTH];
  const r = p.modbus.area === 'holding' ? await c.readHoldingRegisters(p.modbus.address, length) : await c.readInputRegisters(p.modbus.address, length);
  return r.buffer;
}

/** The Modbus exception code a request is refused with. */
async function exceptionOf(request: Promise<unknown>): Promise<number> {
  try {
    await request;
  } catch (err) {
    return (err as { modbusCode?: number }).modbusCode ?? -1;
  }
  return 0;
}

async function mbpoll(args: string[]): Promise<string[]> {
  const { stdout } = await run('mbpoll', ['-m', 'tcp', '-p', String(port), '-a', '1', '-0', '-1', '-o', '3', ...args, '127.0.0.1']);
  return stdout.split('\n').flatMap((line) => /^\[\d+\]:\s+(\S+)/.exec(line)?.slice(1) ?? []);
}

beforeAll(async () => {
  output = await startFixture();
  port = output.server.address().port;
  client = await connected();
});

afterAll(async () => {
  await closeClient(client);
  await output.close();
});

describe('modbus-serial reads every type and word order', () => {
  it.each(registerPoints.map((p) => [`${p.modbus.area} ${p.modbus.address} ${p.modbus.type} ${p.modbus.wordOrder ?? 'ABCD'}`, p] as const))('%s', async (_, p) => {
    const wire = await readRegisters(client, p);
    const value = decode(p.modbus.type, p.modbus.wordOrder ?? 'ABCD', wire);
    expect(value).toBe(p.modbus.type === 'float32' ? Math.fround(p.expected) : p.expected);
  });

  it('reads coils and discrete inputs as bits', async () => {
    expect((await client.readCoils(0, 1)).data[0]).toBe(true);
    expect((await client.readDiscreteInputs(0, 1)).data[0]).toBe(true);
    const bits = POINTS.filter((p) => p.modbus.area === 'coil' || p.modbus.area === 'discrete').map((p) => p.id);
    output.applyBatch({ batch: 2, changes: bits.map((id) => stateOf(output, id, 0)) });
    expect((await client.readCoils(0, 1)).data[0]).toBe(false);
    expect((await client.readDiscreteInputs(0, 1)).data[0]).toBe(false);
    output.applyBatch({ batch: 3, changes: bits.map((id) => stateOf(output, id, 1)) });
  });

  it('reads the companions: quality, status, timestamp, age and sequence', async () => {
    const deviceTime = '2026-03-04T05:06:07.089Z';
    output.applyBatch({
      batch: 4,
      changes: [stateOf(output, COMPANION_POINT.id, 42.5, { deviceTime, seq: 65537, test: true, localTime: Date.now() - 3000, quality: { validity: 'questionable', flags: ['oldData'], source: 'process', test: true, operatorBlocked: false, raw: 0x0803 | 0x0080, text: 'questionable: oldData | test' } })],
    });
    const value = await client.readHoldingRegisters(200, 2);
    expect(decode('float32', 'CDAB', value.buffer)).toBe(42.5);
    const c = (await client.readInputRegisters(100, 7)).buffer;
    expect(c.readUInt16BE(0)).toBe(0x0883);
    expect(c.readUInt16BE(2)).toBe(3 | STATUS.test);
    // Seconds in the point's word order (CDAB), then milliseconds.
    expect(decode('uint32', 'CDAB', c.subarray(4, 8))).toBe(Math.floor(Date.parse(deviceTime) / 1000));
    expect(c.readUInt16BE(8)).toBe(89);
    expect(c.readUInt16BE(10)).toBe(3);
    expect(c.readUInt16BE(12)).toBe(1);
  });

  it('shows a disconnected point as such, holding its last value', async () => {
    output.applyBatch({ batch: 5, changes: [stateOf(output, COMPANION_POINT.id, 7, { status: 'disconnected' })] });
    expect(decode('float32', 'CDAB', (await client.readHoldingRegisters(200, 2)).buffer)).toBe(42.5);
    expect((await client.readInputRegisters(101, 1)).data[0]).toBe(STATUS.disconnected);
  });
});

describe('mbpoll reads every type and word order', () => {
  it('reads float32 and int32 with its own decoding, big-endian (-B) and word-swapped', async () => {
    const at = (type: string, order: string) => POINTS.find((p) => p.modbus.type === type && (p.modbus.wordOrder ?? 'ABCD') === order)?.modbus.address ?? -1;
    expect(await mbpoll(['-t', '4:float', '-B', '-r', String(at('float32', 'ABCD'))])).toEqual(['-1234.57']);
    expect(await mbpoll(['-t', '4:float', '-r', String(at('float32', 'CDAB'))])).toEqual(['-1234.57']);
    expect(await mbpoll(['-t', '4:int', '-B', '-r', String(at('int32', 'ABCD'))])).toEqual(['-19088744']);
    expect(await mbpoll(['-t', '4:int', '-r', String(at('int32', 'CDAB'))])).toEqual(['-19088744']);
  });

  it.each(registerPoints.map((p) => [`${p.modbus.area} ${p.modbus.address} ${p.modbus.type} ${p.modbus.wordOrder ?? 'ABCD'}`, p] as const))('raw registers of %s', async (_, p) => {
    const count = TYPE_LENGTH[p.modbus.type as keyof typeof TYPE_LENGTH];
    const words = await mbpoll(['-t', p.modbus.area === 'holding' ? '4:hex' : '3:hex', '-r', String(p.modbus.address), '-c', String(count)]);
    const wire = Buffer.from(words.map((w) => w.slice(2).padStart(4, '0')).join(''), 'hex');
    expect(decode(p.modbus.type, p.modbus.wordOrder ?? 'ABCD', wire)).toBe(p.modbus.type === 'float32' ? Math.fround(p.expected) : p.expected);
  });

  it('reads coils and discrete inputs', async () => {
    expect(await mbpoll(['-t', '0', '-r', '0'])).toEqual(['1']);
    expect(await mbpoll(['-t', '1', '-r', '0'])).toEqual(['1']);
  });

  it('gets illegal data address for an unmapped register and target failed for another unit', async () => {
    await expect(mbpoll(['-t', '4', '-r', '2'])).rejects.toMatchObject({ stderr: expect.stringContaining('Illegal data address') });
    await expect(run('mbpoll', ['-m', 'tcp', '-p', String(port), '-a', '9', '-0', '-1', '-t', '4', '-r', '0', '127.0.0.1'])).rejects.toMatchObject({
      stderr: expect.stringContaining('Target device failed to respond'),
    });
  });
});

describe('exceptions', () => {
  it('answers every write function with 01 and changes nothing', async () => {
    const before = (await client.readHoldingRegisters(0, 2)).buffer;
    expect(await exceptionOf(client.writeCoil(0, false))).toBe(1);
    expect(await exceptionOf(client.writeRegister(0, 7))).toBe(1);
    expect(await exceptionOf(client.writeCoils(0, [false, false]))).toBe(1);
    expect(await exceptionOf(client.writeRegisters(0, [1, 2]))).toBe(1);
    expect(await exceptionOf(client.maskWriteRegister(0, 0, 0))).toBe(1);
    // FC 23 read/write multiple registers: read 0-1, write 1 register at 0 with 5.
    expect(await exceptionOf(client.customFunction(0x17, [0, 0, 0, 2, 0, 0, 0, 1, 2, 0, 5]))).toBe(1);
    expect((await client.readHoldingRegisters(0, 2)).buffer).toEqual(before);
    expect((await client.readCoils(0, 1)).data[0]).toBe(true);
  });

  it('answers unknown function codes with 01', async () => {
    for (const fc of [0x07, 0x11, 0x2b, 0x41, 0x64]) expect(await exceptionOf(client.customFunction(fc, [0, 0]))).toBe(1);
  });

  it('answers unmapped ranges with 02, also when a range runs into one', async () => {
    expect(await exceptionOf(client.readHoldingRegisters(2, 1))).toBe(2);
    expect(await exceptionOf(client.readHoldingRegisters(0, 3))).toBe(2);
    expect(await exceptionOf(client.readInputRegisters(65535, 1))).toBe(2);
    expect(await exceptionOf(client.readCoils(1, 1))).toBe(2);
  });

  it('answers more than 125 registers or 2000 bits, or none, with 03', async () => {
    expect(await exceptionOf(client.readHoldingRegisters(0, 126))).toBe(3);
    expect(await exceptionOf(client.readInputRegisters(0, 126))).toBe(3);
    expect(await exceptionOf(client.readCoils(0, 2001))).toBe(3);
    expect(await exceptionOf(client.readDiscreteInputs(0, 2001))).toBe(3);
    expect(await exceptionOf(client.readHoldingRegisters(0, 0))).toBe(3);
  });

  it('answers another unit id with 0x0B', async () => {
    const other = await connected(7);
    expect(await exceptionOf(other.readHoldingRegisters(0, 2))).toBe(0x0b);
    await closeClient(other);
  });

  it('counts requests, exceptions and the last range read per client', async () => {
    await client.readHoldingRegisters(4, 4);
    const me = output.clients().find((c) => c.requests > 10);
    expect(me).toMatchObject({ address: '127.0.0.1', lastRead: { fc: 3, area: 'holding', address: 4, count: 4, range: 'holding 4-7 (40005-40008)' }, stalled: false });
    expect(me?.exceptionsByCode).toMatchObject({ 1: 11, 2: 4, 3: 5 });
    expect(me?.exceptions).toBe(20);
    // What the UI gets is the contract's JSON-safe DTO.
    expect(ModbusClientSchema.parse(JSON.parse(JSON.stringify(me)))).toEqual(me);
    expect(ModbusServerStatsSchema.parse(output.stats())).toMatchObject({ host: '127.0.0.1', port, closedMalformed: 0 });
  });
});

describe('settings', () => {
  it('refuses to serve a map with problems, naming them', async () => {
    const overlapping: FixturePoint[] = [
      { ...COMPANION_POINT, id: 'A' },
      { ...COMPANION_POINT, id: 'B', modbus: { ...COMPANION_POINT.modbus, address: 201, companions: {} } },
    ];
    await expect(startFixture(overlapping)).rejects.toThrow(
      /the Modbus map has 1 problem: holding 201 \(40202\): ied1\/B value \(float32\) at holding 201-202 \(40202-40203\) overlaps ied1\/A value/,
    );
  });

  it('fills gaps with 0 when the map says so, and answers any unit id when checking is off', async () => {
    const lenient = await startFixture(POINTS, { fillGaps: true, checkUnitId: false });
    const c = new ModbusRTU();
    await c.connectTCP('127.0.0.1', { port: lenient.server.address().port });
    c.setID(99);
    const r = await c.readHoldingRegisters(0, 4);
    expect(decode('float32', 'ABCD', r.buffer.subarray(0, 4))).toBe(Math.fround(-1234.5677490234375));
    expect(r.data.slice(2)).toEqual([0, 0]);
    expect(await exceptionOf(c.readHoldingRegisters(65535, 2))).toBe(2);
    await closeClient(c);
    await lenient.close();
  });
});
