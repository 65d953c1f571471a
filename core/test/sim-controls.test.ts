import { afterEach, describe, expect, it } from 'vitest';
import { isoStackFor, openIed, type IedSession } from '../client';
import { dbposFromBits, qualityFromBits } from '../iec61850';
import { domainName, type InformationReport, type MmsValue } from '../mms';
import { Simulator, bundledModelPath } from '../sim';
import { controlValue, type ControlValueParts } from './support/control-values';
import { sleep, until } from './support/wait';

/*
 * The control model (IEC 61850-7-2 §20 / 8-1 §20) and Mode/Behaviour (7-4 Annex A) of the shipped feeder
 * relay, driven by the project's client over real TCP: each ctlModel, refusals with LastApplError and
 * AddCause, CommandTermination, select timeout, Cancel, the Test flag, interlocking, synchrocheck, and
 * Mod changes that flip Beh and the test bit.
 */

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
});

interface Client {
  session: IedSession;
  infos: InformationReport[];
  /** Writes Oper/SBOw/Cancel of `LD/LN.DO`; the result's error name, or 'ok'. */
  control(ref: string, variable: 'Oper' | 'SBOw' | 'Cancel', parts: ControlValueParts): Promise<string>;
  read(ref: string): Promise<MmsValue>;
  /** The AddCause of the last LastApplError received. */
  lastAddCause(): number | undefined;
}

async function start(options: { travelTimeMs?: number } = {}): Promise<Simulator> {
  const sim = await Simulator.start({ scl: bundledModelPath(), travelTimeMs: options.travelTimeMs ?? 60 });
  open.push({ close: () => sim.stop() });
  return sim;
}

async function client(sim: Simulator): Promise<Client> {
  const session = await openIed({ host: '127.0.0.1', port: sim.port }, isoStackFor);
  open.push(session);
  const infos: InformationReport[] = [];
  session.connection.on('report', (r) => infos.push(r));
  return {
    session,
    infos,
    async control(ref, variable, parts) {
      const [ld = '', rest = ''] = ref.split('/');
      const [ln = '', doName = ''] = rest.split('.');
      const name = domainName(ld, `${ln}$CO$${doName}$${variable}`);
      const spec = await session.client.typeOf(name);
      const [result] = await session.client.writeMany([{ ref: `${ld}/${ln}.${doName}.${variable}[CO]`, value: controlValue(spec, parts) }]);
      return result?.ok ? 'ok' : (result?.error.name ?? 'none');
    },
    read: (ref) => session.client.readValue(ref),
    lastAddCause() {
      const lae = [...infos].reverse().find((r) => r.access.kind === 'list' && r.access.variables[0]?.item === 'LastApplError');
      const v = lae?.results[0];
      const cause = v?.ok && v.value.type === 'structure' ? v.value.members[4] : undefined;
      return cause?.type === 'integer' ? Number(cause.value) : undefined;
    },
  };
}

const bool = (value: boolean): MmsValue => ({ type: 'boolean', value });
const position = (v: MmsValue) => (v.type === 'bit-string' ? dbposFromBits(v)?.name : undefined);
const terminations = (c: Client) =>
  c.infos.filter((r) => r.access.kind === 'list' && r.access.variables.some((v) => v.scope === 'domain' && v.item.endsWith('$Oper')));

