import { describe, expect, it } from 'vitest';
import { domainName, typeMismatch, type ConfirmedResponse } from '../mms';
import { simHarness } from './support/harness';
import { until } from './support/wait';

/*
 * The project's MMS client against the simulator over real TCP, one service at a time: association
 * (password, client limit, Initiate negotiation, Identify, Conclude, Abort), name lists, types, reads
 * at every level, data sets (static, defined, deleted) and the write policy per FC.
 */

const { serve, connect } = simHarness();

describe('association', () => {
  it('negotiates the smaller PDU size and outstanding calls, and identifies the IED from the SCL', async () => {
    const sim = await serve({ limits: { maxPduSize: 4000, maxOutstanding: 3 } });
    const session = await connect(sim, { maxPduSize: 20000 });
    expect(session.connection.negotiated).toMatchObject({ maxPduSize: 4000, maxOutstanding: 3 });
    const small = await connect(sim, { maxPduSize: 1200 });
    expect(small.connection.negotiated.maxPduSize).toBe(1200);
    expect(await session.client.identify()).toEqual({ vendorName: 'RelayGate', modelName: 'test-ied', revision: '1.0' });
  });

  it('refuses a wrong or missing password with an AARE naming authentication-failure', async () => {
    const sim = await serve({ password: 'secret' });
    await expect(connect(sim, { password: 'nope' })).rejects.toMatchObject({
      code: 'association-rejected',
      message: expect.stringContaining('authentication-failure'),
    });
    await expect(connect(sim)).rejects.toMatchObject({ code: 'association-rejected' });
    await expect(connect(sim, { password: 'secret' })).resolves.toBeDefined();
  });

  it('serves up to --max-clients associations and refuses one more cleanly, then takes a new one', async () => {
    const sim = await serve({ maxClients: 2 });
    const a = await connect(sim);
    await connect(sim);
    await expect(connect(sim)).rejects.toMatchObject({
      code: 'association-rejected',
      message: expect.stringContaining('rejected-transient'),
    });
    await a.close();
    await until(() => sim.server.clientCount === 1);
    const c = await connect(sim);
    expect(await c.client.identify()).toMatchObject({ modelName: 'test-ied' });
  });

  it('ends an association on Conclude and release, and on Abort, freeing its slot', async () => {
    const sim = await serve({ maxClients: 1 });
    const a = await connect(sim);
    await a.close();
    await until(() => sim.server.associations.size === 0);
    const b = await connect(sim);
    b.connection.abort();
    await until(() => sim.server.associations.size === 0);
    await expect(connect(sim)).resolves.toBeDefined();
  });
});

