import { describe, expect, it } from 'vitest';
import { IedClient, discoverModel } from '../client';
import { toTypedValue, fcdParts } from '../iec61850';
import { directRequester } from './support/direct-requester';
import { T0, feederModel } from './support/feeder-model';
import { ModelIed } from './support/model-ied';

describe('IedClient over the MMS codec', () => {
  it('reads whole FCDs and single attributes in one request, in the order asked, with per-item failures', async () => {
    const ied = new ModelIed(feederModel());
    const requester = directRequester(ied);
    const client = new IedClient(requester);
    const items = await client.read([
      'IED1LD0/XCBR1.Pos[ST]',
      'IED1LD0/MMXU1.TotW.mag.f[MX]',
      'IED1LD0/XCBR1.Nope[ST]',
      'IED1LD0/LLN0.Mod.stVal[ST]',
    ]);
    expect(requester.count).toBe(1);
    const pos = items[0]?.result;
    expect(pos?.ok).toBe(true);
    const parts = fcdParts(
      toTypedValue(pos?.ok ? pos.value : { type: 'boolean', value: false }, {
        kind: 'struct',
        members: [{ name: 'stVal' }, { name: 'q' }, { name: 't' }],
      }),
    );
    expect(parts.value).toMatchObject({ type: 'dbpos', value: 'closed' });
    expect(parts.quality).toMatchObject({ validity: 'good', flags: [], raw: 0 });
    expect(parts.timestamp).toMatchObject({ iso: new Date(T0 * 1000).toISOString(), clockFailure: false });
    expect(items[1]?.result).toEqual({ ok: true, value: { type: 'float', value: 1234.5, width: 32 } });
    expect(items[2]?.result).toEqual({ ok: false, error: { code: 10, name: 'object-non-existent' } });
    expect(items[3]?.result).toEqual({ ok: true, value: { type: 'integer', value: 1 } });
  });

  it('splits a read that does not fit the negotiated PDU size and keeps the order', async () => {
    const ied = new ModelIed(feederModel());
    const requester = directRequester(ied, 400);
    const client = new IedClient(requester);
    const refs = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0 ? 'IED1LD0/GGIO1.Ind1.stVal[ST]' : 'IED1LD0/MMXU1.Hz.mag.f[MX]',
    );
    const items = await client.read(refs);
    expect(requester.count).toBeGreaterThan(1);
    expect(items.map((i) => (i.result.ok ? i.result.value.type : 'failed'))).toEqual(
      refs.map((_, i) => (i % 2 === 0 ? 'boolean' : 'float')),
    );
  });

  it('caps the items per request, and refuses a name no request can hold', async () => {
    const ied = new ModelIed(feederModel());
    const requester = directRequester(ied);
    const client = new IedClient(requester);
    const refs = Array.from({ length: 10 }, () => 'IED1LD0/GGIO1.Ind1.stVal[ST]');
    const items = await client.read(refs, { maxItemsPerRequest: 4 });
    expect(requester.count).toBe(3);
    expect(items.every((i) => i.result.ok)).toBe(true);
    const tiny = new IedClient(directRequester(ied, 60));
    await expect(tiny.read([`IED1LD0/GGIO1.${'x'.repeat(60)}[ST]`])).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('larger than the negotiated PDU size of 60 octets'),
    });
  });

  it('pages GetNameList with continueAfter until moreFollows is false', async () => {
    const ied = new ModelIed({ ...feederModel(), pageSize: 7 });
    const requester = directRequester(ied);
    const names = await new IedClient(requester).nameList('namedVariable', 'IED1LD0');
    expect(names).toContain('XCBR1$ST$Pos$stVal');
    expect(new Set(names).size).toBe(names.length);
    expect(requester.count).toBe(Math.ceil(names.length / 7));
  });

  it('writes RCB attributes in order and stops at the first refusal, naming it', async () => {
    const ied = new ModelIed(feederModel());
    const client = new IedClient(directRequester(ied));
    await client.writeSequence([
      {
        domain: 'IED1LD0',
        item: 'LLN0$RP$urcbA01$Resv',
        attribute: 'Resv',
        value: { type: 'boolean', value: true },
      },
      {
        domain: 'IED1LD0',
        item: 'LLN0$RP$urcbA01$RptEna',
        attribute: 'RptEna',
        value: { type: 'boolean', value: true },
      },
    ]);
    expect(ied.writes.map((w) => w.name)).toEqual([
      'IED1LD0/LLN0$RP$urcbA01$Resv',
      'IED1LD0/LLN0$RP$urcbA01$RptEna',
    ]);
    await expect(
      client.writeSequence([
        {
          domain: 'IED1LD0',
          item: 'LLN0$RP$urcbA01$IntgPd',
          attribute: 'IntgPd',
          value: { type: 'boolean', value: true },
        },
        {
          domain: 'IED1LD0',
          item: 'LLN0$RP$urcbA01$GI',
          attribute: 'GI',
          value: { type: 'boolean', value: true },
        },
      ]),
    ).rejects.toMatchObject({
      code: 'type-inconsistent',
      message: 'writing IED1LD0/LLN0$RP$urcbA01$IntgPd was refused: type-inconsistent',
    });
    expect(ied.writes).toHaveLength(2);
  });
});

