import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema } from '../contract';
import { Simulator } from '../sim';
import { CLI_PATH, REPO_ROOT, assertBuilt, runBuiltCli } from './support/cli-process';
import { FEEDER_SCL } from './support/feeder-project';
import { closeModbus, modbusClient } from './support/gateway-fixture';
import { waitFor } from './support/wait';

/** `relaygate init`, `run` and `demo` as a user runs them: the built CLI in its own process. */

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function spawnCli(args: string[]): Proc {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

let dir: string;
let sim: Simulator;
const procs: Proc[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-cli-runtime-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
});
afterEach(() => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('relaygate init, run and demo', () => {
  it('init writes a ready project from SCL: essential tier, report plans, Modbus map with status companions, MQTT on', async () => {
    const out = join(dir, 'feeder.json');
    const r = await runBuiltCli(['init', FEEDER_SCL, '--host', `127.0.0.1:${sim.port}`, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    expect(r.stderr).toMatch(/FDR1 at 127\.0\.0\.1:\d+: 28 points \(21 by report through 4 RCBs, 7 polled\)/);
    const project = ProjectSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(project.mqtt.enabled).toBe(true);
    expect(project.points.every((p) => p.modbus?.companions.status !== undefined)).toBe(true);
    expect(project.points.find((p) => p.ref === 'FDR1CTRL/Q0XCBR1.Pos.stVal')).toMatchObject({ source: 'report', modbus: { area: 'input', type: 'dbpos' } });
    const again = await runBuiltCli(['init', FEEDER_SCL, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; choose another --out or add --force/);
    const none = await runBuiltCli(['init', FEEDER_SCL, '--host', `127.0.0.1:${sim.port}`, '--companions', 'none', '--tier', 'station', '--out', join(dir, 'station.json')]);
    expect(none.code).toBe(0);
    const station = ProjectSchema.parse(JSON.parse(readFileSync(join(dir, 'station.json'), 'utf8')));
    expect(station.points.filter((p) => p.modbus).every((p) => Object.keys(p.modbus?.companions ?? {}).length === 0)).toBe(true);
    expect(station.points.some((p) => /\.(q|t)$/.test(p.ref))).toBe(false);
    expect(station.points.every((p) => p.source === 'report')).toBe(true);
  });

  it('init from the live IED discovers it and names the password by environment variable only', async () => {
    const out = join(dir, 'live.json');
    const r = await runBuiltCli(['init', `127.0.0.1:${sim.port}`, '--out', out, '--password', 'not-needed']);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('not-needed');
    const project = ProjectSchema.parse(JSON.parse(text));
    expect(project.ieds[0]).toMatchObject({ id: 'FDR1', password: { env: 'FDR1_PASSWORD' }, origin: { discovered: expect.stringContaining(`127.0.0.1:${sim.port}`) } });
    expect(project.points.map((p) => p.ref)).toContain('FDR1CTRL/Q0XCBR1.Pos.stVal');
    expect(project.points.find((p) => p.ref === 'FDR1CTRL/Q0XCBR1.Pos.stVal')?.source).toBe('report');
  });

  it('run serves the project, logs connections, and on SIGTERM releases its RCBs and exits 0', async () => {
    const path = join(dir, 'run.json');
    expect((await runBuiltCli(['init', FEEDER_SCL, '--host', `127.0.0.1:${sim.port}`, '--out', path])).code).toBe(0);
    const run = spawnCli(['run', path, '--modbus-bind', '127.0.0.1', '--modbus-port', '0', '--no-mqtt']);
    procs.push(run);
    const endpoint = await waitFor('the Modbus endpoint line', () => /modbus tcp:\/\/127\.0\.0\.1:(\d+)/.exec(run.err())?.[1], 15_000);
    await waitFor('connected and RCBs enabled', () => /connected to 127\.0\.0\.1/.test(run.err()) && (run.err().match(/RCB .* enabled/g) ?? []).length === 4, 15_000);
    const held = ['brcbStatus01', 'brcbProt01', 'urcbMeas01', 'urcbSystem01'].filter((n) => sim.reports.find(`FDR1LD0/LLN0.${n}`)?.enabled);
    expect(held).toHaveLength(4);
    const c = await modbusClient(Number(endpoint));
    const breaker = ProjectSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).points.find((p) => p.ref === 'FDR1CTRL/Q0XCBR1.Pos.stVal');
    let value = -1;
    for (const deadline = Date.now() + 5000; Date.now() < deadline && value !== 2; ) value = (await c.readInputRegisters(breaker?.modbus?.address ?? 0, 1)).data[0] as number;
    expect(value).toBe(2);
    await closeModbus(c);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.err()).toMatch(/stopping \(releasing RCBs, concluding associations\)/);
    expect(run.err()).toMatch(/relaygate run: stopped/);
    expect(run.err()).toMatch(/RCB FDR1LD0\/LLN0\.brcbStatus01 disabled and released/);
    expect(['brcbStatus01', 'brcbProt01', 'urcbMeas01', 'urcbSystem01'].filter((n) => sim.reports.find(`FDR1LD0/LLN0.${n}`)?.enabled)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'run.state.json'), 'utf8'))).toMatchObject({ stateVersion: 1, entryIds: { FDR1: expect.any(Object) } });
  });

  it('run refuses a broken project with where it is broken, and exits 1', async () => {
    const r = await runBuiltCli(['run', FEEDER_SCL]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^relaygate run: project\/bad-json: .*feeder-relay\.cid: the file is not valid JSON/);
  });

  it('demo prints its endpoints and the first live values within 3 s, then stops on SIGINT', async () => {
    const demo = spawnCli(['demo', '--modbus-port', '0', '--mqtt-port', '0', '--ui-port', '0']);
    procs.push(demo);
    const seconds = await waitFor('first values', () => /First values after (\d+\.\d) s/.exec(demo.out())?.[1], 20_000);
    expect(Number(seconds)).toBeLessThanOrEqual(3);
    // The table may reach the pipe in a later chunk than its heading: wait for its 28 rows.
    await waitFor('28 rows of first values', () => (demo.out().match(/\s ok\s/g) ?? []).length >= 28, 10_000);
    const out = demo.out();
    expect(out).toMatch(/IED \(simulated, MMS\)\s+127\.0\.0\.1:\d+/);
    expect(out).toMatch(/Modbus TCP\s+tcp:\/\/127\.0\.0\.1:\d+ \(unit id 1, 28 points\)/);
    expect(out).toMatch(/MQTT\s+mqtt:\/\/127\.0\.0\.1:\d+ \(topic root relaygate, embedded broker\)/);
    expect(out).toMatch(/web UI\s+http:\/\/127\.0\.0\.1:\d+\//);
    expect(out).toMatch(/CTRL_Q0XCBR1_Pos_stVal\s+(closed|open)\s+ok\s+(report|poll)\s+30\d{3} dbpos/);
    expect((out.match(/\s ok\s/g) ?? []).length).toBe(28);
    const folder = /project\s+(\S+)\/project\.json/.exec(out)?.[1] ?? '';
    expect(existsSync(join(folder, 'project.json'))).toBe(true);
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    // Its project, state file and outbox go with it: a later demo never resumes from this one.
    expect(existsSync(folder)).toBe(false);
  });

  it('demo says which flag to change when a port is taken, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = String((taken.address() as AddressInfo).port);
    try {
      const ui = await runBuiltCli(['demo', '--modbus-port', '0', '--mqtt-port', '0', '--ui-port', port]);
      expect(ui.code).toBe(1);
      expect(ui.stderr).toMatch(new RegExp(`the web UI cannot listen on 127\\.0\\.0\\.1:${port} \\(or give --no-ui\\): .*EADDRINUSE.*choose one with --modbus-port, --mqtt-port or --ui-port`));
      const modbus = await runBuiltCli(['demo', '--modbus-port', port, '--mqtt-port', '0', '--no-ui']);
      expect(modbus.code).toBe(1);
      expect(modbus.stderr).toMatch(/the Modbus server cannot listen on .*EADDRINUSE.*choose one with --modbus-port/);
    } finally {
      taken.close();
    }
  });
});
