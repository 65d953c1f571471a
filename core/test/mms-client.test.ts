import { afterEach, describe, expect, it } from 'vitest';
import {
  IedClient,
  MmsConnection,
  ReportSubscription,
  TrafficTap,
  discoverModel,
  isoStackFor,
  openIed,
  type IedSession,
} from '../client';
import type { Report } from '../iec61850';
import type { Simulator } from '../sim';
import { createMemoryLinkPair, TcpListener } from '../transport';
import { recordWrites, startTestIed } from './support/test-ied';
import { until } from './support/wait';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
});

interface ServeOptions {
  password?: string;
  maxPduSize?: number;
  maxOutstanding?: number;
  answerDelayMs?: number;
  /** Items whose read the simulator never answers. */
  silentItems?: string[];
}

async function serve(options: ServeOptions = {}): Promise<Simulator> {
  const limits = {
    ...(options.maxPduSize ? { maxPduSize: options.maxPduSize } : {}),
    ...(options.maxOutstanding ? { maxOutstanding: options.maxOutstanding } : {}),
  };
  const server = await startTestIed({ limits, ...(options.password ? { password: options.password } : {}) });
  open.push({ close: () => server.stop() });
  if (options.answerDelayMs) server.server.faults.responseDelayMs = options.answerDelayMs;
  const silent = options.silentItems;
  if (silent)
    server.server.faults.unanswered = (r) =>
      r.service === 'read' && r.access.kind === 'list' && r.access.variables.some((v) => silent.includes(v.item));
  return server;
}

async function connect(
  server: Simulator,
  extra: { password?: string; requestTimeoutMs?: number; tap?: TrafficTap } = {},
): Promise<IedSession> {
  const session = await openIed({ host: '127.0.0.1', port: server.port, ...extra }, isoStackFor);
  open.push(session);
  return session;
}

function nextReport(sub: ReportSubscription): Promise<Report> {
  return new Promise((resolve) => {
    const off = sub.on('report', (r) => {
      off();
      resolve(r);
    });
  });
}