describe('model services', () => {
  it('lists domains, variables (paged to the PDU size) and data sets in the order libiec61850 servers use', async () => {
    const sim = await serve();
    const session = await connect(sim, { maxPduSize: 512 });
    expect(await session.client.logicalDevices()).toEqual(['IED1ARR', 'IED1LD0']);
    const names = await session.client.nameList('namedVariable', 'IED1LD0');
    expect(names.slice(0, 4)).toEqual(['GGIO1', 'GGIO1$DC', 'GGIO1$DC$Ind1', 'GGIO1$DC$Ind1$d']);
    expect(names).toContain('LLN0$RP$urcbA01$RptEna');
    // A a B b … Z z, then `$`, `_` and digits, character by character.
    const at = (n: string) => names.indexOf(n);
    expect(at('XCBR1$ST$Pos$q')).toBeLessThan(at('XCBR1$ST$Pos$stVal'));
    expect(at('MMXU1$MX$TotW')).toBeLessThan(at('MMXU1$MX$TotW$mag'));
    expect(at('LLN0$BR$brcbMeas01$BufTm')).toBeLessThan(at('LLN0$BR$brcbMeas01$ConfRev'));
    expect(await session.client.nameList('namedVariableList', 'IED1LD0')).toEqual(['LLN0$Events', 'LLN0$Meas']);
    await expect(session.client.nameList('namedVariable', 'NOPE')).rejects.toMatchObject({ code: 'object-non-existent' });
  });

  it('reads a whole LN, an FC, an FCD and a leaf, each as the type GetVariableAccessAttributes gives', async () => {
    const sim = await serve();
    const { client } = await connect(sim);
    for (const item of ['XCBR1', 'XCBR1$ST', 'XCBR1$ST$Pos', 'XCBR1$ST$Pos$stVal', 'MMXU1$CF$TotW$db']) {
      const name = domainName('IED1LD0', item);
      const [spec, [read]] = await Promise.all([client.typeOf(name), client.readVariables([name])]);
      expect(read?.ok ? typeMismatch(spec, read.value) : 'not read').toBeUndefined();
    }
    const [ln] = await client.readVariables([domainName('IED1LD0', 'XCBR1')]);
    expect(ln?.ok && ln.value.type === 'structure' ? ln.value.members.length : 0).toBe(2); // ST, DC
    await expect(client.typeOf(domainName('IED1LD0', 'XCBR1$MX'))).rejects.toMatchObject({ code: 'object-non-existent' });
  });

  it('defines, reads, lists and deletes a domain data set and an association-specific one', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const request = (r: Parameters<typeof session.connection.request>[0]): Promise<ConfirmedResponse> => session.connection.request(r);
    const members = [domainName('IED1LD0', 'XCBR1$ST$Pos'), domainName('IED1LD0', 'MMXU1$MX$TotW$mag$f')];
    await request({ service: 'defineNamedVariableList', name: domainName('IED1LD0', 'LLN0$Dyn1'), variables: members });
    await request({ service: 'defineNamedVariableList', name: { scope: 'aa', item: 'Mine' }, variables: members });
    await expect(
      request({ service: 'defineNamedVariableList', name: domainName('IED1LD0', 'LLN0$Dyn1'), variables: members }),
    ).rejects.toMatchObject({ message: expect.stringContaining('object-exists') });
    await expect(
      request({ service: 'defineNamedVariableList', name: domainName('IED1LD0', 'LLN0$Bad'), variables: [domainName('IED1LD0', 'XCBR1$ST$Nope')] }),
    ).rejects.toMatchObject({ message: expect.stringContaining('object-undefined') });
    expect(await session.client.nameList('namedVariableList', 'IED1LD0')).toEqual(['LLN0$Dyn1', 'LLN0$Events', 'LLN0$Meas']);
    expect(await session.client.dataSetMembers(domainName('IED1LD0', 'LLN0$Dyn1'))).toEqual(members);
    const read = await request({ service: 'read', access: { kind: 'named-list', name: { scope: 'aa', item: 'Mine' } } });
    expect(read.service === 'read' ? read.results.map((r) => (r.ok ? r.value.type : r.error.name)) : []).toEqual(['structure', 'float']);
    const gnvla = await request({ service: 'getNamedVariableListAttributes', name: domainName('IED1LD0', 'LLN0$Events') });
    expect(gnvla).toMatchObject({ mmsDeletable: false });
    const deleted = await request({
      service: 'deleteNamedVariableList',
      names: [domainName('IED1LD0', 'LLN0$Dyn1'), domainName('IED1LD0', 'LLN0$Events'), domainName('IED1LD0', 'LLN0$None')],
    });
    expect(deleted).toEqual({ service: 'deleteNamedVariableList', matched: 2, deleted: 1 });
    // Another association does not see this one's @Mine.
    const other = await connect(sim);
    await expect(
      other.connection.request({ service: 'getNamedVariableListAttributes', name: { scope: 'aa', item: 'Mine' } }),
    ).rejects.toMatchObject({ code: 'object-non-existent' });
  });

  it('writes CF, DC and SP; refuses ST and MX, wrong types and missing objects', async () => {
    const sim = await serve();
    const { client } = await connect(sim);
    expect(await client.write('IED1LD0/MMXU1.TotW.db[CF]', { type: 'unsigned', value: 250 })).toEqual({ ok: true });
    expect(await client.readValue('IED1LD0/MMXU1.TotW.db[CF]')).toEqual({ type: 'unsigned', value: 250 });
    expect(await client.write('IED1LD0/GGIO1.Ind1.d[DC]', { type: 'visible-string', value: 'Door' })).toEqual({ ok: true });
    expect(sim.get('IED1LD0/GGIO1.Ind1.d[DC]')).toEqual({ type: 'visible-string', value: 'Door' });
    const refused = await client.writeMany([
      { ref: 'IED1LD0/GGIO1.Ind1.stVal[ST]', value: { type: 'boolean', value: false } },
      { ref: 'IED1LD0/MMXU1.TotW.mag.f[MX]', value: { type: 'float', value: 1, width: 32 } },
      { ref: 'IED1LD0/MMXU1.TotW.db[CF]', value: { type: 'boolean', value: true } },
      { ref: 'IED1LD0/MMXU1.TotW.nope[CF]', value: { type: 'boolean', value: true } },
      { ref: 'IED1LD0/LLN0.urcbA01.SqNum[RP]', value: { type: 'unsigned', value: 3 } },
    ]);
    expect(refused.map((r) => (r.ok ? 'ok' : r.error.name))).toEqual([
      'object-access-denied',
      'object-access-denied',
      'type-inconsistent',
      'object-non-existent',
      'object-access-denied',
    ]);
    expect(sim.get('IED1LD0/GGIO1.Ind1.stVal[ST]')).toEqual({ type: 'boolean', value: true });
  });

  it('takes a write policy per FC', async () => {
    const sim = await serve({ writableFcs: ['ST'] });
    const { client } = await connect(sim);
    expect(await client.write('IED1LD0/GGIO1.Ind1.stVal[ST]', { type: 'boolean', value: false })).toEqual({ ok: true });
    expect(await client.write('IED1LD0/MMXU1.TotW.db[CF]', { type: 'unsigned', value: 1 })).toMatchObject({ ok: false, error: { name: 'object-access-denied' } });
  });
});
