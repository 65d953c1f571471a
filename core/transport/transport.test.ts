import { afterEach, describe, expect, it } from 'vitest';
import { RelayGateError } from '../shared';
import { createMemoryLinkPair, connectTcp, TcpListener, type ByteLink, type LinkCloseReason, type TcpLink } from './index';

function collect(link: ByteLink): { bytes: number[]; chunks: number; closed: Promise<LinkCloseReason> } {
  const state = { bytes: [] as number[], chunks: 0, closed: new Promise<LinkCloseReason>((ok) => link.on('close', ok)) };
  link.on('data', (d) => {
    state.chunks++;
    state.bytes.push(...d);
  });
  return state;
}

describe('in-memory link pair', () => {
  it('delivers bytes asynchronously, split into the configured chunk size', async () => {
    const [a, b] = createMemoryLinkPair({ chunkSize: 1 });
    const got = collect(b);
    a.write(new Uint8Array([1, 2, 3]));
    expect(got.bytes).toEqual([]); // not synchronous
    await Promise.resolve();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(got.bytes).toEqual([1, 2, 3]);
    expect(got.chunks).toBe(3);
    expect(a.written.map((w) => Array.from(w))).toEqual([[1, 2, 3]]);
  });

  it('delivers written data before the close, and reports close once on each end', async () => {
    const [a, b] = createMemoryLinkPair();
    const atB = collect(b);
    const atA = collect(a);
    a.write(new Uint8Array([9]));
    a.close();
    a.close();
    expect(await atA.closed).toEqual({ kind: 'local' });
    expect(await atB.closed).toEqual({ kind: 'peer-closed' });
    expect(atB.bytes).toEqual([9]);
    a.write(new Uint8Array([10])); // after close: dropped, no throw
    await new Promise((ok) => setTimeout(ok, 0));
    expect(atB.bytes).toEqual([9]);
  });
});

describe('TCP link on 127.0.0.1', () => {
  let listener: TcpListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  it('connects, exchanges bytes both ways, and closes cleanly', async () => {
    listener = await TcpListener.listen(0);
    const accepted = new Promise<TcpLink>((ok) => listener!.on('connection', ok));
    const client = await connectTcp({ host: '127.0.0.1', port: listener.port });
    const server = await accepted;
    const atServer = collect(server);
    const atClient = collect(client);
    client.write(new Uint8Array([0x03, 0x00, 0x00, 0x04]));
    server.on('data', (d) => server.write(d.map((x) => x + 1)));
    await expect.poll(() => atClient.bytes).toEqual([4, 1, 1, 5]);
    expect(atServer.bytes).toEqual([3, 0, 0, 4]);
    expect(client.remote).toBe(`127.0.0.1:${listener.port}`);
    // Each end's local address is what the other end sees as remote (an IED's Owner of our RCBs).
    expect(client.local).toBe(server.remote);
    expect(server.local).toBe(client.remote);
    client.close();
    expect(await atClient.closed).toEqual({ kind: 'local' });
    expect(await atServer.closed).toEqual({ kind: 'peer-closed' });
  });

  it('rejects with connection-refused when nothing listens', async () => {
    const probe = await TcpListener.listen(0);
    const port = probe.port;
    await probe.close();
    const err = await connectTcp({ host: '127.0.0.1', port }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RelayGateError);
    expect((err as RelayGateError).code).toBe('connection-refused');
    expect((err as RelayGateError).message).toContain(`127.0.0.1:${port}`);
  });

  it('reports a peer that vanishes as peer-closed', async () => {
    listener = await TcpListener.listen(0);
    const accepted = new Promise<TcpLink>((ok) => listener!.on('connection', ok));
    const client = await connectTcp({ host: '127.0.0.1', port: listener.port });
    const atClient = collect(client);
    (await accepted).destroy();
    const reason = await atClient.closed;
    expect(['peer-closed', 'error']).toContain(reason.kind);
    expect(client.closed).toBe(true);
  });
});
