import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../sim';
import { runBuiltCli, spawnBuiltCli, type CliProcess } from './support/cli-process';
import { FEEDER_SCL } from './support/feeder-project';
import { waitFor } from './support/wait';

/** `relaygate run --log FILE`: the unattended gateway's log in a size-rotated file (docs/DEPLOY.md). */
describe('run --log', () => {
  let dir: string;
  let sim: Simulator;
  let project: string;
  let run: CliProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relaygate-run-log-'));
    sim = await Simulator.start({ scl: FEEDER_SCL });
    project = join(dir, 'bay.json');
    expect((await runBuiltCli(['init', FEEDER_SCL, '--host', `127.0.0.1:${sim.port}`, '--out', project])).code).toBe(0);
  });

  afterAll(async () => {
    if (run && run.child.exitCode === null) await run.signal('SIGKILL');
    await sim?.stop();
  });

  it('writes every line to the file with its time, rotated by size, and only where the log went to stderr', async () => {
    const log = join(dir, 'relaygate.log');
    // A log left by an earlier run, nearly 8 kB: the first line of this one rotates it.
    const earlier = `${'e'.repeat(8170)}\n`;
    writeFileSync(log, earlier);
    run = spawnBuiltCli(['run', project, '--modbus-bind', '127.0.0.1', '--modbus-port', '0', '--no-mqtt', '--log-level', 'debug', '--log', log, '--log-max-size', '8k', '--log-files', '2']);
    await run.waitFor('stderr', /logging to .*relaygate\.log\n/);
    const text = () => [`${log}.1`, log].filter(existsSync).map((f) => readFileSync(f, 'utf8')).join('');
    await waitFor('connected and 4 RCBs enabled in the log', () => /connected to 127\.0\.0\.1/.test(text()) && (text().match(/RCB .* enabled/g) ?? []).length === 4, 20_000);
    expect(text()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z info {2}run {2}FDR1: 1 IED, 28 points; Ctrl-C to stop$/m);
    expect(text()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z info {2}run {2}modbus tcp:\/\/127\.0\.0\.1:\d+/im);
    const { code } = await run.signal('SIGTERM');
    expect(code).toBe(0);
    expect(text()).toMatch(/info {2}run {2}stopped\n$/);
    // Past 8 kB the file was rotated: the earlier run's log is relaygate.log.1, this run's in relaygate.log.
    expect(readFileSync(`${log}.1`, 'utf8')).toBe(earlier);
    expect(readFileSync(log, 'utf8')).toMatch(/^\d{4}-.*Z info {2}runtime {2}started: 1 IED, 28 points\n/);
    expect(readFileSync(log).length).toBeLessThanOrEqual(8192);
    expect(existsSync(`${log}.2`)).toBe(false);
    expect(run.stderr()).toBe(`relaygate run: logging to ${log}\n`);
  });

  it('refuses log options that make no sense, and a log file it cannot write', async () => {
    const alone = await runBuiltCli(['run', project, '--log-files', '3']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--log-files needs --log FILE/);
    const size = await runBuiltCli(['run', project, '--log', join(dir, 'x.log'), '--log-max-size', '10 parsecs']);
    expect(size.code).toBe(2);
    expect(size.stderr).toMatch(/--log-max-size must be a size of at least 1k, e\.g\. 512k or 10M, got '10 parsecs'/);
    const nowhere = await runBuiltCli(['run', project, '--log', join(dir, 'no-such-folder', 'x.log')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/cannot write the log file .*no-such-folder\/x\.log: ENOENT/);
  });
});
