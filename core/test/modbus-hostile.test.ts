import type { Socket } from 'node:net';
import ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModbusTcpServer, RegisterImage, registerMapOf, serveFrame, type ModbusOutput, type Responder } from '../outputs';
import { closedWithin, decode, fixtureProject, fixturePoints, rawConnect, startModbusOutputWith } from './support/modbus-fixture';

/**
 * Hostile and misbehaving clients against the Modbus server over 127.0.0.1. Each closes (or throttles)
 * only its own connection, while a well-behaved modbus-serial client keeps reading the whole time.
 */

const LIMITS = { frameTimeoutMs: 300, stalledTimeoutMs: 1500, maxBufferedBytes: 16 * 1024 };
const POINTS = fixturePoints();
const EXPECTED = Math.fround(-1234.5677490234375);

let output: ModbusOutput;
let port: number;

/** A client polling holding 0-1 back to back; every answer is checked. */
class Poller {
  reads = 0;
  failures: string[] = [];
  private stopped = false;
  private readonly done: Promise<void>;
  private readonly client = new ModbusRTU();

  constructor() {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    await this.client.connectTCP('127.0.0.1', { port });
    this.client.setID(1);
    this.client.setTimeout(5000);
    while (!this.stopped) {
      try {
        const r = await this.client.readHoldingRegisters(0, 2);
        if (decode('float32', 'ABCD', r.buffer) === EXPECTED) this.reads++;
        else this.failures.push(`read ${r.buffer.toString('hex')}`);
      } catch (err) {
        this.failures.push(String(err));
      }
    }
    await new Promise<void>((resolve) => this.client.close(() => resolve()));
  }

