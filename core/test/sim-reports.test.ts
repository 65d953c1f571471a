import { describe, expect, it } from 'vitest';
import { ReportSubscription, type IedSession, type SubscriptionOptions } from '../client';
import { formatObjectReference, fromMmsName, type Report } from '../iec61850';
import { domainName, type InformationReport } from '../mms';
import { simHarness } from './support/harness';
import { sleep, until } from './support/wait';

/*
 * Reports as an IED sends them, received by the project's client over real TCP: integrity, BufTm
 * gathering, data update, data set changes with ConfRev, segmentation, pausing, and a BRCB that keeps
 * its reports while the client is away and resumes after the EntryID the client saw.
 */

const { serve, connect: connectTo } = simHarness();
const connect = (sim: Parameters<typeof connectTo>[0], maxPduSize?: number): Promise<IedSession> =>
  connectTo(sim, maxPduSize ? { maxPduSize } : {});

async function subscribe(session: IedSession, rcb: string, options: SubscriptionOptions = {}): Promise<{ sub: ReportSubscription; reports: Report[] }> {
  const reports: Report[] = [];
  const sub = await ReportSubscription.start(session.client, session.connection, rcb, { ...options, onReport: (r) => reports.push(r) });
  return { sub, reports };
}

const members = (r: Report | undefined) => r?.entries.map((e) => [e.member, ...(e.reasons ?? [])]);

describe('report triggers', () => {
  it('sends integrity reports every IntgPd with every member', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const { reports } = await subscribe(session, 'IED1LD0/LLN0.urcbA01', { gi: false, intgPd: 150 });
    await until(() => reports.length >= 2);
    expect(members(reports[0])).toEqual([
      ['IED1LD0/XCBR1.Pos[ST]', 'integrity'],
      ['IED1LD0/PTOC1.Op[ST]', 'integrity'],
      ['IED1LD0/PTOC1.Str[ST]', 'integrity'],
    ]);
    expect(reports[1]!.seqNum).toBe(reports[0]!.seqNum! + 1);
  });

  it('gathers changes for BufTm into one report; a member changing again sends the waiting report first', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const { reports } = await subscribe(session, 'IED1LD0/LLN0.urcbA01', { gi: false, bufTm: 300 });
    sim.set('IED1LD0/XCBR1.Pos[ST]', { value: 'open' });
    await sleep(20);
    sim.set('IED1LD0/PTOC1.Op[ST]', { value: true });
    await sleep(20);
    expect(reports).toHaveLength(0);
    sim.set('IED1LD0/XCBR1.Pos[ST]', { value: 'intermediate' });
    await until(() => reports.length === 1);
    expect(members(reports[0])).toEqual([
      ['IED1LD0/XCBR1.Pos[ST]', 'dchg'],
      ['IED1LD0/PTOC1.Op[ST]', 'dchg'],
    ]);
    await until(() => reports.length === 2);
    expect(members(reports[1])).toEqual([['IED1LD0/XCBR1.Pos[ST]', 'dchg']]);
  });

  it('reports a value set again unchanged as dupd where the attribute declares dupd and TrgOps asks for it', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const { reports } = await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false, trgOps: ['dchg', 'dupd'] });
    sim.set('IED1LD0/MMXU1.Hz[MX]', { value: 50.01 });
    await until(() => reports.length === 1);
    expect(members(reports[0])).toEqual([['IED1LD0/MMXU1.Hz[MX]', 'dupd']]);
  });

  it('reports a quality change as qchg, and no longer when TrgOps leaves qchg out', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const { sub, reports } = await subscribe(session, 'IED1LD0/LLN0.urcbA02', { gi: false });
    sim.set('IED1LD0/PTOC1.Str[ST]', { quality: 'invalid: oldData' });
    await until(() => reports.length === 1);
    expect(members(reports[0])).toEqual([['IED1LD0/PTOC1.Str[ST]', 'qchg']]);
    await sub.stop();
    const again = await subscribe(session, 'IED1LD0/LLN0.urcbA02', { gi: false, trgOps: ['dchg'] });
    sim.set('IED1LD0/PTOC1.Str[ST]', { quality: 'good' });
    await sleep(100);
    expect(again.reports).toHaveLength(0);
  });
});

