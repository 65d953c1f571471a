import { createConnection, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isoStackFor, openIed, type IedSession } from '../client';
import { domainName, encodeConfirmedRequest, type ConfirmedRequest } from '../mms';
import { Random } from '../sim';
import { simHarness } from './support/harness';
import { rawAssociate } from './support/raw-association';
import { sleep, until } from './support/wait';

/*
 * Clients that misbehave must cost their own connection only: the simulator keeps serving the others.
 * Each test keeps a well-behaved association open and reads through it after the abuse.
 */

const { serve, connect, track } = simHarness();

async function stillServes(session: IedSession): Promise<void> {
  const [item] = await session.client.read(['IED1LD0/XCBR1.Pos.stVal[ST]']);
  expect(item?.result.ok).toBe(true);
}

function rawSocket(port: number): Promise<Socket> {
  return new Promise((ok, fail) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => ok(s));
    s.on('error', () => undefined);
    s.once('error', fail);
    track({ close: async () => void s.destroy() });
  });
}

const closed = (s: Socket) => new Promise<void>((ok) => (s.destroyed ? ok() : s.once('close', () => ok())));

describe('bad clients', () => {
  it('garbage bytes close that connection only', async () => {
    const sim = await serve();
    const good = await connect(sim);
    const random = new Random(99);
    for (let i = 0; i < 20; i++) {
      const s = await rawSocket(sim.port);
      const junk = Uint8Array.from({ length: 1 + Math.floor(random.next() * 4000) }, () => Math.floor(random.next() * 256));
      // Half of them start like a TPKT, so the framer takes them further before it gives up.
      if (i % 2 === 0) junk.set([3, 0, 0, 40]);
      s.write(junk);
      s.end();
      await closed(s);
    }
    await stillServes(good);
  });

  it('half-open connections are dropped: the oldest beyond the cap at once, the rest after the association timeout', async () => {
    const sim = await serve({ server: { associateTimeoutMs: 1500, maxPendingConnections: 8 } });
    const good = await connect(sim);
    const sockets = await Promise.all(Array.from({ length: 20 }, () => rawSocket(sim.port)));
    sockets[5]?.write(Uint8Array.of(3, 0, 0, 22)); // a TPKT header and nothing more
    await until(() => sockets.filter((s) => s.destroyed || s.readableEnded).length >= 12);
    // A new client still gets in while half-open connections are pending.
    const late = await connect(sim);
    await stillServes(late);
    await Promise.all(sockets.map(closed));
    await stillServes(good);
  });

  it('a PDU over the negotiated size, an unknown service or PDU and a malformed body get a Reject, and the association goes on', async () => {
    const sim = await serve();
    const good = await connect(sim);
    const raw = await rawAssociate(sim.port, 1000);
    const read = (n: number): ConfirmedRequest => ({
      service: 'read',
      access: { kind: 'list', variables: Array.from({ length: n }, () => domainName('IED1LD0', 'XCBR1$ST$Pos$stVal')) },
    });
    raw.send(encodeConfirmedRequest(7, read(60)));
    expect(await raw.next()).toMatchObject({ kind: 'reject', invokeId: 7, reason: { name: 'pdu-error/invalid-pdu' } });
    // Confirmed-RequestPDU #5 asking for status [0], a service this server does not offer.
    raw.send(Uint8Array.of(0xa0, 0x05, 0x02, 0x01, 0x05, 0x80, 0x00));
    expect(await raw.next()).toMatchObject({ kind: 'reject', invokeId: 5, reason: { name: 'confirmed-requestPDU/unrecognized-service' } });
    // Confirmed-RequestPDU #6, a Read whose body is a NULL.
    raw.send(Uint8Array.of(0xa0, 0x07, 0x02, 0x01, 0x06, 0xa4, 0x02, 0x05, 0x00));
    expect(await raw.next()).toMatchObject({ kind: 'reject', invokeId: 6, reason: { name: 'confirmed-requestPDU/invalid-argument' } });
    // An MMS PDU alternative [30] that does not exist.
    raw.send(Uint8Array.of(0xbe, 0x00));
    expect(await raw.next()).toMatchObject({ kind: 'reject', reason: { name: 'pdu-error/unknown-pdu-type' } });
    raw.send(encodeConfirmedRequest(8, read(2)));
    expect(await raw.next()).toMatchObject({ kind: 'confirmed-response', invokeId: 8 });
    raw.socket.destroy();
    await stillServes(good);
  });

  it('200 connections at once: up to --max-clients are served, the rest refused cleanly, others unaffected', async () => {
    const sim = await serve({ maxClients: 50, server: { maxPendingConnections: 250 } });
    const good = await connect(sim);
    const attempts = await Promise.allSettled(
      Array.from({ length: 200 }, () => openIed({ host: '127.0.0.1', port: sim.port, requestTimeoutMs: 20_000, connectTimeoutMs: 20_000 }, isoStackFor)),
    );
    const sessions = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    for (const s of sessions) track(s);
    const refusals = attempts.flatMap((a) => (a.status === 'rejected' ? [(a.reason as { code?: string }).code] : []));
    expect(sessions.length).toBe(49);
    expect(new Set(refusals)).toEqual(new Set(['association-rejected']));
    await Promise.all(sessions.map((s) => s.client.read(['IED1LD0/MMXU1.TotW.mag.f[MX]'])));
    await stillServes(good);
  }, 60_000);

  it('200 associations at once are all served when the limit allows', async () => {
    const sim = await serve({ maxClients: 250, server: { maxPendingConnections: 250 } });
    const sessions = await Promise.all(
      Array.from({ length: 200 }, () => openIed({ host: '127.0.0.1', port: sim.port, requestTimeoutMs: 20_000, connectTimeoutMs: 20_000 }, isoStackFor)),
    );
    for (const s of sessions) track(s);
    const values = await Promise.all(sessions.map((s) => s.client.readValue('IED1LD0/MMXU1.TotW.mag.f[MX]')));
    expect(values.every((v) => v.type === 'float' && v.value === 1234.5)).toBe(true);
    expect(sim.server.clientCount).toBe(200);
  }, 60_000);

  it('a client that stops reading is aborted once too much waits for it; the others go on', async () => {
    const sim = await serve({ server: { maxBufferedBytes: 64 * 1024 } });
    const good = await connect(sim);
    const raw = await rawAssociate(sim.port);
    raw.socket.pause();
    const big: ConfirmedRequest = { service: 'read', access: { kind: 'list', variables: [domainName('IED1LD0', 'LLN0')] } };
    // The requests are answered into a socket nobody reads: the server's queue to it grows.
    for (let i = 0; i < 4000 && sim.server.associations.size > 1; i++) {
      raw.send(encodeConfirmedRequest(i + 1, big));
      if (i % 50 === 0) await sleep(1);
    }
    await until(() => sim.server.associations.size === 1, 10_000);
    raw.socket.destroy();
    await stillServes(good);
  }, 30_000);
});
