import { afterEach, describe, expect, it } from 'vitest';
import { ClientError, isoStackFor, openIed, type IedSession } from '../client';
import { encodeInformationReport, type AccessResult } from '../mms';
import { HostilePeer, type PeerScript } from './support/hostile-peer';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
});

async function peer(script: PeerScript): Promise<HostilePeer> {
  const p = await HostilePeer.start(script);
  open.push(p);
  return p;
}

async function connect(p: HostilePeer, requestTimeoutMs = 5000): Promise<IedSession> {
  const [host = '', port = ''] = p.address.split(':');
  const session = await openIed({ host, port: Number(port), requestTimeoutMs }, isoStackFor);
  open.push({ close: async () => session.connection.abort() });
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
  return encodeInformationReport({ access: { kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } }, results });
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
