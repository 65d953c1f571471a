import fc from 'fast-check';
import ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModbusOutput } from '../outputs';
import { decode, fixturePoints, rawConnect, startFixture, stateOf } from './support/modbus-fixture';

/**
 * A multi-register value changes atomically: while the image is rewritten as fast as the event loop
 * allows, readers (modbus-serial clients reading back to back, and a raw client whose pipelined answers
 * queue up before it reads them) only ever decode values that were written, never half an old and half a
 * new one. Property-based: fast-check picks the values, every register of which differs between them.
 */

const POINTS = fixturePoints().filter((p) => p.modbus.type === 'float32' || p.modbus.type === 'float64');
let output: ModbusOutput;
let port: number;

beforeAll(async () => {
  output = await startFixture(POINTS);
  port = output.server.address().port;
});

afterAll(async () => {
  await output.close();
});

/** Every 16-bit word of the value's big-endian bytes, so that any two values differ in every register. */
function words(value: number, type: string): number[] {
  const b = Buffer.alloc(type === 'float64' ? 8 : 4);
  if (type === 'float64') b.writeDoubleBE(value);
  else b.writeFloatBE(value);
  return Array.from({ length: b.length / 2 }, (_, i) => b.readUInt16BE(i * 2));
}

function differInEveryWord(values: number[], type: string): boolean {
  const all = values.map((v) => words(v, type));
  return all.every((a, i) => all.every((b, j) => i === j || a.every((w, k) => w !== b[k])));
}

async function readAll(client: ModbusRTU, seen: Map<string, number[]>, until: number): Promise<void> {
  while (Date.now() < until) {
    for (const p of POINTS) {
      const count = p.modbus.type === 'float64' ? 4 : 2;
      const r = await client.readHoldingRegisters(p.modbus.address, count);
      seen.get(p.id)?.push(decode(p.modbus.type, p.modbus.wordOrder ?? 'ABCD', r.buffer));
    }
  }
}

/** Pipelines requests for one point without reading, then reads every answer. */
async function pipelined(p: (typeof POINTS)[number], n: number, seen: Map<string, number[]>): Promise<void> {
  const s = await rawConnect(port);
  s.pause();
  const count = p.modbus.type === 'float64' ? 4 : 2;
  const frames = Array.from({ length: n }, (_, i) => Buffer.from([i >> 8, i & 0xff, 0, 0, 0, 6, 1, 3, p.modbus.address >> 8, p.modbus.address & 0xff, 0, count]));
  s.write(Buffer.concat(frames));
  await new Promise((r) => setTimeout(r, 100));
  const size = 9 + count * 2;
  const chunks: Buffer[] = [];
  s.on('data', (d: Buffer) => chunks.push(d));
  s.resume();
  const deadline = Date.now() + 5000;
  while (Buffer.concat(chunks).length < n * size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const all = Buffer.concat(chunks);
  s.destroy();
  for (let i = 0; i < n; i++) seen.get(p.id)?.push(decode(p.modbus.type, p.modbus.wordOrder ?? 'ABCD', all.subarray(i * size + 9, (i + 1) * size)));
}

describe('atomic multi-register values', () => {
  it('a reader never sees a torn float32 or float64, in any word order', async () => {
    const clients = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const c = new ModbusRTU();
        await c.connectTCP('127.0.0.1', { port });
        c.setID(1);
        c.setTimeout(5000);
        return c;
      }),
    );
    const value = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 });
    const setOf = (type: string, v: fc.Arbitrary<number>) =>
      fc.uniqueArray(v, { minLength: 2, maxLength: 5 }).filter((vs) => differInEveryWord(vs, type));
    const valueSets = fc.record({ float32: setOf('float32', value.map(Math.fround)), float64: setOf('float64', value) });
    let distinctSeen = 0;
    await fc.assert(
      fc.asyncProperty(valueSets, async (sets) => {
        const valuesOf = (id: string): number[] => (POINTS.find((p) => p.id === id)?.modbus.type === 'float64' ? sets.float64 : sets.float32);
        const seen = new Map(POINTS.map((p) => [p.id, [] as number[]]));
        const until = Date.now() + 400;
        let updates = 0;
        let writing = true;
        const writer = (async () => {
          while (writing) {
            const i = updates++;
            output.applyBatch({ batch: i, changes: POINTS.map((p) => stateOf(output, p.id, valuesOf(p.id)[i % valuesOf(p.id).length] ?? 0)) });
            await new Promise((r) => setImmediate(r));
          }
        })();
        await Promise.all([...clients.map((c) => readAll(c, seen, until)), pipelined(POINTS[4] ?? POINTS[0]!, 500, seen)]);
        writing = false;
        await writer;
        for (const [id, reads] of seen) {
          const torn = reads.filter((r) => !valuesOf(id).includes(r));
          expect(torn, `${id}: values read that were never written`).toEqual([]);
        }
        distinctSeen = Math.max(distinctSeen, new Set([...seen.values()].flat()).size);
      }),
      { numRuns: 4 },
    );
    // The readers really saw the values change under them (else the property could not fail).
    expect(distinctSeen).toBeGreaterThanOrEqual(2);
    await Promise.all(clients.map((c) => new Promise<void>((resolve) => c.close(() => resolve()))));
  });
});
