import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IedClient, discoverModel } from '../client';
import { toTypedValue, fcdParts } from '../iec61850';
import type { Simulator } from '../sim';
import { directRequester } from './support/direct-requester';
import { T0, startTestIed } from './support/test-ied';

/*
 * The IED client against the simulator's data model and dispatcher, without sockets: every request and
 * answer goes through the MMS codec both ways, and the requester counts what the client sent.
 */

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestIed();
});
afterAll(async () => {
  await sim.stop();
});

describe('IedClient over the MMS codec', () => {
  it('reads whole FCDs and single attributes in one request, in the order asked, with per-item failures', async () => {
    const requester = directRequester(sim.model);
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
    const requester = directRequester(sim.model, 400);
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
    const requester = directRequester(sim.model);
    const client = new IedClient(requester);
    const refs = Array.from({ length: 10 }, () => 'IED1LD0/GGIO1.Ind1.stVal[ST]');
    const items = await client.read(refs, { maxItemsPerRequest: 4 });
    expect(requester.count).toBe(3);
    expect(items.every((i) => i.result.ok)).toBe(true);
    const tiny = new IedClient(directRequester(sim.model, 60));
    await expect(tiny.read([`IED1LD0/GGIO1.${'x'.repeat(60)}[ST]`])).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('larger than the negotiated PDU size of 60 octets'),
    });
  });

  it('pages GetNameList with continueAfter until moreFollows is false', async () => {
    const requester = directRequester(sim.model, 300);
    const names = await new IedClient(requester).nameList('namedVariable', 'IED1LD0');
    expect(names).toContain('XCBR1$ST$Pos$stVal');
    expect(names).toEqual(sim.model.variableNames('IED1LD0'));
    expect(new Set(names).size).toBe(names.length);
    expect(requester.count).toBeGreaterThan(3);
  });

  it('writes RCB attributes in order and stops at the first refusal, naming it', async () => {
    const requester = directRequester(sim.model);
    const client = new IedClient(requester);
    const rcbWrite = (attribute: 'Resv' | 'RptEna' | 'IntgPd' | 'GI', value: boolean) => ({
      domain: 'IED1LD0',
      item: `LLN0$RP$urcbA02$${attribute}`,
      attribute,
      value: { type: 'boolean', value } as const,
    });
    await client.writeSequence([rcbWrite('Resv', true), rcbWrite('RptEna', true)]);
    await expect(client.writeSequence([rcbWrite('IntgPd', true), rcbWrite('GI', true)])).rejects.toMatchObject({
      code: 'type-inconsistent',
      message: 'writing IED1LD0/LLN0$RP$urcbA02$IntgPd was refused: type-inconsistent',
    });
    expect(requester.requests.map((r) => r.service)).toEqual(['write', 'write', 'write']);
    await client.writeSequence([rcbWrite('RptEna', false), rcbWrite('Resv', false)]);
  });
});

describe('writes', () => {
  it('writes one and several variables, with a result per variable, under the FC rules', async () => {
    const client = new IedClient(directRequester(sim.model));
    expect(await client.write('IED1LD0/XCBR1.Loc.stVal[ST]', { type: 'boolean', value: true })).toEqual({
      ok: false,
      error: { code: 3, name: 'object-access-denied' },
    });
    const results = await client.writeMany([
      { ref: 'IED1LD0/GGIO1.Ind1.stVal[ST]', value: { type: 'boolean', value: false } },
      { ref: 'IED1LD0/GGIO1.Nope.stVal[ST]', value: { type: 'boolean', value: false } },
    ]);
    expect(results).toEqual([
      { ok: false, error: { code: 3, name: 'object-access-denied' } },
      { ok: false, error: { code: 10, name: 'object-non-existent' } },
    ]);
    expect(await client.readValue('IED1LD0/GGIO1.Ind1.stVal[ST]')).toEqual({ type: 'boolean', value: true });
  });
});

describe('model discovery', () => {
  it('finds LDs, leaves with FC and type, data sets with members, and RCBs with RptID and DatSet', async () => {
    const client = new IedClient(directRequester(sim.model));
    const model = await discoverModel(client);
    expect(model.logicalDevices).toEqual(['IED1ARR', 'IED1LD0']);
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
    expect(leaf('IED1ARR/MHAI1.HA.phsAHar')).toMatchObject({ fc: 'MX', type: 'array' });
    // RCB attributes are not data leaves.
    expect(model.leaves.some((l) => l.ref.includes('urcbA01'))).toBe(false);
    // LD0: LLN0 3 DOs, XCBR1 2, PTOC1 2, MMXU1 2, GGIO1 1, each {value, q, t}, plus two SPS d (DC) and
    // two MV db (CF); ARR: LLN0 3 × 3, the array.
    expect(model.leaves.filter((l) => l.ref.startsWith('IED1LD0/'))).toHaveLength(10 * 3 + 4);
    expect(model.leaves).toHaveLength(10 * 3 + 4 + 3 * 3 + 1);
    expect(model.dataSets).toEqual([
      {
        ref: 'IED1ARR/LLN0.TestMHAI',
        members: [
          { ref: 'IED1ARR/MHAI1.HA.phsAHar(1)', fc: 'MX' },
          { ref: 'IED1ARR/MHAI1.HA.phsAHar(3).cVal.mag', fc: 'MX' },
          { ref: 'IED1ARR/MHAI1.HA', fc: 'MX' },
        ],
      },
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
        rptId: 'IED1LD0/LLN0$RP$urcbA01',
        dataSet: 'IED1LD0/LLN0.Events',
      },
      {
        ref: 'IED1LD0/LLN0.urcbA02',
        buffered: false,
        rptId: 'IED1LD0/LLN0$RP$urcbA02',
        dataSet: 'IED1LD0/LLN0.Events',
      },
      {
        ref: 'IED1LD0/LLN0.brcbMeas01',
        buffered: true,
        rptId: 'IED1LD0/LLN0$BR$brcbMeas01',
        dataSet: 'IED1LD0/LLN0.Meas',
      },
    ]);
  });

  it('falls back to one type request per FC when the whole LN does not fit the PDU', async () => {
    // The whole LLN0 of IED1LD0, with its RCBs, is larger than 800 octets; each FC alone fits.
    const requester = directRequester(sim.model, 800);
    const model = await discoverModel(new IedClient(requester));
    expect(model.leaves.filter((l) => l.ref.startsWith('IED1LD0/LLN0')).map((l) => l.ref)).toEqual([
      'IED1LD0/LLN0.Mod.stVal',
      'IED1LD0/LLN0.Mod.q',
      'IED1LD0/LLN0.Mod.t',
      'IED1LD0/LLN0.Beh.stVal',
      'IED1LD0/LLN0.Beh.q',
      'IED1LD0/LLN0.Beh.t',
      'IED1LD0/LLN0.Health.stVal',
      'IED1LD0/LLN0.Health.q',
      'IED1LD0/LLN0.Health.t',
    ]);
    expect(model.reportControls).toHaveLength(3);
    expect(
      requester.requests.some(
        (r) => r.service === 'getVariableAccessAttributes' && r.name.scope === 'domain' && r.name.item === 'LLN0$BR',
      ),
    ).toBe(true);
  });
});
