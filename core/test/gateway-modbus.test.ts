import type ModbusRTU from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectSchema, type ProjectInput, type WordOrder } from '../contract';
import type { MmsValue } from '../mms';
import { STATUS, TYPE_LENGTH } from '../outputs';
import type { RuntimeHost } from '../runtime';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';
import { closeModbus, mbpoll, modbusClient, modbusPort, startHost } from './support/gateway-fixture';
import { decode } from './support/modbus-fixture';
import { waitFor } from './support/wait';

/**
 * The whole path over real TCP: the simulated feeder relay → the gateway (polls and reports) → its
 * Modbus server → independent clients (modbus-serial, mbpoll). What they read equals what the simulator
 * serves, for every Modbus type and word order.
 */

const ORDERS: readonly WordOrder[] = ['ABCD', 'CDAB', 'BADC', 'DCBA'];
type PointInput = ProjectInput['points'][number];

interface Mapped {
  id: string;
  ref: string;
  fc: 'ST' | 'MX';
  iec: PointInput['type'];
  modbus: NonNullable<PointInput['modbus']>;
  source?: 'report';
  report?: string;
}

function mappedPoints(): Mapped[] {
  const out: Mapped[] = [];
  let holding = 0;
  const reg = (type: string, wordOrder: WordOrder, extra: Partial<Mapped['modbus']> = {}): Mapped['modbus'] => {
    const m = { area: 'holding' as const, address: holding, type: type as Mapped['modbus']['type'], wordOrder, ...extra };
    holding += 4;
    return m;
  };
  for (const o of ORDERS) {
    out.push({ id: `p_f32_${o}`, ref: 'FDR1MEAS/MMXU1.TotW.mag.f', fc: 'MX', iec: 'float32', modbus: reg('float32', o) });
    out.push({ id: `p_f64_${o}`, ref: 'FDR1MEAS/MMXU1.TotW.mag.f', fc: 'MX', iec: 'float32', modbus: reg('float64', o) });
    out.push({ id: `opcnt_i32_${o}`, ref: 'FDR1CTRL/Q0XCBR1.OpCnt.stVal', fc: 'ST', iec: 'int32', modbus: reg('int32', o) });
    out.push({ id: `opcnt_u32_${o}`, ref: 'FDR1CTRL/Q0XCBR1.OpCnt.stVal', fc: 'ST', iec: 'int32', modbus: reg('uint32', o) });
  }
  out.push({ id: 'hz_i16', ref: 'FDR1MEAS/MMXU1.Hz.mag.f', fc: 'MX', iec: 'float32', modbus: reg('int16', 'ABCD', { gain: 100 }) });
  out.push({ id: 'ia_u16', ref: 'FDR1MEAS/MMXU1.A.phsA.cVal.mag.f', fc: 'MX', iec: 'float32', modbus: reg('uint16', 'ABCD', { gain: 10 }) });
  out.push({ id: 'loc_reg', ref: 'FDR1CTRL/Q0XCBR1.Loc.stVal', fc: 'ST', iec: 'boolean', modbus: reg('bool', 'ABCD') });
  out.push({
    id: 'cb_pos',
    ref: 'FDR1CTRL/Q0XCBR1.Pos.stVal',
    fc: 'ST',
    iec: 'dbpos',
    source: 'report',
    report: 'status',
    modbus: { area: 'input', address: 0, type: 'dbpos', wordOrder: 'ABCD', companions: { status: { area: 'input', address: 1 }, quality: { area: 'input', address: 2 }, timestamp: { area: 'input', address: 3 }, age: { area: 'input', address: 6 }, sequence: { area: 'input', address: 7 } } },
  });
  out.push({ id: 'prot_beh', ref: 'FDR1PROT/LLN0.Beh.stVal', fc: 'ST', iec: 'enum', modbus: { area: 'input', address: 10, type: 'enum', wordOrder: 'ABCD', companions: { status: { area: 'input', address: 11 } } } });
  out.push({ id: 'i1_op', ref: 'FDR1PROT/PTOC1.Op.general', fc: 'ST', iec: 'boolean', source: 'report', report: 'prot', modbus: { area: 'discrete', address: 0, type: 'bool', wordOrder: 'ABCD', companions: { status: { area: 'input', address: 20 } } } });
  out.push({ id: 'loc_coil', ref: 'FDR1CTRL/Q0XCBR1.Loc.stVal', fc: 'ST', iec: 'boolean', modbus: { area: 'coil', address: 0, type: 'bool', wordOrder: 'ABCD' } });
  return out;
}