describe('MMS client over real TCP against the simulator', () => {
  it('associates, negotiates, identifies, reads and discovers', async () => {
    const server = await serve({ maxOutstanding: 4, maxPduSize: 8000 });
    const tap = new TrafficTap();
    const session = await connect(server, { tap });
    expect(session.connection.negotiated).toMatchObject({ maxPduSize: 8000, maxOutstanding: 4 });
    expect(await session.client.identify()).toEqual({
      vendorName: 'RelayGate',
      modelName: 'test-ied',
      revision: '1.0',
    });
    const [pos] = await session.client.read(['IED1LD0/XCBR1.Pos.stVal[ST]']);
    expect(pos?.result).toEqual({
      ok: true,
      value: { type: 'bit-string', bitLength: 2, bytes: Uint8Array.of(0x80) },
    });
    const model = await discoverModel(session.client);
    expect(model.leaves).toHaveLength(44);
    expect(model.reportControls).toHaveLength(3);
    const summaries = tap.since().map((r) => `${r.direction} ${r.summary}`);
    expect(summaries[0]).toBe('sent initiate-request max PDU 65000, outstanding 10/10, nesting 10');
    expect(summaries[1]).toBe('received initiate-response max PDU 8000, outstanding 4/4, nesting 10');
    expect(summaries).toContain('sent confirmed-request #2 read 1 variable (IED1LD0/XCBR1$ST$Pos$stVal)');
  });

  it('reports a refused password as an association rejection with its reason', async () => {
    const server = await serve({ password: 'secret' });
    await expect(connect(server, { password: 'wrong' })).rejects.toMatchObject({
      code: 'association-rejected',
      message: expect.stringContaining('authentication-failure'),
    });
    const ok = await connect(server, { password: 'secret' });
    expect(ok.connection.negotiated.maxPduSize).toBe(65000);
  });

  it('reports a closed port as connection-refused', async () => {
    const listener = await TcpListener.listen(0);
    const port = listener.port;
    await listener.close();
    await expect(openIed({ host: '127.0.0.1', port }, isoStackFor)).rejects.toMatchObject({
      code: 'connection-refused',
    });
  });

  it('pipelines up to the negotiated limit and returns every answer to its caller', async () => {
    const server = await serve({ maxOutstanding: 3, answerDelayMs: 5 });
    const session = await connect(server);
    const refs = [
      'IED1LD0/XCBR1.Pos.stVal[ST]',
      'IED1LD0/MMXU1.TotW.mag.f[MX]',
      'IED1LD0/GGIO1.Ind1.stVal[ST]',
      'IED1LD0/LLN0.Mod.stVal[ST]',
    ];
    const calls = Array.from({ length: 20 }, (_, i) => session.client.read([refs[i % 4] as string]));
    expect(session.connection.outstanding).toBe(3);
    const types = (await Promise.all(calls)).map(([item]) =>
      item?.result.ok ? item.result.value.type : 'failed',
    );
    expect(types).toEqual(
      Array.from({ length: 20 }, (_, i) => ['bit-string', 'float', 'boolean', 'integer'][i % 4]),
    );
  });

  it('times out one request while the others succeed', async () => {
    const server = await serve({ silentItems: ['PTOC1$ST$Op'] });
    const session = await connect(server, { requestTimeoutMs: 300 });
    const silent = session.client.read(['IED1LD0/PTOC1.Op[ST]']);
    const fine = session.client.read(['IED1LD0/PTOC1.Str[ST]']);
    await expect(fine).resolves.toHaveLength(1);
    await expect(silent).rejects.toMatchObject({ code: 'timeout' });
    // The association survives a timeout.
    await expect(session.client.read(['IED1LD0/XCBR1.Loc.stVal[ST]'])).resolves.toHaveLength(1);
  });

  it('rejects every pending request with one error when the connection is lost', async () => {
    const server = await serve({ answerDelayMs: 500 });
    const session = await connect(server);
    const pending = Array.from({ length: 5 }, () => session.client.read(['IED1LD0/XCBR1.Pos[ST]']));
    await new Promise((r) => setTimeout(r, 50));
    server.disconnectClients();
    const outcomes = await Promise.allSettled(pending);
    const reasons = outcomes.map((o) =>
      o.status === 'rejected' ? (o.reason as { code: string }).code : 'resolved',
    );
    expect(reasons).toEqual(Array(5).fill('connection-lost'));
    expect(session.connection.closed).toBe(true);
    await expect(session.client.read(['IED1LD0/XCBR1.Pos[ST]'])).rejects.toMatchObject({
      code: 'connection-lost',
    });
  });

  it('enables a URCB, receives the GI and a data change, then disables and releases it', async () => {
    const server = await serve();
    const session = await connect(server);
    const reports: Report[] = [];
    let gotReport: () => void = () => undefined;
    const sub = await ReportSubscription.start(session.client, session.connection, 'IED1LD0/LLN0.urcbA01', {
      onReport: (r) => {
        reports.push(r);
        gotReport();
      },
    });
    const waitReports = (n: number): Promise<void> =>
      new Promise((resolve) => {
        gotReport = () => reports.length >= n && resolve();
        gotReport();
      });
    expect(sub.rcb).toEqual({ domain: 'IED1LD0', item: 'LLN0$RP$urcbA01', buffered: false });
    expect(sub.members).toEqual(['IED1LD0/XCBR1.Pos[ST]', 'IED1LD0/PTOC1.Op[ST]', 'IED1LD0/PTOC1.Str[ST]']);
    await waitReports(1);
    const gi = reports[0] as Report;
    expect(gi.entries.map((e) => [e.member, e.reasons])).toEqual([
      ['IED1LD0/XCBR1.Pos[ST]', ['gi']],
      ['IED1LD0/PTOC1.Op[ST]', ['gi']],
      ['IED1LD0/PTOC1.Str[ST]', ['gi']],
    ]);
    server.set('IED1LD0/XCBR1.Pos[ST]', { value: 'open' });
    await waitReports(2);
    const r = reports[1] as Report;
    expect(r.entries.map((e) => [e.member, e.reasons])).toEqual([['IED1LD0/XCBR1.Pos[ST]', ['dchg']]]);
    expect(r.seqNum).toBe(1);
    await sub.stop();
    const state = await session.client.read([
      'IED1LD0/LLN0.urcbA01.RptEna[RP]',
      'IED1LD0/LLN0.urcbA01.Resv[RP]',
    ]);
    expect(state.map((s) => (s.result.ok ? s.result.value : null))).toEqual([
      { type: 'boolean', value: false },
      { type: 'boolean', value: false },
    ]);
  });

  it('routes an InformationReport that arrives between a request and its response', async () => {
    const server = await serve({ answerDelayMs: 100 });
    const session = await connect(server);
    const sub = await ReportSubscription.start(
      session.client,
      session.connection,
      'IED1LD0/LLN0.brcbMeas01',
      { gi: false },
    );
    expect(sub.rcb.buffered).toBe(true);
    const read = session.client.read(['IED1LD0/MMXU1.Hz.mag.f[MX]']);
    const report = nextReport(sub);
    server.set('IED1LD0/MMXU1.TotW[MX]', { value: 99 });
    const r = await report;
    expect(r.entries[0]?.member).toBe('IED1LD0/MMXU1.TotW[MX]');
    expect(r.entryId).toBeDefined();
    const [hz] = await read;
    expect(hz?.result).toEqual({ ok: true, value: { type: 'float', value: Math.fround(50.01), width: 32 } });
  });
});