  /** Resolves once `n` more reads have succeeded. */
  async readsMore(n: number): Promise<void> {
    const target = this.reads + n;
    const deadline = Date.now() + 10_000;
    while (this.reads < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(this.failures).toEqual([]);
    expect(this.reads).toBeGreaterThanOrEqual(target);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}

/** One FC03 request for holding 0, `count` registers. */
function fc03(tid: number, count = 2): Buffer {
  return Buffer.from([tid >> 8, tid & 0xff, 0, 0, 0, 6, 1, 3, 0, 0, 0, count]);
}

let poller: Poller;

beforeAll(async () => {
  // fillGaps: 125-register reads from 0 get whole answers (259 octets), not exceptions.
  output = await startModbusOutputWith(POINTS, { maxConnections: 20, fillGaps: true }, LIMITS);
  port = output.server.address().port;
  poller = new Poller();
  await poller.readsMore(5);
});

afterAll(async () => {
  await poller.stop();
  expect(poller.failures).toEqual([]);
  await output.close();
});

describe('malformed frames close only their own connection', () => {
  it.each([
    ['length 0', '0001 0000 0000 01'],
    ['length 1', '0001 0000 0001 01'],
    ['length 65535', '0001 0000 ffff 01 03 0000 0002'],
    ['length 255 (ADU over 260 octets)', '0001 0000 00ff 01 03'],
    ['protocol id 1', '0001 0001 0006 01 03 0000 0002'],
  ])('%s', async (_, hex) => {
    const malformed = output.stats().closedMalformed;
    const s = await rawConnect(port);
    s.write(Buffer.from(hex.replace(/ /g, ''), 'hex'));
    expect(await closedWithin(s, 3000)).toBe(true);
    expect(output.stats().closedMalformed).toBe(malformed + 1);
    await poller.readsMore(5);
  });

  it('closes a truncated MBAP header when the client goes quiet, and when it closes its side', async () => {
    const quiet = await rawConnect(port);
    quiet.write(Buffer.from('000100', 'hex'));
    expect(await closedWithin(quiet, 3000)).toBe(true);
    const halfClosed = await rawConnect(port);
    halfClosed.end(Buffer.from('0001000000', 'hex'));
    expect(await closedWithin(halfClosed, 3000)).toBe(true);
    await poller.readsMore(5);
  });

  it('answers a frame split at every byte, then the next one in the same chunk', async () => {
    const s = await rawConnect(port);
    const answers: Buffer[] = [];
    s.on('data', (d: Buffer) => answers.push(d));
    const two = Buffer.concat([fc03(7), fc03(8)]);
    for (const byte of two) {
      s.write(Buffer.from([byte]));
      await new Promise((r) => setTimeout(r, 2));
    }
    const deadline = Date.now() + 3000;
    while (Buffer.concat(answers).length < 26 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const all = Buffer.concat(answers);
    expect(all.length).toBe(26);
    expect(all.readUInt16BE(0)).toBe(7);
    expect(all.readUInt16BE(13)).toBe(8);
    expect(decode('float32', 'ABCD', all.subarray(9, 13))).toBe(EXPECTED);
    s.destroy();
  });
});

/** Collects what a raw socket receives until `bytes` octets have come (or 3 s). */
async function receive(s: Socket, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  s.on('data', (d: Buffer) => chunks.push(d));
  const deadline = Date.now() + 3000;
  while (Buffer.concat(chunks).length < bytes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return Buffer.concat(chunks);
}

describe('frames jsmodbus cannot decode', () => {
  it('are answered with the right exception, in order, on a connection that stays open', async () => {
    const s = await rawConnect(port);
    const frames = ['0001 0000 0006 01 03 0000 07d1', '0002 0000 0004 01 03 0000', '0003 0000 0002 01 07', '0004 0000 0002 01 81', '0005 0000 0008 01 03 0000 0002 ffff'];
    s.write(Buffer.concat([...frames.map((hex) => Buffer.from(hex.replace(/ /g, ''), 'hex')), fc03(6)]));
    const all = await receive(s, 5 * 9 + 13);
    expect(all.subarray(0, 45).toString('hex')).toBe(['000100000003018303', '000200000003018303', '000300000003018701', '000400000003018101', '000500000003018303'].join(''));
    expect(all.readUInt16BE(45)).toBe(6);
    expect(decode('float32', 'ABCD', all.subarray(54, 58))).toBe(EXPECTED);
    expect(await closedWithin(s, 300)).toBe(false);
    s.destroy();
    await poller.readsMore(5);
  });

  it('a responder that throws on a frame closes that connection only, naming the frame and the error', async () => {
    const image = new RegisterImage(registerMapOf(fixtureProject(POINTS).points));
    const throwsOn41: Responder = (img, buf, at, length, options) => {
      if (buf[at + 7] === 0x41) throw new Error('decoder bug');
      return serveFrame(img, buf, at, length, options);
    };
    const settings = { bind: '127.0.0.1', port: 0, unitId: 1, checkUnitId: true, maxConnections: 4, fillGaps: true, allowList: [] };
    const server = await ModbusTcpServer.listen(image, settings, {}, throwsOn41);
    const reasons: string[] = [];
    server.on('malformed', ({ reason }) => reasons.push(reason));
    const good = await rawConnect(server.address().port);
    const bad = await rawConnect(server.address().port);
    bad.write(Buffer.concat([Buffer.from('000100000002' + '0141', 'hex'), fc03(2)]));
    expect(await closedWithin(bad, 3000)).toBe(true);
    expect(reasons).toEqual(['cannot answer 00 01 00 00 00 02 01 41: decoder bug']);
    expect(server.stats().closedMalformed).toBe(1);
    good.write(fc03(3));
    expect((await receive(good, 13)).readUInt16BE(0)).toBe(3);
    good.destroy();
    await server.close();
  });
});

describe('connection floods and clients that do not read', () => {
  it('refuses connections past the limit while the others keep reading', async () => {
    const before = output.stats();
    const sockets = await Promise.all(Array.from({ length: 500 }, () => rawConnect(port).catch(() => null)));
    const open = sockets.filter((s): s is Socket => s !== null);
    const closed = await Promise.all(open.map((s) => closedWithin(s, 2000)));
    // 20 slots, one taken by the poller.
    expect(closed.filter((c) => !c).length).toBe(19);
    expect(output.stats().refusedLimit - before.refusedLimit).toBe(500 - 19);
    await poller.readsMore(20);
    for (const s of open) s.destroy();
    const deadline = Date.now() + 5000;
    while (output.stats().connections > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(output.stats().connections).toBe(1);
  });

  it('stops reading a client that never reads its answers, bounds what it queues, then drops it', async () => {
    const s = await rawConnect(port);
    s.pause(); // never read
    const n = 200_000;
    // 2.4 MB of requests for 52 MB of answers: more than the kernel's socket buffers can hold.
    s.write(Buffer.concat(Array.from({ length: n }, (_, i) => fc03(i & 0xffff, 125))));
    let stalled = output.clients().find((c) => c.stalled);
    const deadline = Date.now() + 5000;
    while (stalled === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      stalled = output.clients().find((c) => c.stalled);
    }
    expect(stalled).toBeDefined();
    expect(stalled?.queuedBytes).toBeLessThanOrEqual(LIMITS.maxBufferedBytes + 260);
    expect(stalled?.requests).toBeLessThan(n);
    await poller.readsMore(20);
    // The server drops it (the paused test socket would only notice on its next read).
    const gone = Date.now() + LIMITS.stalledTimeoutMs + 5000;
    while (output.clients().some((c) => c.id === stalled?.id) && Date.now() < gone) await new Promise((r) => setTimeout(r, 20));
    expect(output.clients().map((c) => c.id)).not.toContain(stalled?.id);
    s.destroy();
    await poller.readsMore(5);
  });

  it('resumes a client that was slow to read, and answers everything it asked, in order', async () => {
    const s = await rawConnect(port);
    s.pause();
    const n = 3000;
    s.write(Buffer.concat(Array.from({ length: n }, (_, i) => fc03(i, 125))));
    await new Promise((r) => setTimeout(r, 300));
    const chunks: Buffer[] = [];
    s.on('data', (d: Buffer) => chunks.push(d));
    s.resume();
    const size = 9 + 250;
    const deadline = Date.now() + 10_000;
    while (Buffer.concat(chunks).length < n * size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const all = Buffer.concat(chunks);
    expect(all.length).toBe(n * size);
    for (let i = 0; i < n; i++) expect(all.readUInt16BE(i * size)).toBe(i);
    s.destroy();
  });
});

describe('allow-list', () => {
  it('refuses a client not on the list and accepts one in an allowed subnet', async () => {
    const image = new RegisterImage(registerMapOf(fixtureProject(POINTS).points));
    const settings = { bind: '127.0.0.1', port: 0, unitId: 1, checkUnitId: true, maxConnections: 4, fillGaps: false };
    const strict = await ModbusTcpServer.listen(image, { ...settings, allowList: ['10.9.8.7', '192.168.0.0/16'] });
    const refused = await rawConnect(strict.address().port);
    expect(await closedWithin(refused, 2000)).toBe(true);
    expect(strict.stats().refusedNotAllowed).toBe(1);
    await strict.close();
    const open = await ModbusTcpServer.listen(image, { ...settings, allowList: ['127.0.0.0/8'] });
    const accepted = await rawConnect(open.address().port);
    accepted.write(fc03(1));
    const answer = await new Promise<Buffer>((resolve) => accepted.once('data', resolve));
    expect(answer.readUInt8(7)).toBe(3);
    accepted.destroy();
    await open.close();
  });

  it('refuses to start with an entry that is not an address or subnet', async () => {
    const image = new RegisterImage(registerMapOf([]));
    await expect(
      ModbusTcpServer.listen(image, { bind: '127.0.0.1', port: 0, unitId: 1, checkUnitId: true, maxConnections: 4, fillGaps: false, allowList: ['plc.local'] }),
    ).rejects.toThrow("modbus.allowList: 'plc.local' is not an IP address or subnet");
  });
});
