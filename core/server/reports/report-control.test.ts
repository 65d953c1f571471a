import { describe, expect, it } from 'vitest';
import { parseReport, type Report } from '../../iec61850';
import { encodeInformationReport, type InformationReport, type MmsValue } from '../../mms';
import type { ClientContext } from '../client-context';
import { TRIGGER, leafNode, structNode } from '../model/data-node';
import { ServerDataModel } from '../model/data-model';
import { ReportEngine } from './report-engine';

/*
 * The RCB access rules and report content, in process: a model of two status FCDs, one data set, one
 * URCB and one BRCB, and clients that are plain objects collecting what they are sent.
 */

interface FakeClient extends ClientContext {
  reports: InformationReport[];
  close(): void;
}

let nextId = 100;
function client(remote = '10.0.0.1:5000', maxPduSize = 65000): FakeClient {
  const listeners: (() => void)[] = [];
  const c: FakeClient = {
    id: nextId++,
    remote,
    maxPduSize,
    closed: false,
    reports: [],
    sendReport: (r) => c.reports.push(r),
    onClose: (l) => listeners.push(l),
    close: () => {
      (c as { closed: boolean }).closed = true;
      for (const l of listeners.splice(0)) l();
    },
  };
  return c;
}

const bool = (value: boolean): MmsValue => ({ type: 'boolean', value });
const quality: MmsValue = { type: 'bit-string', bitLength: 13, bytes: new Uint8Array(2) };

