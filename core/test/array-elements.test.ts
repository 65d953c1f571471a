import { describe, expect, it } from 'vitest';
import { IedClient, discoverModel, mmsVariableOf } from '../client';
import type { MmsTypeSpec, MmsValue } from '../mms';
import { directRequester } from './support/direct-requester';
import { ModelIed, leaf, type IedModel, type Leaf } from './support/model-ied';

/*
 * Array elements end to end through the MMS codec (B1/B2 of the libiec61850 interop sweep): a CMV array
 * like complex_array's MHAI1.HA.phsAHar, its elements read with alternate access, and data set members
 * that name elements come back in 7-2 notation.
 */

const float = leaf.float32(0);
const vector: MmsTypeSpec = {
  type: 'structure',
  packed: false,
  components: [
    {
      name: 'mag',
      spec: { type: 'structure', packed: false, components: [{ name: 'f', spec: float.spec }] },
    },
    {
      name: 'ang',
      spec: { type: 'structure', packed: false, components: [{ name: 'f', spec: float.spec }] },
    },
  ],
};
const cmv: MmsTypeSpec = {
  type: 'structure',
  packed: false,
  components: [
    { name: 'cVal', spec: vector },
    { name: 'q', spec: leaf.quality().spec },
    { name: 't', spec: leaf.time(0).spec },
  ],
};

const f = (v: number): MmsValue => ({ type: 'structure', members: [leaf.float32(v).value] });
const element = (i: number): MmsValue => ({
  type: 'structure',
  members: [
    { type: 'structure', members: [f(100 + i), f(i)] },
    leaf.quality().value,
    leaf.time(1000 + i).value,
  ],
});

const phsAHar: Leaf = {
  spec: { type: 'array', packed: false, elementCount: 4, element: cmv },
  value: { type: 'array', elements: [0, 1, 2, 3].map(element) },
};

const D = 'testComplexArray';
const model: IedModel = {
  lds: { [D]: { MHAI1: { MX: { HA: { phsAHar } } } } },
  dataSets: {
    [D]: {
      MHAI1$TestMHAI: [
        { item: 'MHAI1$MX$HA$phsAHar', alternateAccess: [{ kind: 'index', index: 1 }] },
        {
          item: 'MHAI1$MX$HA$phsAHar',
          alternateAccess: [
            { kind: 'index', index: 3 },
            { kind: 'component', name: 'cVal' },
            { kind: 'component', name: 'mag' },
          ],
        },
        'MHAI1$MX$HA',
      ],
    },
  },
};

describe('array elements', () => {
  it('reads elements and components inside them with alternate access, one request', async () => {
    const ied = new ModelIed(model);
    const requester = directRequester(ied);
    const items = await new IedClient(requester).read([
      `${D}/MHAI1.HA.phsAHar(2)[MX]`,
      `${D}/MHAI1.HA.phsAHar(3).cVal.mag.f[MX]`,
      `${D}/MHAI1.HA.phsAHar(9)[MX]`,
      `${D}/MHAI1.HA.phsAHar[MX]`,
    ]);
    expect(requester.count).toBe(1);
    expect(items.map((i) => i.result)).toEqual([
      { ok: true, value: element(2) },
      { ok: true, value: leaf.float32(103).value },
      { ok: false, error: { code: 10, name: 'object-non-existent' } },
      { ok: true, value: phsAHar.value },
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
    const client = new IedClient(directRequester(new ModelIed(model)));
    expect(await client.typeOf(mmsVariableOf(`${D}/MHAI1.HA.phsAHar(1).cVal[MX]`).name)).toEqual(vector);
    expect(await client.typeOf(mmsVariableOf(`${D}/MHAI1.HA.phsAHar(0)[MX]`).name)).toEqual(cmv);
    await expect(client.typeOf(mmsVariableOf(`${D}/MHAI1.HA.phsAHar(4)[MX]`).name)).rejects.toMatchObject({
      code: 'object-non-existent',
      message: expect.stringContaining('has no (4)'),
    });
  });

  it('names data set members inside arrays in 7-2 notation', async () => {
    const found = await discoverModel(new IedClient(directRequester(new ModelIed(model))));
    expect(found.dataSets).toEqual([
      {
        ref: `${D}/MHAI1.TestMHAI`,
        members: [
          { ref: `${D}/MHAI1.HA.phsAHar(1)`, fc: 'MX' },
          { ref: `${D}/MHAI1.HA.phsAHar(3).cVal.mag`, fc: 'MX' },
          { ref: `${D}/MHAI1.HA`, fc: 'MX' },
        ],
      },
    ]);
  });
});