describe('report control', () => {
  it('takes a client-defined data set, counts the change in ConfRev, and segments a GI the PDU cannot hold', async () => {
    const sim = await serve();
    const session = await connect(sim, 512);
    const names = sim.model.variableNames('IED1LD0').filter((n) => /^[A-Z]+\d?\$(ST|MX)\$[A-Za-z0-9]+$/.test(n) && !n.startsWith('LLN0$RP'));
    expect(names.length).toBeGreaterThan(8);
    await session.connection.request({
      service: 'defineNamedVariableList',
      name: domainName('IED1LD0', 'LLN0$Big'),
      variables: names.map((n) => domainName('IED1LD0', n)),
    });
    const raw: InformationReport[] = [];
    session.connection.on('report', (r) => raw.push(r));
    const write = await session.client.write('IED1LD0/LLN0.urcbA01.DatSet[RP]', { type: 'visible-string', value: 'IED1LD0/LLN0$Big' });
    expect(write).toEqual({ ok: true });
    const { reports } = await subscribe(session, 'IED1LD0/LLN0.urcbA01', { optFlds: ['seqNum', 'reasonCode', 'dataRef', 'confRev'] });
    await until(() => reports.length === 1);
    expect(raw.length).toBeGreaterThan(1);
    expect(reports[0]!.confRev).toBe(2);
    expect(reports[0]!.entries.map((e) => e.member)).toEqual(names.map((n) => formatObjectReference(fromMmsName('IED1LD0', n))));
    expect(reports[0]!.entries.every((e) => e.reasons?.[0] === 'gi')).toBe(true);
  });

  it('holds reports while paused: URCB reports are lost, BRCB reports are sent when reports resume', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const urcb = await subscribe(session, 'IED1LD0/LLN0.urcbA01', { gi: false });
    const brcb = await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false });
    sim.pauseReports();
    sim.set('IED1LD0/XCBR1.Pos[ST]', { value: 'open' });
    sim.set('IED1LD0/MMXU1.TotW[MX]', { value: 7 });
    await sleep(100);
    expect([urcb.reports.length, brcb.reports.length]).toEqual([0, 0]);
    sim.pauseReports(false);
    await until(() => brcb.reports.length === 1);
    await sleep(50);
    expect(urcb.reports).toHaveLength(0);
  });
});

describe('several RCBs on one association', () => {
  it('reads each report with its own RCB only: another RCB\'s report is counted as such, never as undecodable', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const urcb = await subscribe(session, 'IED1LD0/LLN0.urcbA01', { gi: false });
    const brcb = await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false });
    sim.set('IED1LD0/XCBR1.Pos[ST]', { value: 'open' });
    sim.set('IED1LD0/MMXU1.TotW[MX]', { value: 7 });
    await until(() => urcb.reports.length >= 1 && brcb.reports.length >= 1);
    expect(urcb.sub.counters).toMatchObject({ undecodable: 0 });
    expect(brcb.sub.counters).toMatchObject({ undecodable: 0 });
    expect(urcb.sub.counters.otherRcb + brcb.sub.counters.otherRcb).toBeGreaterThanOrEqual(2);
    expect(session.connection.counters.undecodableReports).toBe(0);
  });
});

describe('BRCB across a reconnect', () => {
  it('keeps the reports made while the client was away and resumes after the EntryID it saw', async () => {
    const sim = await serve();
    let session = await connect(sim);
    const first = await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false });
    sim.set('IED1LD0/MMXU1.TotW[MX]', { value: 10 });
    await until(() => first.reports.length === 1);
    const seen = first.sub.entryId!;
    sim.disconnectClients();
    await until(() => sim.server.associations.size === 0);
    for (const v of [11, 12, 13]) {
      sim.set('IED1LD0/MMXU1.TotW[MX]', { value: v });
      await sleep(10);
    }
    session = await connect(sim);
    const second = await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false, resumeEntryId: seen });
    await until(() => second.reports.length === 3);
    const f = (r: Report) => {
      const v = r.entries[0]?.value;
      const mag = v?.type === 'structure' ? v.members[0] : undefined;
      const x = mag?.type === 'structure' ? mag.members[0] : undefined;
      return x?.type === 'float' ? x.value : undefined;
    };
    expect(second.reports.map(f)).toEqual([11, 12, 13]);
    expect(second.reports.map((r) => r.bufOvfl)).toEqual([false, false, false]);
  });

  it('says BufOvfl when the buffer overflowed while the client was away', async () => {
    const sim = await serve({ bufferEntries: 2 });
    let session = await connect(sim);
    await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false });
    await session.close();
    await until(() => sim.server.associations.size === 0);
    for (const v of [21, 22, 23, 24]) {
      sim.set('IED1LD0/MMXU1.TotW[MX]', { value: v });
      await sleep(10);
    }
    session = await connect(sim);
    const again = await subscribe(session, 'IED1LD0/LLN0.brcbMeas01', { gi: false });
    await until(() => again.reports.length === 2);
    expect(again.reports.map((r) => r.bufOvfl)).toEqual([true, false]);
  });
});