function setup(now = { ms: 1_800_000_000_000 }) {
  const model = new ServerDataModel({ vendorName: 'v', modelName: 'm', revision: 'r' });
  const status = (name: string) =>
    structNode(name, [
      leafNode('stVal', { type: 'boolean' }, bool(false), TRIGGER.dchg),
      leafNode('q', { type: 'bit-string', size: -13 }, quality, TRIGGER.qchg),
    ]);
  model.addDomain('LD', [structNode('LLN0', []), structNode('GGIO1', [structNode('ST', [status('Ind1'), status('Ind2')])])]);
  const members = ['GGIO1$ST$Ind1', 'GGIO1$ST$Ind2'].map((item) => ({ scope: 'domain' as const, domain: 'LD', item }));
  model.dataSets.define({ scope: 'domain', domain: 'LD', item: 'LLN0$DS' }, members, undefined, false);
  const engine = new ReportEngine(model, { now: () => now.ms, bufferEntries: 2 });
  const common = { rptId: 'r', datSet: 'LD/LLN0$DS', confRev: 1, bufTm: 0, intgPd: 0 } as const;
  engine.addRcb('LD', 'LLN0', { ...common, name: 'urcb01', buffered: false, optFlds: ['seqNum', 'reasonCode'], trgOps: ['dchg', 'qchg', 'gi'] });
  engine.addRcb('LD', 'LLN0', { ...common, name: 'brcb01', buffered: true, optFlds: ['seqNum', 'bufOvfl', 'entryID'], trgOps: ['dchg', 'gi'] });
  const write = (who: ClientContext, item: string, value: MmsValue) => model.write({ scope: 'domain', domain: 'LD', item }, value, who);
  const read = (item: string) => model.find('LD', item);
  const ind = (n: number) => model.find('LD', `GGIO1$ST$Ind${n}$stVal`);
  const set = (n: number, v: boolean) => {
    const leaf = ind(n);
    if (leaf?.kind === 'leaf') model.setLeaf(leaf, bool(v));
  };
  return { model, engine, write, read, set, now };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const parsed = (c: FakeClient): Report[] => c.reports.map((r) => parseReport(r.results));
const code = (r: { ok: boolean; error?: { name: string } }) => (r.ok ? 'ok' : r.error?.name);

describe('URCB access rules', () => {
  it('reserves for one client: others get temporarily-unavailable until it goes', () => {
    const { write, read } = setup();
    const a = client('10.0.0.1:1');
    const b = client('10.0.0.2:1');
    expect(code(write(a, 'LLN0$RP$urcb01$Resv', bool(true)))).toBe('ok');
    expect(read('LLN0$RP$urcb01$Owner')).toMatchObject({ value: { value: Uint8Array.of(10, 0, 0, 1) } });
    expect(code(write(b, 'LLN0$RP$urcb01$RptEna', bool(true)))).toBe('temporarily-unavailable');
    expect(code(write(b, 'LLN0$RP$urcb01$Resv', bool(true)))).toBe('temporarily-unavailable');
    a.close();
    expect(read('LLN0$RP$urcb01$Resv')).toMatchObject({ value: bool(false) });
    expect(code(write(b, 'LLN0$RP$urcb01$RptEna', bool(true)))).toBe('ok');
    expect(read('LLN0$RP$urcb01$Resv')).toMatchObject({ value: bool(true) });
  });

  it('refuses configuration while enabled, read-only attributes always, wrong types and unknown data sets', () => {
    const { write, read } = setup();
    const a = client();
    expect(code(write(a, 'LLN0$RP$urcb01$DatSet', { type: 'visible-string', value: 'LD/LLN0$Nope' }))).toBe('object-value-invalid');
    expect(code(write(a, 'LLN0$RP$urcb01$BufTm', bool(true)))).toBe('type-inconsistent');
    expect(code(write(a, 'LLN0$RP$urcb01$SqNum', { type: 'unsigned', value: 9 }))).toBe('object-access-denied');
    expect(code(write(a, 'LLN0$RP$urcb01$ConfRev', { type: 'unsigned', value: 9 }))).toBe('object-access-denied');
    expect(code(write(a, 'LLN0$RP$urcb01', bool(true)))).toBe('object-access-denied');
    expect(code(write(a, 'LLN0$RP$urcb01$RptEna', bool(true)))).toBe('ok');
    expect(code(write(a, 'LLN0$RP$urcb01$IntgPd', { type: 'unsigned', value: 1000 }))).toBe('temporarily-unavailable');
    expect(code(write(a, 'LLN0$RP$urcb01$Resv', bool(false)))).toBe('temporarily-unavailable');
    expect(code(write(a, 'LLN0$RP$urcb01$RptEna', bool(false)))).toBe('ok');
    expect(code(write(a, 'LLN0$RP$urcb01$DatSet', { type: 'visible-string', value: 'LD/LLN0$DS' }))).toBe('ok');
    expect(read('LLN0$RP$urcb01$ConfRev')).toMatchObject({ value: { value: 1 } });
  });

  it('reports dchg and qchg with the inclusion and reason codes, and GI with every member', async () => {
    const { write, set, model } = setup();
    const a = client();
    write(a, 'LLN0$RP$urcb01$RptEna', bool(true));
    set(2, true);
    await tick();
    const q = model.find('LD', 'GGIO1$ST$Ind1$q');
    if (q?.kind === 'leaf') model.setLeaf(q, { type: 'bit-string', bitLength: 13, bytes: Uint8Array.of(0x40, 0) });
    await tick();
    write(a, 'LLN0$RP$urcb01$GI', bool(true));
    const reports = parsed(a);
    expect(reports.map((r) => [r.seqNum, r.entries.map((e) => [e.index, e.reasons])])).toEqual([
      [0, [[1, ['dchg']]]],
      [1, [[0, ['qchg']]]],
      [2, [[0, ['gi']], [1, ['gi']]]],
    ]);
    // Set to the same value: no dchg (and no dupd, which the leaf does not trigger).
    set(2, true);
    await tick();
    expect(a.reports).toHaveLength(3);
  });
});

describe('BRCB', () => {
  it('buffers while its client is away and flags BufOvfl when entries it never got were dropped', async () => {
    const { write, set } = setup();
    const a = client();
    write(a, 'LLN0$BR$brcb01$RptEna', bool(true));
    set(1, true);
    await tick();
    expect(parsed(a).map((r) => r.bufOvfl)).toEqual([false]);
    a.close();
    for (const v of [false, true, false]) {
      set(1, v);
      await tick();
    }
    const b = client();
    write(b, 'LLN0$BR$brcb01$RptEna', bool(true));
    await tick();
    // A buffer of 2: of the three changes while away, the first was dropped.
    expect(parsed(b).map((r) => [r.bufOvfl, r.entries[0]?.value])).toEqual([
      [true, { type: 'structure', members: [bool(true), quality] }],
      [false, { type: 'structure', members: [bool(false), quality] }],
    ]);
  });

  it('refuses an EntryID it no longer holds, and PurgeBuf empties the buffer', async () => {
    const { write, set } = setup();
    const a = client();
    expect(code(write(a, 'LLN0$BR$brcb01$EntryID', { type: 'octet-string', value: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 7) }))).toBe(
      'object-value-invalid',
    );
    write(a, 'LLN0$BR$brcb01$RptEna', bool(true));
    set(1, true);
    await tick();
    write(a, 'LLN0$BR$brcb01$RptEna', bool(false));
    set(1, false);
    await tick();
    expect(code(write(a, 'LLN0$BR$brcb01$PurgeBuf', bool(true)))).toBe('ok');
    write(a, 'LLN0$BR$brcb01$RptEna', bool(true));
    await tick();
    expect(a.reports).toHaveLength(1);
  });

  it('keeps a ResvTms reservation for the client address after it goes, until it expires', () => {
    const { write, read, now } = setup();
    const a = client('10.0.0.1:1');
    expect(code(write(a, 'LLN0$BR$brcb01$ResvTms', { type: 'integer', value: 30 }))).toBe('ok');
    a.close();
    const other = client('10.0.0.9:1');
    const same = client('10.0.0.1:2');
    expect(code(write(other, 'LLN0$BR$brcb01$RptEna', bool(true)))).toBe('temporarily-unavailable');
    expect(read('LLN0$BR$brcb01$Owner')).toMatchObject({ value: { value: Uint8Array.of(10, 0, 0, 1) } });
    now.ms += 31_000;
    expect(code(write(other, 'LLN0$BR$brcb01$RptEna', bool(true)))).toBe('ok');
    expect(code(write(same, 'LLN0$BR$brcb01$RptEna', bool(false)))).toBe('temporarily-unavailable');
  });
});

describe('segmentation', () => {
  it('splits a report that does not fit the client PDU into segments with SubSeqNum and MoreSegmentsFollow', () => {
    const { write } = setup();
    const gi = (c: FakeClient) => {
      write(c, 'LLN0$RP$urcb01$OptFlds', { type: 'bit-string', bitLength: 10, bytes: Uint8Array.of(0x40, 0) });
      write(c, 'LLN0$RP$urcb01$RptEna', bool(true));
      write(c, 'LLN0$RP$urcb01$GI', bool(true));
      write(c, 'LLN0$RP$urcb01$RptEna', bool(false));
      write(c, 'LLN0$RP$urcb01$Resv', bool(false));
    };
    const big = client('10.0.0.1:1');
    gi(big);
    const whole = encodeInformationReport(big.reports[0]!).length;
    const a = client('10.0.0.1:2', whole - 1);
    gi(a);
    const reports = parsed(a);
    expect(a.reports.every((r) => encodeInformationReport(r).length < whole)).toBe(true);
    expect(reports.map((r) => [r.seqNum, r.subSeqNum, r.moreSegmentsFollow, r.entries.map((e) => e.index)])).toEqual([
      [1, 0, true, [0]],
      [1, 1, false, [1]],
    ]);
    expect(reports[0]?.optFlds).toContain('segmentation');
  });
});
