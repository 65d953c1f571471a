import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IedClient, discoverModel, mmsVariableOf } from '../client';
import type { MmsTypeSpec, MmsValue } from '../mms';
import type { Simulator } from '../sim';
import { directRequester } from './support/direct-requester';
import { startTestIed } from './support/test-ied';

/*
 * Array elements end to end through the MMS codec (B1/B2 of the libiec61850 interop sweep): an array of
 * CMV like complex_array's MHAI1.HA.phsAHar, its elements read with alternate access, and data set
 * members that name elements come back in 7-2 notation. The test model's IED1ARR has four elements.
 */

const D = 'IED1ARR';
const float: MmsTypeSpec = { type: 'float', formatWidth: 32, exponentWidth: 8 };
const analogue: MmsTypeSpec = { type: 'structure', packed: false, components: [{ name: 'f', spec: float }] };
const vector: MmsTypeSpec = {
  type: 'structure',
  packed: false,
  components: [
    { name: 'mag', spec: analogue },
    { name: 'ang', spec: analogue },
  ],
};
const cmv: MmsTypeSpec = {
  type: 'structure',
  packed: false,
  components: [
    { name: 'cVal', spec: vector },
    { name: 'q', spec: { type: 'bit-string', size: -13 } },
    { name: 't', spec: { type: 'utc-time' } },
  ],
};

const f = (v: number): MmsValue => ({ type: 'structure', members: [{ type: 'float', value: Math.fround(v), width: 32 }] });

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestIed();
  for (let i = 0; i < 4; i++) {
    sim.set(`${D}/MHAI1.HA.phsAHar(${i}).cVal.mag.f[MX]`, { value: 100 + i, time: 1_000_000 + i });
    sim.set(`${D}/MHAI1.HA.phsAHar(${i}).cVal.ang.f[MX]`, { value: i });
  }
});
afterAll(async () => {
  await sim.stop();
});

function element(i: number): MmsValue {
  const v = sim.get(`${D}/MHAI1.HA.phsAHar(${i})[MX]`);
  return v;
}

describe('array elements', () => {
  it('reads elements and components inside them with alternate access, one request', async () => {
    const requester = directRequester(sim.model);
    const items = await new IedClient(requester).read([
      `${D}/MHAI1.HA.phsAHar(2)[MX]`,
      `${D}/MHAI1.HA.phsAHar(3).cVal.mag.f[MX]`,
      `${D}/MHAI1.HA.phsAHar(9)[MX]`,
      `${D}/MHAI1.HA.phsAHar[MX]`,
    ]);
    expect(requester.count).toBe(1);
    const two = element(2);
    expect(two.type === 'structure' ? two.members[0] : undefined).toEqual({ type: 'structure', members: [f(102), f(2)] });
    expect(items.map((i) => i.result)).toEqual([
      { ok: true, value: two },
      { ok: true, value: { type: 'float', value: 103, width: 32 } },
      { ok: false, error: { code: 10, name: 'object-non-existent' } },
      { ok: true, value: { type: 'array', elements: [0, 1, 2, 3].map(element) } },
    ]);
    expect(items[1]?.name).toEqual({
      scope: 'domain',
      domain: D,
      item: 'MHAI1$MX$HA$phsAHar',
      alternateAccess: [
        { kind: 'index', index: 3 },
        { kind: 'component', name: 'cVal' },
        { kind: 'component', name: 'mag' },
        { kind: 'component', name: 'f' },
      ],
    });
  });

  it("gives an element's type from the array's, and refuses an index past the end", async () => {
    const client = new IedClient(directRequester(sim.model));
    expect(await client.typeOf(mmsVariableOf(`${D}/MHAI1.HA.phsAHar(1).cVal[MX]`).name)).toEqual(vector);
    expect(await client.typeOf(mmsVariableOf(`${D}/MHAI1.HA.phsAHar(0)[MX]`).name)).toEqual(cmv);
    await expect(client.typeOf(mmsVariableOf(`${D}/MHAI1.HA.phsAHar(4)[MX]`).name)).rejects.toMatchObject({
      code: 'object-non-existent',
      message: expect.stringContaining('has no (4)'),
    });
  });

  it('names data set members inside arrays in 7-2 notation', async () => {
    const found = await discoverModel(new IedClient(directRequester(sim.model)));
    expect(found.dataSets.find((d) => d.ref.startsWith(D))).toEqual({
      ref: `${D}/LLN0.TestMHAI`,
      members: [
        { ref: `${D}/MHAI1.HA.phsAHar(1)`, fc: 'MX' },
        { ref: `${D}/MHAI1.HA.phsAHar(3).cVal.mag`, fc: 'MX' },
        { ref: `${D}/MHAI1.HA`, fc: 'MX' },
      ],
    });
  });
});
