import { afterEach, describe, expect, it } from 'vitest';
import {
  ClientError,
  LimitError,
  ReportSubscription,
  TrafficTap,
  discoverModel,
  isoStackFor,
  openIed,
  type IedSession,
  type NameListLimits,
  type UndecodableReport,
} from '../client';
import type { Report } from '../iec61850';
import { encodeInformationReport, serviceErrorByName, type AccessResult, type MmsTypeSpec } from '../mms';
import { hostilePeers, type HostilePeer, type PeerScript } from './support/hostile-peer';
import { namesScript } from './support/hostile-names';
import { RCB, rcbReport, rcbScript } from './support/hostile-rcb';

const { peer, defer } = hostilePeers(afterEach);

async function connect(
  p: HostilePeer,
  requestTimeoutMs = 5000,
  nameLists: Partial<NameListLimits> = {},
): Promise<IedSession> {
  const [host = '', port = ''] = p.address.split(':');
  const session = await openIed({ host, port: Number(port), requestTimeoutMs, nameLists }, isoStackFor);
  defer({ close: async () => session.connection.abort() });
  return session;
}

/** A valid unsegmented IEC 61850 report of four floats. */
function floatReport(): Uint8Array {
  const results: AccessResult[] = [
    { ok: true, value: { type: 'visible-string', value: 'RPT1' } },
    { ok: true, value: { type: 'bit-string', bitLength: 10, bytes: Uint8Array.of(0, 0) } },
    { ok: true, value: { type: 'bit-string', bitLength: 4, bytes: Uint8Array.of(0xf0) } },
  ];
  for (let i = 0; i < 4; i++) results.push({ ok: true, value: { type: 'float', value: i, width: 32 } });
  return encodeInformationReport({
    access: { kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } },
    results,
  });
}