describe('writes', () => {
  it('writes one and several variables, with a result per variable', async () => {
    const ied = new ModelIed(feederModel());
    const client = new IedClient(directRequester(ied));
    expect(await client.write('IED1LD0/XCBR1.Loc.stVal[ST]', { type: 'boolean', value: true })).toEqual({
      ok: true,
    });
    const results = await client.writeMany([
      { ref: 'IED1LD0/GGIO1.Ind1.stVal[ST]', value: { type: 'boolean', value: false } },
      { ref: 'IED1LD0/GGIO1.Ind1.stVal[ST]', value: { type: 'integer', value: 3 } },
      { ref: 'IED1LD0/GGIO1.Nope.stVal[ST]', value: { type: 'boolean', value: false } },
    ]);
    expect(results).toEqual([
      { ok: true },
      { ok: false, error: { code: 7, name: 'type-inconsistent' } },
      { ok: false, error: { code: 10, name: 'object-non-existent' } },
    ]);
    expect(await client.readValue('IED1LD0/GGIO1.Ind1.stVal[ST]')).toEqual({ type: 'boolean', value: false });
  });
});

describe('model discovery', () => {
  it('finds LDs, leaves with FC and type, data sets with members, and RCBs with RptID and DatSet', async () => {
    const client = new IedClient(directRequester(new ModelIed(feederModel())));
    const model = await discoverModel(client);
    expect(model.logicalDevices).toEqual(['IED1LD0']);
    expect(model.warnings).toEqual([]);
    const leaf = (ref: string) => model.leaves.find((l) => l.ref === ref);
    expect(leaf('IED1LD0/XCBR1.Pos.stVal')).toEqual({
      ref: 'IED1LD0/XCBR1.Pos.stVal',
      fc: 'ST',
      type: 'dbpos',
    });
    expect(leaf('IED1LD0/XCBR1.Pos.q')).toMatchObject({ fc: 'ST', type: 'quality' });
    expect(leaf('IED1LD0/XCBR1.Pos.t')).toMatchObject({ type: 'timestamp' });
    expect(leaf('IED1LD0/MMXU1.TotW.mag.f')).toMatchObject({ fc: 'MX', type: 'float32' });
    expect(leaf('IED1LD0/LLN0.Mod.stVal')).toMatchObject({ type: 'enum' });
    // RCB attributes are not data leaves.
    expect(model.leaves.some((l) => l.ref.includes('urcbA01'))).toBe(false);
    expect(model.leaves).toHaveLength(3 * 3 + 2 * 3 + 2 * 3 + 2 * 3 + 3);
    expect(model.dataSets).toEqual([
      {
        ref: 'IED1LD0/LLN0.Events',
        members: [
          { ref: 'IED1LD0/XCBR1.Pos', fc: 'ST' },
          { ref: 'IED1LD0/PTOC1.Op', fc: 'ST' },
          { ref: 'IED1LD0/PTOC1.Str', fc: 'ST' },
        ],
      },
      {
        ref: 'IED1LD0/LLN0.Meas',
        members: [
          { ref: 'IED1LD0/MMXU1.TotW', fc: 'MX' },
          { ref: 'IED1LD0/MMXU1.Hz', fc: 'MX' },
        ],
      },
    ]);
    expect(
      model.reportControls.map(({ ref, buffered, rptId, dataSet }) => ({ ref, buffered, rptId, dataSet })),
    ).toEqual([
      {
        ref: 'IED1LD0/LLN0.urcbA01',
        buffered: false,
        rptId: 'IED1LD0/LLN0.urcbA01',
        dataSet: 'IED1LD0/LLN0.Events',
      },
      {
        ref: 'IED1LD0/LLN0.urcbA02',
        buffered: false,
        rptId: 'IED1LD0/LLN0.urcbA02',
        dataSet: 'IED1LD0/LLN0.Events',
      },
      {
        ref: 'IED1LD0/LLN0.brcbMeas01',
        buffered: true,
        rptId: 'IED1LD0/LLN0.brcbMeas01',
        dataSet: 'IED1LD0/LLN0.Meas',
      },
    ]);
  });

  it('falls back to one type request per FC when the whole LN is refused', async () => {
    const ied = new ModelIed({ ...feederModel(), refuseWholeLn: ['MMXU1'] });
    const model = await discoverModel(new IedClient(directRequester(ied)));
    expect(model.leaves.filter((l) => l.ref.startsWith('IED1LD0/MMXU1')).map((l) => l.ref)).toEqual([
      'IED1LD0/MMXU1.TotW.mag.f',
      'IED1LD0/MMXU1.TotW.q',
      'IED1LD0/MMXU1.TotW.t',
      'IED1LD0/MMXU1.Hz.mag.f',
      'IED1LD0/MMXU1.Hz.q',
      'IED1LD0/MMXU1.Hz.t',
    ]);
    expect(
      ied.requests.some(
        (r) =>
          r.service === 'getVariableAccessAttributes' &&
          r.name.scope === 'domain' &&
          r.name.item === 'MMXU1$MX',
      ),
    ).toBe(true);
  });
});
