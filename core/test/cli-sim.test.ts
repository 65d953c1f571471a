import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoStackFor, openIed } from '../client';
import { TcpListener } from '../transport';
import { runBuiltCli, startBuiltCli, type LongRunning } from './support/cli-process';
import { TEST_SCL } from './support/test-ied';
import { until } from './support/wait';

/* `relaygate sim` as a user runs it: the built CLI in its own process, clients over TCP. */

const dir = mkdtempSync(join(tmpdir(), 'relaygate-sim-'));
const running: LongRunning[] = [];
afterAll(async () => {
  for (const r of running) await r.stop();
});

/** The test model with a second IED, IED2, a copy of IED1. */
function twoIeds(): string {
  const text = readFileSync(TEST_SCL, 'utf8');
  const ied = /<IED [\s\S]*?<\/IED>/.exec(text)![0];
  const file = join(dir, 'two.scd');
  writeFileSync(file, text.replace(ied, `${ied}\n${ied.replace('name="IED1"', 'name="IED2"')}`));
  return file;
}

async function start(args: string[]): Promise<LongRunning> {
  const r = await startBuiltCli(['sim', ...args], /^(\[.*|relaygate sim: serving .*)$/);
  running.push(r);
  return r;
}

describe('relaygate sim', () => {
  it('serves one IED on the port given, on 127.0.0.1, until stopped', async () => {
    const probe = await TcpListener.listen(0);
    const port = probe.port;
    await probe.close();
    const r = await start([TEST_SCL, '--port', String(port), '--static']);
    expect(r.match).toBe(`relaygate sim: serving IED1 from test-ied.cid on 127.0.0.1:${port} (Ctrl-C to stop)`);
    const session = await openIed({ host: '127.0.0.1', port }, isoStackFor);
    expect(await session.client.readValue('IED1LD0/MMXU1.TotW.mag.f[MX]')).toEqual({ type: 'float', value: 1234.5, width: 32 });
    await session.close();
    expect(await r.stop()).toBe(0);
    expect(r.stderr()).toContain('relaygate sim: stopping');
  });

  it('lists the IEDs and exits 2 when the file has several and neither --ied nor --all is given', async () => {
    const r = await runBuiltCli(['sim', twoIeds()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('two.scd has 2 IEDs with a server: IED1, IED2; pick one with --ied NAME, or --all');
  });

  it('--all serves every IED on its own port and --json prints [{ied, host, port}]', async () => {
    const r = await start([twoIeds(), '--all', '--port', '0', '--json', '--static']);
    const rows = JSON.parse(r.match) as { ied: string; host: string; port: number }[];
    expect(rows.map((x) => [x.ied, x.host])).toEqual([
      ['IED1', '127.0.0.1'],
      ['IED2', '127.0.0.1'],
    ]);
    for (const row of rows) {
      const session = await openIed({ host: row.host, port: row.port }, isoStackFor);
      expect(await session.client.logicalDevices()).toEqual([`${row.ied}ARR`, `${row.ied}LD0`]);
      await session.close();
    }
  });

  it('runs a scenario: a value at 100 ms, then a mode', async () => {
    const scenario = join(dir, 'scenario.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'trip',
        steps: [
          { at: '100ms', ref: 'IED1LD0/PTOC1.Op[ST]', value: true, quality: 'good' },
          { at: 200, ref: 'IED1LD0', mode: 'test' },
        ],
      }),
    );
    const r = await start([TEST_SCL, '--port', '0', '--json', '--static', '--scenario', scenario]);
    const [row] = JSON.parse(r.match) as { port: number }[];
    const session = await openIed({ host: '127.0.0.1', port: row!.port }, isoStackFor);
    let op: unknown;
    await until(() => {
      void session.client.readValue('IED1LD0/PTOC1.Op.general[ST]').then((v) => (op = v));
      return (op as { value?: boolean } | undefined)?.value === true;
    });
    await until(() => {
      void session.client.readValue('IED1LD0/LLN0.Beh.stVal[ST]').then((v) => (op = v));
      return (op as { value?: number } | undefined)?.value === 3;
    });
    await session.close();
  });

  it('refuses a bad scenario naming the step and field, and a port in use, with one line and exit 1', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ at: 0, ref: 'IED1LD0/PTOC1.Op[ST]', mode: 'sideways' }]));
    const r = await runBuiltCli(['sim', TEST_SCL, '--scenario', bad, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^relaygate sim: sim\/bad-scenario: bad\.json: 0\.mode: /);
    const busy = await TcpListener.listen(0);
    const taken = await runBuiltCli(['sim', TEST_SCL, '--port', String(busy.port)]);
    await busy.close();
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim()).toMatch(/^relaygate sim: sim\/cannot-listen: cannot listen on 127\.0\.0\.1:\d+ for IED1: .*EADDRINUSE/);
  });
});