/** Burns this much CPU, as a consumer that formats and prints each report does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('an MMS client facing a flood of valid reports', () => {
  it('fires a request timeout on time, pausing the socket instead of buffering, with bounded memory', async () => {
    const report = floatReport();
    const p = await peer({
      reply: () => 'silent',
      onAssociated: (s) => void s.flood(() => report),
    });
    const session = await connect(p, 2000);
    let reports = 0;
    session.connection.on('report', () => {
      reports++;
      busy(0.1);
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = await session.client.identify().then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('timeout');
    // Before the inbound work was sliced, one poll phase handled ~2 MB of reports and this fired after
    // 3.5-7 s. The margin is for a loaded machine.
    expect(elapsed).toBeGreaterThanOrEqual(1990);
    expect(elapsed).toBeLessThan(3200);
    const counters = session.connection.counters;
    expect(reports).toBeGreaterThan(1000);
    expect(counters.reports).toBeGreaterThanOrEqual(reports); // a few came before the listener
    expect(counters.inboundYields).toBeGreaterThan(0);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
});

const heapGrowth = (before: number): number => process.memoryUsage().heapUsed - before;

describe('name lists that never end', () => {
  it('stop at maxNamesPerList with an error naming the limit, the peer and what was seen', async () => {
    // Every page is new names that are not LNs (LLN0$ST$…), and more always follow.
    const p = await peer(
      namesScript((k) => ({
        names: Array.from({ length: 500 }, (_, i) => `LLN0$ST$P${k}x${i}`),
        more: true,
      })),
    );
    const session = await connect(p);
    const before = process.memoryUsage().heapUsed;
    const err = await discoverModel(session.client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).message).toBe(
      `${p.address}: GetNameList namedVariable of LD0, page 401: 200500 names pass the limit maxNamesPerList (200000)`,
    );
    expect(p.requests).toBe(1 + 401); // the LD list and 401 pages
    expect(heapGrowth(before)).toBeLessThan(96 * 1024 * 1024);
    expect(session.client.counters).toMatchObject({ names: 1 + 200_500 });
  });

  it('stop at maxNameBytesPerList when one long name per page fills it', async () => {
    const p = await peer(namesScript((k) => ({ names: [`LLN0$ST$${'x'.repeat(20_000)}${k}`], more: true })));
    const session = await connect(p);
    const err = await session.client.nameList('namedVariable', 'LD0').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect((err as LimitError).limit).toBe('maxNameBytesPerList');
    expect((err as LimitError).message).toMatch(
      new RegExp(
        `^${p.address}: GetNameList namedVariable of LD0, page 420: 84\\d{5} octets of names pass the limit maxNameBytesPerList \\(8388608\\)$`,
      ),
    );
  });

  it('count every list of a domain and of the association against their budgets', async () => {
    const page = () => ({ names: Array.from({ length: 100 }, (_, i) => `LLN0$ST$N${i}`), more: false });
    const p = await peer(namesScript(page, undefined, page));
    const session = await connect(p, 5000, { maxNamesPerDomain: 250, maxNamesPerAssociation: 1000 });
    await session.client.nameList('namedVariable', 'LD0');
    await session.client.nameList('namedVariableList', 'LD0');
    const err = await session.client.nameList('namedVariable', 'LD0').catch((e: unknown) => e);
    expect((err as LimitError).message).toBe(
      `${p.address}: GetNameList namedVariable of LD0, page 1: 300 names of LD0 pass the limit maxNamesPerDomain (250)`,
    );
    for (let i = 0; i < 7; i++)
      await session.client.nameList('namedVariable', `LD${i + 1}`).catch(() => undefined);
    const last = await session.client.nameList('namedVariable', 'LD9').catch((e: unknown) => e);
    expect((last as LimitError).limit).toBe('maxNamesPerAssociation');
  });
});

describe('discovery that fans out', () => {
  const lns = (n: number) => Array.from({ length: n }, (_, i) => `LN${i}`);

  it('asks once per missing LN, not once per FC, and keeps at most maxWarnings warnings', async () => {
    // 9000 LNs in two pages; every type query is refused: the LN does not exist.
    const all = lns(9000);
    const p = await peer(
      namesScript((k) => ({ names: k === 1 ? all.slice(0, 5000) : all.slice(5000), more: k === 1 })),
    );
    const session = await connect(p);
    const before = process.memoryUsage().heapUsed;
    const model = await discoverModel(session.client);
    // LD list, 2 pages, 9000 type queries, the data set list: not 9000 × 21 FCs.
    expect(p.requests).toBe(1 + 2 + 9000 + 1);
    expect(model.counters).toMatchObject({ requests: 9004, logicalNodes: 9000, warningsDropped: 8000 });
    expect(model.warnings).toHaveLength(1001);
    expect(model.warnings[0]).toMatch(
      /^LD0\/LN0: no type description \(client\/object-non-existent: invoke id \d+: the server answered access\/object-non-existent\)$/,
    );
    expect(model.warnings[1000]).toBe('8000 more warnings not kept (limit maxWarnings 1000)');
    expect(heapGrowth(before)).toBeLessThan(96 * 1024 * 1024);
  });

  it('ends at maxLogicalNodes, maxRequests, maxTypeNodes and maxDataSetMembers with errors naming them', async () => {
    const refuse = { error: serviceErrorByName('resource/capability-unavailable') };
    // LN$ST, LN$MX, LN$CF shown by the name list, each refused: a fan-out of 3 per LN.
    const withFcs = (k: number) => ({
      names: lns(400).flatMap((ln) => (k === 1 ? [ln, `${ln}$ST`, `${ln}$MX`, `${ln}$CF`] : [])),
      more: false,
    });
    const big: MmsTypeSpec = {
      type: 'structure',
      packed: false,
      components: [
        {
          name: 'ST',
          spec: {
            type: 'structure',
            packed: false,
            components: Array.from({ length: 2000 }, (_, i) => ({
              name: `D${i}`,
              spec: { type: 'boolean' },
            })),
          },
        },
      ],
    };
    const cases: { limit: string; script: PeerScript; limits: Record<string, number>; seen: RegExp }[] = [
      {
        limit: 'maxLogicalNodes',
        script: namesScript(() => ({ names: lns(3000), more: false })),
        limits: { maxLogicalNodes: 2500 },
        seen: /: 3000 logical nodes pass/,
      },
      {
        limit: 'maxRequests',
        script: namesScript(withFcs, () => refuse),
        limits: { maxRequests: 500 },
        seen: /: 501 requests pass/,
      },
      {
        limit: 'maxTypeNodes',
        script: namesScript(
          () => ({ names: lns(100), more: false }),
          () => ({ service: 'getVariableAccessAttributes', mmsDeletable: false, typeSpec: big }),
        ),
        limits: { maxTypeNodes: 50_000 },
        seen: /: 5\d{4} type description components pass/,
      },
      {
        limit: 'maxDataSetMembers',
        script: namesScript(
          () => ({ names: [], more: false }),
          () => ({
            service: 'getNamedVariableListAttributes',
            mmsDeletable: false,
            variables: Array.from({ length: 1000 }, (_, i) => ({
              scope: 'domain' as const,
              domain: 'LD0',
              item: `LLN0$ST$M${i}`,
            })),
          }),
          () => ({ names: Array.from({ length: 50 }, (_, i) => `LLN0$DS${i}`), more: false }),
        ),
        limits: { maxDataSetMembers: 20_000 },
        seen: /: 21000 data set members pass/,
      },
    ];
    for (const c of cases) {
      const p = await peer(c.script);
      const session = await connect(p);
      const err = await discoverModel(session.client, { limits: c.limits }).catch((e: unknown) => e);
      expect(err, c.limit).toBeInstanceOf(LimitError);
      expect((err as LimitError).message).toMatch(
        new RegExp(`^${p.address}: discovery${c.seen.source} the limit ${c.limit} \\(\\d+\\)$`),
      );
      // Once a limit is passed, what was queued is cancelled rather than sent.
      await new Promise((r) => setTimeout(r, 100));
      const sent = p.requests;
      await new Promise((r) => setTimeout(r, 200));
      expect(p.requests, c.limit).toBe(sent);
    }
  });
});

describe('a PDU larger than the association allows', () => {
  it('ends the association with an error naming the sizes, failing the request at once instead of at its timeout', async () => {
    const names = Array.from({ length: 8000 }, (_, i) => `LN${i}$ST`);
    const p = await peer({
      reply: () => ({ service: 'getNameList', identifiers: names, moreFollows: false }),
    });
    const session = await connect(p, 20_000);
    const started = performance.now();
    const err = await session.client.nameList('namedVariable', 'LD0').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('protocol-error');
    expect((err as ClientError).message).toMatch(
      new RegExp(`^${p.address}: reassembled SDU would be \\d+ bytes, more than the 69096 allowed$`),
    );
    expect(session.connection.closed).toBe(true);
  });
});

describe('reports that cannot be decoded', () => {
  it('are counted on the connection and the subscription, and kept in the traffic tap with their reason', async () => {
    const members = 4;
    const p = await peer(
      rcbScript(members, (s) =>
        setTimeout(() => {
          s.send(rcbReport(members, 2, [0], undefined, 3)); // 3 inclusion bits for a data set of 4
          s.send(Uint8Array.of(0xa3, 0x03, 0xa0, 0x01, 0xff)); // a report holding one truncated TLV
          s.send(rcbReport(members, 3, [3]));
        }, 50),
      ),
    );
    const tap = new TrafficTap();
    const [host = '', port = ''] = p.address.split(':');
    const session = await openIed({ host, port: Number(port), tap }, isoStackFor);
    defer({ close: async () => session.connection.abort() });
    const seen: UndecodableReport[] = [];
    session.connection.on('undecodable-report', (u) => seen.push(u));
    const good = new Promise<Report>((resolve) => {
      void ReportSubscription.start(session.client, session.connection, RCB.ref, { onReport: resolve });
    });
    expect((await good).seqNum).toBe(3);
    expect(seen.map((u) => u.reason)).toEqual([
      'iec61850/bad-report: report Inclusion (item 3): 3 bits for a data set of 4 members',
      'asn1/truncated at offset 4: the tag number runs past the end of the data',
    ]);
    expect(session.connection.counters).toMatchObject({
      reports: 2,
      undecodablePdus: 1,
      undecodableReports: 2,
    });
    const kept = tap.since().filter((r) => r.problem !== undefined);
    expect(kept.map((r) => [r.direction, r.problem])).toEqual(seen.map((u) => ['received', u.reason]));
    expect(kept[0]?.summary).toMatch(/^information-report list RPT/);
    expect(kept[1]?.summary).toBe(`undecodable PDU: ${seen[1]?.reason}`);
    expect(kept[1]?.bytes).toEqual(Uint8Array.of(0xa3, 0x03, 0xa0, 0x01, 0xff));
    expect(seen[0]?.record).toBe(kept[0]);
  });
});