function project(simPort: number, pollMs: number) {
  return ProjectSchema.parse({
    schemaVersion: 1,
    name: 'gateway modbus test',
    ieds: [
      {
        id: 'FDR1',
        host: '127.0.0.1',
        port: simPort,
        pollGroups: [{ id: 'default', periodMs: pollMs }],
        reports: [
          { id: 'status', rcb: 'FDR1LD0/LLN0.brcbStatus', buffered: true, dataSet: 'FDR1LD0/LLN0.dsStatus', integrityMs: 0, bufTimeMs: 0 },
          { id: 'prot', rcb: 'FDR1LD0/LLN0.brcbProt', buffered: true, dataSet: 'FDR1LD0/LLN0.dsProt', integrityMs: 0, bufTimeMs: 0 },
        ],
      },
    ],
    points: mappedPoints().map((m) => ({ id: m.id, ied: 'FDR1', ref: m.ref, fc: m.fc, type: m.iec, source: m.source ?? 'poll', ...(m.report ? { report: m.report } : {}), modbus: m.modbus, staleTimeoutMs: 3000 })),
    modbus: { bind: '127.0.0.1', port: 0 },
    mqtt: { enabled: false },
  });
}

let sim: Simulator | undefined;
let host: RuntimeHost | undefined;
let client: ModbusRTU | undefined;

afterEach(async () => {
  if (client) await closeModbus(client);
  await host?.stop();
  await sim?.stop();
  client = undefined;
  host = undefined;
  sim = undefined;
});

async function start(pollMs = 300): Promise<{ s: Simulator; h: RuntimeHost; c: ModbusRTU; port: number }> {
  const s = await Simulator.start({ scl: FEEDER_SCL });
  sim = s;
  const h = await startHost(project(s.port, pollMs));
  host = h;
  const port = modbusPort(h);
  const c = await modbusClient(port);
  client = c;
  await waitFor('every point ok', () => h.gateway.cache.snapshot().every((p) => p.status === 'ok') && h.gateway.iedStatus('FDR1')?.reports.every((r) => r.state === 'active'), 15_000);
  return { s, h, c, port };
}

const numberOf = (v: MmsValue): number => (v.type === 'float' || v.type === 'integer' || v.type === 'unsigned' ? Number(v.value) : v.type === 'boolean' ? Number(v.value) : NaN);

async function registers(c: ModbusRTU, area: 'holding' | 'input', address: number, count: number): Promise<Buffer> {
  const r = area === 'holding' ? await c.readHoldingRegisters(address, count) : await c.readInputRegisters(address, count);
  return r.buffer;
}

async function inputRegister(c: ModbusRTU, address: number): Promise<number> {
  return (await c.readInputRegisters(address, 1)).data[0] as number;
}