describe('indexed RCB instances', () => {
  it('takes the first instance no other client holds for a base name, and says when all are held', async () => {
    const server = await serve();
    const [a, b, c] = [await connect(server), await connect(server), await connect(server)];
    const first = await ReportSubscription.start(a.client, a.connection, 'IED1LD0/LLN0.urcbA', { gi: false });
    const second = await ReportSubscription.start(b.client, b.connection, 'IED1LD0/LLN0.urcbA', {
      gi: false,
    });
    expect([first.rcb.item, second.rcb.item]).toEqual(['LLN0$RP$urcbA01', 'LLN0$RP$urcbA02']);
    await expect(
      ReportSubscription.start(c.client, c.connection, 'IED1LD0/LLN0.urcbA'),
    ).rejects.toMatchObject({
      code: 'temporarily-unavailable',
      message: 'every instance of IED1LD0/LLN0.urcbA is held by another client (urcbA01, urcbA02)',
    });
    await first.stop();
    const third = await ReportSubscription.start(c.client, c.connection, 'IED1LD0/LLN0.urcbA', { gi: false });
    expect(third.rcb.item).toBe('LLN0$RP$urcbA01');
    await expect(
      ReportSubscription.start(c.client, c.connection, 'IED1LD0/LLN0.nothing'),
    ).rejects.toMatchObject({ code: 'object-non-existent' });
  });
});

describe('BRCB resume and purge', () => {
  it('resumes after the EntryID it last saw, with what was buffered meanwhile; PurgeBuf discards it', async () => {
    const server = await serve();
    const writes = recordWrites(server);
    const session = await connect(server);
    const reports: Report[] = [];
    const first = await ReportSubscription.start(session.client, session.connection, 'IED1LD0/LLN0.brcbMeas01[BR]', {
      gi: false,
      onReport: (r) => reports.push(r),
    });
    server.set('IED1LD0/MMXU1.TotW[MX]', { value: 1 });
    await until(() => reports.length === 1);
    const seen = first.entryId;
    expect(seen).toHaveLength(8);
    await first.stop();
    // Disabled, the BRCB keeps buffering: two entries, the second with both members set in one tick.
    server.set('IED1LD0/MMXU1.Hz[MX]', { value: 49.9 });
    await new Promise((r) => setTimeout(r, 20));
    server.set('IED1LD0/MMXU1.TotW[MX]', { value: 2 });
    server.set('IED1LD0/MMXU1.Hz[MX]', { value: 49.5 });
    await new Promise((r) => setTimeout(r, 20));
    const resumed = await ReportSubscription.start(session.client, session.connection, 'IED1LD0/LLN0.brcbMeas01', {
      resumeEntryId: seen,
      gi: false,
      onReport: (r) => reports.push(r),
    });
    await until(() => reports.length >= 3);
    await new Promise((r) => setTimeout(r, 30));
    const magF = (r: Report | undefined, i: number) => {
      const v = r?.entries[i]?.value;
      const mag = v?.type === 'structure' ? v.members[0] : undefined;
      return mag?.type === 'structure' ? mag.members[0] : undefined;
    };
    expect(reports.slice(1).map((r) => r.entries.map((e) => e.member))).toEqual([
      ['IED1LD0/MMXU1.Hz[MX]'],
      ['IED1LD0/MMXU1.TotW[MX]', 'IED1LD0/MMXU1.Hz[MX]'],
    ]);
    expect([magF(reports[1], 0), magF(reports[2], 0), magF(reports[2], 1)]).toEqual([
      { type: 'float', value: Math.fround(49.9), width: 32 },
      { type: 'float', value: 2, width: 32 },
      { type: 'float', value: 49.5, width: 32 },
    ]);
    await resumed.stop();
    server.set('IED1LD0/MMXU1.TotW[MX]', { value: 3 });
    const purged = await ReportSubscription.start(session.client, session.connection, 'IED1LD0/LLN0.brcbMeas01', {
      purge: true,
      gi: false,
      onReport: (r) => reports.push(r),
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(reports).toHaveLength(3);
    await purged.stop();
    const attrs = writes.map((w) => w.name.split('$').pop());
    expect(attrs).toEqual([
      'TrgOps',
      'OptFlds',
      'RptEna',
      'RptEna',
      'TrgOps',
      'OptFlds',
      'EntryID',
      'RptEna',
      'RptEna',
      'TrgOps',
      'OptFlds',
      'PurgeBuf',
      'RptEna',
      'RptEna',
    ]);
    expect(writes[6]?.value).toEqual({ type: 'octet-string', value: seen });
  });
});


describe('MMS client over an in-memory link delivered one byte at a time', () => {
  it('associates and reads with every PDU split at every byte', async () => {
    const server = await startTestIed();
    open.push({ close: () => server.stop() });
    const [clientEnd, serverEnd] = createMemoryLinkPair({ chunkSize: 1 });
    server.server.attach(serverEnd);
    const connection = await MmsConnection.open(clientEnd, isoStackFor({ host: 'memory', port: 0 }), {
      where: 'memory',
    });
    open.push(connection);
    const client = new IedClient(connection);
    const items = await client.read(['IED1LD0/MMXU1.TotW[MX]', 'IED1LD0/LLN0.Health.stVal[ST]']);
    expect(items.map((i) => i.result.ok)).toEqual([true, true]);
    await connection.close();
    expect(connection.closed).toBe(true);
  });
});