describe('select before operate, enhanced security (Q0CSWI1, the breaker)', () => {
  it('selects with SBOw, operates, walks Pos through intermediate, counts the operation and terminates', async () => {
    const sim = await start({ travelTimeMs: 150 });
    const c = await client(sim);
    const opCnt = sim.get('FDR1CTRL/Q0XCBR1.OpCnt.stVal[ST]');
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 7 })).toBe('ok');
    expect(await c.read('FDR1CTRL/Q0CSWI1.Pos.stSeld[ST]')).toEqual(bool(true));
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 7 })).toBe('ok');
    expect(position(await c.read('FDR1CTRL/Q0XCBR1.Pos.stVal[ST]'))).toBe('intermediate');
    await until(() => terminations(c).length === 1);
    expect(terminations(c)[0]?.access).toEqual({
      kind: 'list',
      variables: [{ scope: 'domain', domain: 'FDR1CTRL', item: 'Q0CSWI1$CO$Pos$Oper' }],
    });
    expect(position(await c.read('FDR1CTRL/Q0XCBR1.Pos.stVal[ST]'))).toBe('open');
    expect(position(await c.read('FDR1CTRL/Q0CSWI1.Pos.stVal[ST]'))).toBe('open');
    expect(await c.read('FDR1CTRL/Q0XCBR1.OpCnt.stVal[ST]')).toEqual({ type: 'integer', value: Number((opCnt as { value: number }).value) + 1 });
    expect(await c.read('FDR1CTRL/Q0CSWI1.Pos.ctlNum[ST]')).toEqual({ type: 'unsigned', value: 7 });
    expect(await c.read('FDR1CTRL/Q0CSWI1.Pos.stSeld[ST]')).toEqual(bool(false));
  });

  it('refuses an Oper whose ctlNum differs from the SBOw, with Inconsistent-parameters, and deselects', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 5 })).toBe('ok');
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 6 })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(26);
    expect(await c.read('FDR1CTRL/Q0CSWI1.Pos.stSeld[ST]')).toEqual(bool(false));
    expect(position(sim.get('FDR1CTRL/Q0XCBR1.Pos.stVal[ST]'))).toBe('closed');
  });

  it('drops the selection after sboTimeout, and after Cancel: Oper is then Object-not-selected', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.session.client.write('FDR1CTRL/Q0CSWI1.Pos.sboTimeout[CF]', { type: 'unsigned', value: 100 })).toEqual({ ok: true });
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 1 })).toBe('ok');
    await sleep(250);
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 1 })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(18);
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 2 })).toBe('ok');
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'Cancel', { ctlVal: bool(false), ctlNum: 2 })).toBe('ok');
    expect(await c.read('FDR1CTRL/Q0CSWI1.Pos.stSeld[ST]')).toEqual(bool(false));
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 2 })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(18);
  });

  it('keeps a selection to its client: another gets Locked-by-other-client and Object-already-selected', async () => {
    const sim = await start();
    const a = await client(sim);
    const b = await client(sim);
    expect(await a.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 1 })).toBe('ok');
    expect(await b.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 1 })).toBe('temporarily-unavailable');
    expect(b.lastAddCause()).toBe(19);
    expect(await b.control('FDR1CTRL/Q0CSWI1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 1 })).toBe('temporarily-unavailable');
    expect(b.lastAddCause()).toBe(27);
  });

  it('refuses when the position is already reached, at local, and when synchrocheck fails', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(true), ctlNum: 1 })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(5);
    sim.set('FDR1CTRL/Q0XCBR1.Loc[ST]', { value: true });
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 1 })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(2);
    sim.set('FDR1CTRL/Q0XCBR1.Loc[ST]', { value: false });
    sim.controls.setSynchrocheck('FDR1CTRL/Q0CSWI1.Pos', false);
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 1, synchroCheck: true })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(11);
    expect(await c.control('FDR1CTRL/Q0CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 1 })).toBe('ok');
  });
});

