import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MmsValue } from '../mms';
import type { Simulator } from '../sim';
import { TcpListener } from '../transport';
import { runBuiltCli, startBuiltCli } from './support/cli-process';
import { T0, recordWrites, startTestIed } from './support/test-ied';

let server: Simulator;
let writes: { name: string; value: MmsValue }[];
beforeAll(async () => {
  server = await startTestIed({ password: 'pw' });
  writes = recordWrites(server);
});
afterAll(async () => {
  await server.stop();
});

describe('relaygate read / discover / bench / watch against the simulator', () => {
  it('read --json prints value, quality and timestamp of whole FCDs and leaves, and errors per item', async () => {
    const r = await runBuiltCli([
      'read',
      server.address,
      '--password',
      'pw',
      'IED1LD0/XCBR1.Pos[ST]',
      'IED1LD0/MMXU1.TotW.mag.f[MX]',
      'IED1LD0/LLN0.Mod.stVal[ST]',
      'IED1LD0/XCBR1.Nope[ST]',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        ref: 'IED1LD0/XCBR1.Pos',
        fc: 'ST',
        type: 'dbpos',
        value: 'closed',
        quality: 'good',
        timestamp: new Date(T0 * 1000).toISOString(),
      },
      { ref: 'IED1LD0/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32', value: 1234.5 },
      { ref: 'IED1LD0/LLN0.Mod.stVal', fc: 'ST', type: 'enum', value: 'on' },
      {
        ref: 'IED1LD0/XCBR1.Nope',
        fc: 'ST',
        type: 'unknown',
        value: null,
        error: 'object-non-existent: object-non-existent',
      },
    ]);
  });

  it('read prints one line per reference', async () => {
    const r = await runBuiltCli(['read', server.address, '--password', 'pw', 'IED1LD0/XCBR1.Pos[ST]']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      `IED1LD0/XCBR1.Pos [ST]  dbpos closed  q=good  t=${new Date(T0 * 1000).toISOString()}`,
    );
  });

  it('read --trace prints each PDU with a summary and a hexdump on stderr, and keeps stdout clean', async () => {
    const r = await runBuiltCli([
      'read',
      server.address,
      '--password',
      'pw',
      'IED1LD0/LLN0.Mod.stVal[ST]',
      '--trace',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/^>> \S+ initiate-request max PDU 65000/m);
    expect(r.stderr).toMatch(/^<< \S+ initiate-response /m);
    expect(r.stderr).toMatch(
      /^>> \S+ confirmed-request #\d+ read 1 variable \(IED1LD0\/LLN0\$ST\$Mod\$stVal\)$/m,
    );
    expect(r.stderr).toMatch(/^<< \S+ confirmed-response #\d+ read 1 results$/m);
    expect(r.stderr).toMatch(/^000000 {2}a[0-9a-f] /m);
  });

  it('discover --json holds logicalDevices, leaves, dataSets and reportControls', async () => {
    const r = await runBuiltCli(['discover', server.address, '--password', 'pw', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      logicalDevices: string[];
      leaves: unknown[];
      dataSets: { ref: string }[];
      reportControls: unknown[];
    };
    expect(doc.logicalDevices).toEqual(['IED1ARR', 'IED1LD0']);
    expect(doc.leaves).toContainEqual({ ref: 'IED1LD0/PTOC1.Op.general', fc: 'ST', type: 'boolean' });
    expect(doc.dataSets.map((d) => d.ref)).toEqual(['IED1ARR/LLN0.TestMHAI', 'IED1LD0/LLN0.Events', 'IED1LD0/LLN0.Meas']);
    expect(doc.reportControls).toContainEqual({
      ref: 'IED1LD0/LLN0.brcbMeas01',
      buffered: true,
      rptId: 'IED1LD0/LLN0$BR$brcbMeas01',
      dataSet: 'IED1LD0/LLN0.Meas',
    });
  });

  it('bench --json reports the CONVENTIONS fields with real counts', async () => {
    const r = await runBuiltCli([
      'bench',
      server.address,
      '--password',
      'pw',
      'IED1LD0/MMXU1.TotW[MX]',
      'IED1LD0/XCBR1.Pos[ST]',
      '--duration',
      '1',
      '--mode',
      'pipelined',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(b).toMatchObject({ mode: 'pipelined', variables: 2, inFlight: 10, failedValues: 0 });
    expect(b.requests).toBeGreaterThan(10);
    expect(b.values).toBe(b.requests);
    expect(b.p99Us).toBeGreaterThanOrEqual(b.p50Us as number);
  });

  it('watch prints the GI report, and on Ctrl-C disables and releases the RCB', async () => {
    const watch = await startBuiltCli(
      ['watch', server.address, '--password', 'pw', 'IED1LD0/LLN0.urcbA02'],
      /^(report .*)$/m,
    );
    expect(watch.match).toMatch(/^report IED1LD0\/LLN0\$RP\$urcbA02 {2}#0/);
    expect(await watch.stop()).toBe(0);
    expect(watch.stderr()).toContain('disabled and released');
    expect(server.get('IED1LD0/LLN0.urcbA02.Resv[RP]')).toEqual({ type: 'boolean', value: false });
  });

  it('watch --purge purges a BRCB before enabling it', async () => {
    const watch = await startBuiltCli(
      ['watch', server.address, '--password', 'pw', 'IED1LD0/LLN0.brcbMeas01', '--purge'],
      /^(report .*)$/m,
    );
    expect(await watch.stop()).toBe(0);
    const attributes = writes
      .filter((w) => w.name.includes('brcbMeas01'))
      .map((w) => w.name.split('$').pop());
    expect(attributes).toEqual(['TrgOps', 'OptFlds', 'PurgeBuf', 'RptEna', 'GI', 'RptEna']);
  });

  it.each([
    [['read', 'x', 'IED1LD0/XCBR1.Pos'], 2, /needs a functional constraint/],
    [['read', 'host:99999', 'IED1LD0/XCBR1.Pos[ST]'], 2, /bad port 99999/],
    [
      ['bench', 'host', 'IED1LD0/XCBR1.Pos[ST]', '--mode', 'fast'],
      2,
      /--mode must be single, multi or pipelined/,
    ],
  ])('usage errors exit 2: %j', async (args, code, message) => {
    const r = await runBuiltCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  it('a wrong password and a closed port are runtime failures with one clear line', async () => {
    const wrong = await runBuiltCli(['read', server.address, '--password', 'nope', 'IED1LD0/XCBR1.Pos[ST]']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/association-rejected.*authentication-failure/);
    const listener = await TcpListener.listen(0);
    const port = listener.port;
    await listener.close();
    const refused = await runBuiltCli(['discover', `127.0.0.1:${port}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/connection-refused/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