describe('simulator → gateway → Modbus TCP, read by independent clients', () => {
  it('modbus-serial reads every type and word order as the simulator serves it', async () => {
    const { s, c } = await start();
    const totW = numberOf(s.get('FDR1MEAS/MMXU1.TotW.mag.f[MX]'));
    const opCnt = numberOf(s.get('FDR1CTRL/Q0XCBR1.OpCnt.stVal[ST]'));
    expect(opCnt).toBe(1284);
    for (const m of mappedPoints().filter((p) => p.modbus.area === 'holding')) {
      const type = m.modbus.type;
      const wire = await registers(c, 'holding', m.modbus.address, TYPE_LENGTH[type]);
      const value = decode(type, m.modbus.wordOrder ?? 'ABCD', wire);
      const served = numberOf(s.get(`${m.ref}[${m.fc}]`)) * (m.modbus.gain ?? 1);
      const expected = type === 'float32' ? Math.fround(served) : type === 'float64' ? served : type === 'bool' ? served : Math.round(served);
      expect([m.id, value]).toEqual([m.id, expected]);
    }
    expect(totW).toBeGreaterThan(0);
    const pos = s.get('FDR1CTRL/Q0XCBR1.Pos.stVal[ST]');
    expect(pos.type).toBe('bit-string');
    expect(await inputRegister(c, 0)).toBe(2); // closed
    expect(await inputRegister(c, 1)).toBe(0); // status: good, nothing else
    expect(await inputRegister(c, 2)).toBe(0); // quality: good
    expect(await inputRegister(c, 10)).toBe(1); // Beh on
    expect((await c.readDiscreteInputs(0, 1)).data[0]).toBe(false);
    expect((await c.readCoils(0, 1)).data[0]).toBe(numberOf(s.get('FDR1CTRL/Q0XCBR1.Loc.stVal[ST]')) === 1);
    const t = s.get('FDR1CTRL/Q0XCBR1.Pos.t[ST]');
    const ts = await registers(c, 'input', 3, 3);
    expect(t.type === 'utc-time' && ts.readUInt32BE(0) === t.seconds).toBe(true);
  });

  it('mbpoll reads the same values', async () => {
    const { s, port } = await start();
    const totW = Math.fround(numberOf(s.get('FDR1MEAS/MMXU1.TotW.mag.f[MX]')));
    const at = (id: string): number => mappedPoints().find((m) => m.id === id)?.modbus.address ?? -1;
    const [f32] = await mbpoll(port, ['-t', '4:float', '-B', '-r', String(at('p_f32_ABCD'))]);
    expect(Number(f32)).toBeCloseTo(totW, 2);
    const [f32swapped] = await mbpoll(port, ['-t', '4:float', '-r', String(at('p_f32_CDAB'))]);
    expect(Number(f32swapped)).toBeCloseTo(totW, 2);
    expect(await mbpoll(port, ['-t', '4:int', '-B', '-r', String(at('opcnt_i32_ABCD'))])).toEqual(['1284']);
    expect(await mbpoll(port, ['-t', '4:int', '-r', String(at('opcnt_i32_CDAB'))])).toEqual(['1284']);
    expect(await mbpoll(port, ['-t', '3', '-r', '0'])).toEqual(['2']);
    expect(await mbpoll(port, ['-t', '1', '-r', '0'])).toEqual(['0']);
  });

  it('a change in the simulator reaches the register by report, without waiting for a poll', async () => {
    const { s, c } = await start(60_000);
    s.set('FDR1PROT/PTOC1.Op[ST]', { value: true });
    s.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    const sent = Date.now();
    let seen = 0;
    for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
      seen = await inputRegister(c, 0);
      if (seen === 1) break;
    }
    expect(seen).toBe(1);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect((await c.readDiscreteInputs(0, 1)).data[0]).toBe(true);
    expect(await inputRegister(c, 7)).toBeGreaterThanOrEqual(2); // sequence counted the change
  });

  it('status bit 4 follows the LD going into test mode', async () => {
    const { s, c } = await start();
    expect(await inputRegister(c, 20) & STATUS.test).toBe(0);
    s.setMode('FDR1PROT', 'test');
    await waitFor('test bit on the PROT points', () => host?.gateway.cache.get('FDR1/i1_op')?.test === true && host.gateway.cache.get('FDR1/prot_beh')?.value === 'test');
    await new Promise((r) => setTimeout(r, 50));
    expect(await inputRegister(c, 20) & STATUS.test).toBe(STATUS.test);
    expect(await inputRegister(c, 11) & STATUS.test).toBe(STATUS.test);
    expect(await inputRegister(c, 10)).toBe(3); // Beh test
    expect(await inputRegister(c, 1) & STATUS.test).toBe(0); // CTRL is not in test
  });

  it('the status registers say disconnected when the IED dies, and values resume when it returns', async () => {
    const { s, c, h } = await start();
    const port = s.port;
    await s.stop();
    sim = undefined;
    await waitFor('disconnected', () => h.gateway.cache.get('FDR1/cb_pos')?.status === 'disconnected', 10_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(await inputRegister(c, 1) & STATUS.disconnected).toBe(STATUS.disconnected);
    expect(await inputRegister(c, 20) & STATUS.disconnected).toBe(STATUS.disconnected);
    expect(await inputRegister(c, 0)).toBe(2); // hold: the last value stays, the status tells the truth
    const back = await Simulator.start({ scl: FEEDER_SCL, port });
    sim = back;
    await waitFor('values resume', () => h.gateway.cache.snapshot().every((p) => p.status === 'ok') && h.gateway.iedStatus('FDR1')?.reports.every((r) => r.state === 'active'), 15_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(await inputRegister(c, 1)).toBe(0);
    const enabled = ['brcbStatus01', 'brcbStatus02', 'brcbStatus03', 'brcbStatus04'].filter((n) => back.reports.find(`FDR1LD0/LLN0.${n}`)?.enabled);
    expect(enabled).toEqual(['brcbStatus01']);
    expect(h.gateway.iedStatus('FDR1')?.connects).toBe(2);
  });
});