describe('other control models', () => {
  it('interlocks the disconnector while the breaker is closed, when the client asks for interlock-check', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1CTRL/Q1CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 3, interlockCheck: true })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(10);
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    expect(await c.control('FDR1CTRL/Q1CSWI1.Pos', 'SBOw', { ctlVal: bool(false), ctlNum: 3, interlockCheck: true })).toBe('ok');
    expect(await c.control('FDR1CTRL/Q1CSWI1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 3, interlockCheck: true })).toBe('ok');
    await until(() => position(sim.get('FDR1CTRL/Q1XSWI1.Pos.stVal[ST]')) === 'open');
  });

  it('direct with enhanced security: a test command is answered and terminated, but the process stays', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1CTRL/Q8CSWI1.Pos', 'Oper', { ctlVal: bool(true), ctlNum: 9, test: true })).toBe('ok');
    await until(() => terminations(c).length === 1);
    expect(position(sim.get('FDR1CTRL/Q8XSWI1.Pos.stVal[ST]'))).toBe('open');
    expect(await c.read('FDR1CTRL/Q8CSWI1.Pos.ctlNum[ST]')).toEqual({ type: 'unsigned', value: 9 });
  });

  it('direct with normal security operates at once without a termination; status-only refuses with Not-supported', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(true), ctlNum: 1 })).toBe('ok');
    expect(sim.get('FDR1LD0/GGIO1.SPCSO1.stVal[ST]')).toEqual(bool(true));
    expect(await c.control('FDR1CTRL/Q0XCBR1.Pos', 'Oper', { ctlVal: bool(false), ctlNum: 1 })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(1);
    await sleep(50);
    expect(terminations(c)).toHaveLength(0);
  });

  it('select before operate with normal security: reading SBO selects, Oper operates once', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.session.client.write('FDR1LD0/GGIO1.SPCSO1.ctlModel[CF]', { type: 'integer', value: 2 })).toEqual({ ok: true });
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(true) })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(18);
    expect(await c.read('FDR1LD0/GGIO1.SPCSO1.SBO[CO]')).toEqual({ type: 'visible-string', value: 'FDR1LD0/GGIO1$CO$SPCSO1' });
    const other = await client(sim);
    expect(await other.read('FDR1LD0/GGIO1.SPCSO1.SBO[CO]')).toEqual({ type: 'visible-string', value: '' });
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(true) })).toBe('ok');
    expect(sim.get('FDR1LD0/GGIO1.SPCSO1.stVal[ST]')).toEqual(bool(true));
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(false) })).toBe('object-access-denied');
  });
});

describe('Mode and Behaviour', () => {
  const beh = (sim: Simulator, ref: string) => {
    const v = sim.get(`${ref}.Beh.stVal[ST]`);
    return v.type === 'integer' ? ['', 'on', 'blocked', 'test', 'test/blocked', 'off'][Number(v.value)] : undefined;
  };
  const q = (sim: Simulator, ref: string) => {
    const v = sim.get(ref);
    return v.type === 'bit-string' ? qualityFromBits(v) : undefined;
  };

  it('follows LD → LN: LLN0.Mod test puts every LN in test with the test bit; an LN blocked makes test/blocked', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1PROT/LLN0.Mod', 'Oper', { ctlVal: { type: 'integer', value: 3 } })).toBe('ok');
    expect([beh(sim, 'FDR1PROT/LLN0'), beh(sim, 'FDR1PROT/PTOC1'), beh(sim, 'FDR1CTRL/Q0CSWI1')]).toEqual(['test', 'test', 'on']);
    expect(q(sim, 'FDR1PROT/PTOC1.Str.q[ST]')).toMatchObject({ validity: 'good', test: true });
    expect(q(sim, 'FDR1CTRL/Q0XCBR1.Pos.q[ST]')).toMatchObject({ test: false });
    sim.setMode('FDR1PROT/PTOC2', 'blocked');
    expect(beh(sim, 'FDR1PROT/PTOC2')).toBe('test/blocked');
    sim.setMode('FDR1PROT', 'on');
    expect([beh(sim, 'FDR1PROT/PTOC1'), beh(sim, 'FDR1PROT/PTOC2')]).toEqual(['on', 'blocked']);
    expect(q(sim, 'FDR1PROT/PTOC1.Str.q[ST]')).toMatchObject({ test: false });
  });

  it('off makes the quality invalid, and keeps the process quality for when it comes back', async () => {
    const sim = await start();
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { quality: 'questionable | oldData' });
    sim.setMode('FDR1MEAS/MMXU1', 'off');
    expect(q(sim, 'FDR1MEAS/MMXU1.TotW.q[MX]')).toMatchObject({ validity: 'invalid', flags: ['oldData'] });
    sim.setMode('FDR1MEAS/MMXU1', 'on');
    expect(q(sim, 'FDR1MEAS/MMXU1.TotW.q[MX]')).toMatchObject({ validity: 'questionable', flags: ['oldData'], test: false });
  });

  it('blocked answers controls without moving the process; test takes only test commands, and they move it', async () => {
    const sim = await start();
    const c = await client(sim);
    sim.setMode('FDR1LD0/GGIO1', 'blocked');
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(true) })).toBe('ok');
    expect(sim.get('FDR1LD0/GGIO1.SPCSO1.stVal[ST]')).toEqual(bool(false));
    sim.setMode('FDR1LD0/GGIO1', 'test');
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(true) })).toBe('object-access-denied');
    expect(c.lastAddCause()).toBe(8);
    expect(await c.control('FDR1LD0/GGIO1.SPCSO1', 'Oper', { ctlVal: bool(true), test: true })).toBe('ok');
    expect(sim.get('FDR1LD0/GGIO1.SPCSO1.stVal[ST]')).toEqual(bool(true));
    expect(q(sim, 'FDR1LD0/GGIO1.SPCSO1.q[ST]')).toMatchObject({ test: true });
  });

  it('serves LPHD.Sim as a control', async () => {
    const sim = await start();
    const c = await client(sim);
    expect(await c.control('FDR1LD0/LPHD1.Sim', 'Oper', { ctlVal: bool(true) })).toBe('ok');
    expect(sim.get('FDR1LD0/LPHD1.Sim.stVal[ST]')).toEqual(bool(true));
  });
});

