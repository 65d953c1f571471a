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
import { createMemoryLinkPair, TcpListener } from '../transport';
import { feederModel } from './support/feeder-model';
import { ModelIed } from './support/model-ied';
import { ModelServer, type ModelServerOptions } from './support/model-server';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
});

async function serve(options: ModelServerOptions = {}): Promise<ModelServer> {
  const server = await ModelServer.start(new ModelIed(feederModel()), options);
  open.push(server);
  return server;
}

async function connect(
  server: ModelServer,
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

describe('MMS client over real TCP against the scripted model server', () => {
  it('associates, negotiates, identifies, reads and discovers', async () => {
    const server = await serve({ maxOutstanding: 4, maxPduSize: 8000 });
    const tap = new TrafficTap();
    const session = await connect(server, { tap });
    expect(session.connection.negotiated).toMatchObject({ maxPduSize: 8000, maxOutstanding: 4 });
    expect(await session.client.identify()).toEqual({
      vendorName: 'RelayGate',
      modelName: 'feeder-model',
      revision: '1.0',
    });
    const [pos] = await session.client.read(['IED1LD0/XCBR1.Pos.stVal[ST]']);
    expect(pos?.result).toEqual({
      ok: true,
      value: { type: 'bit-string', bitLength: 2, bytes: Uint8Array.of(0x80) },
    });
    const model = await discoverModel(session.client);
    expect(model.leaves).toHaveLength(30);
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
    server.killConnections();
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
    server.update('IED1LD0', 'XCBR1$ST$Pos$stVal', {
      type: 'bit-string',
      bitLength: 2,
      bytes: Uint8Array.of(0x40),
    });
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
    server.update('IED1LD0', 'MMXU1$MX$TotW$mag$f', { type: 'float', value: 99, width: 32 });
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
  it('writes EntryID to resume, or PurgeBuf, while disabled and before RptEna', async () => {
    const server = await serve();
    const session = await connect(server);
    const entryId = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 7);
    const resumed = await ReportSubscription.start(
      session.client,
      session.connection,
      'IED1LD0/LLN0.brcbMeas01[BR]',
      { resumeEntryId: entryId, gi: false },
    );
    await resumed.stop();
    const purged = await ReportSubscription.start(
      session.client,
      session.connection,
      'IED1LD0/LLN0.brcbMeas01',
      { purge: true, gi: false },
    );
    await purged.stop();
    const attrs = server.ied.writes.map((w) => w.name.split('$').pop());
    expect(attrs).toEqual([
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
    expect(server.ied.writes[2]?.value).toEqual({ type: 'octet-string', value: entryId });
  });
});

describe('MMS client over an in-memory link delivered one byte at a time', () => {
  it('associates and reads with every PDU split at every byte', async () => {
    const server = await ModelServer.start(new ModelIed(feederModel()));
    open.push(server);
    const [clientEnd, serverEnd] = createMemoryLinkPair({ chunkSize: 1 });
    server.attach(serverEnd);
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