describe('setting groups', () => {
  it('switches the active group, edits a group for one client at a time and confirms it', async () => {
    const sim = await start();
    const a = await client(sim);
    const b = await client(sim);
    const u8 = (value: number): MmsValue => ({ type: 'unsigned', value });
    const f = (value: number): MmsValue => ({ type: 'float', value, width: 32 });
    const strVal = 'FDR1PROT/PTOC1.StrVal.setMag.f';
    expect(await a.read('FDR1PROT/LLN0.SGCB.NumOfSG[SP]')).toEqual(u8(2));
    expect(await a.read(`${strVal}[SG]`)).toEqual(f(480));
    expect(await a.session.client.write('FDR1PROT/LLN0.SGCB.ActSG[SP]', u8(2))).toEqual({ ok: true });
    expect(await a.read(`${strVal}[SG]`)).toEqual(f(360));
    expect(await a.session.client.write('FDR1PROT/LLN0.SGCB.ActSG[SP]', u8(3))).toMatchObject({ ok: false, error: { name: 'object-value-invalid' } });
    expect(await a.session.client.write(`${strVal}[SE]`, f(500))).toMatchObject({ ok: false, error: { name: 'object-access-denied' } });
    expect(await a.session.client.write('FDR1PROT/LLN0.SGCB.EditSG[SP]', u8(1))).toEqual({ ok: true });
    expect(await a.read(`${strVal}[SE]`)).toEqual(f(480));
    expect(await b.session.client.write('FDR1PROT/LLN0.SGCB.EditSG[SP]', u8(2))).toMatchObject({ error: { name: 'temporarily-unavailable' } });
    expect(await b.session.client.write(`${strVal}[SE]`, f(1))).toMatchObject({ error: { name: 'temporarily-unavailable' } });
    expect(await a.session.client.write(`${strVal}[SE]`, f(500))).toEqual({ ok: true });
    expect(await a.session.client.write('FDR1PROT/LLN0.SGCB.CnfEdit[SP]', bool(true))).toEqual({ ok: true });
    expect(await a.read(`${strVal}[SG]`)).toEqual(f(360));
    expect(await a.session.client.write('FDR1PROT/LLN0.SGCB.ActSG[SP]', u8(1))).toEqual({ ok: true });
    expect(await a.read(`${strVal}[SG]`)).toEqual(f(500));
  });
});
