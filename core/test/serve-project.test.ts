import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProject } from '../cli';
import { IedStatusListSchema, StatusSchema } from '../contract';
import { writeProjectFile } from '../runtime';
import { Simulator } from '../sim';
import { runBuiltCli, startBuiltCli, type LongRunning } from './support/cli-process';
import { FEEDER_SCL } from './support/feeder-project';
import { closeModbus, modbusClient } from './support/gateway-fixture';
import { sleep } from './support/wait';
import { TestWsClient } from './support/ws-client';

/** `relaygate serve --project FILE [--start]`: the project opened at start, and with --start its runtime running. */

let dir: string;
let sim: Simulator;
let path: string;
const running: LongRunning[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-serve-project-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
  const project = await demoProject(FEEDER_SCL, sim.port, 0, 0);
  path = join(dir, 'feeder.json');
  await writeProjectFile(path, { ...project, mqtt: { ...project.mqtt, enabled: false } });
});

afterAll(async () => {
  for (const r of running) await r.stop();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<{ ws: TestWsClient; r: LongRunning }> {
  const r = await startBuiltCli(['serve', '--port', '0', ...args], /^relaygate serve: listening on (http:\/\/127\.0\.0\.1:\d+\/)$/);
  running.push(r);
  return { ws: await TestWsClient.connect(`${r.match.replace('http:', 'ws:')}api`), r };
}

let id = 0;
async function call(ws: TestWsClient, method: string): Promise<unknown> {
  const reply = await ws.call(++id, method);
  if ('error' in reply) throw new Error(JSON.stringify(reply.error));
  return reply.result;
}

describe('relaygate serve --project', () => {
  it('with --start opens the project and runs its gateway from the start: the IED connected, Modbus answering', async () => {
    const { ws, r } = await serve(['--project', path, '--start']);
    expect(StatusSchema.parse(await call(ws, 'getStatus'))).toMatchObject({ state: 'running', project: 'RelayGate demo' });
    expect(r.stderr()).toMatch(/relaygate serve: project RelayGate demo from .*feeder\.json: 1 IEDs, 28 points/);
    const endpoint = /relaygate serve: modbus \S+:(\d+)/.exec(r.stderr());
    expect(endpoint).not.toBeNull();
    const ied = async (): Promise<string | undefined> => IedStatusListSchema.parse(await call(ws, 'getIedStatus')).ieds[0]?.state;
    const deadline = Date.now() + 15_000;
    let state = await ied();
    while (state !== 'connected' && Date.now() < deadline) {
      await sleep(100);
      state = await ied();
    }
    expect(state).toBe('connected');
    const c = await modbusClient(Number(endpoint![1]));
    expect((await c.readInputRegisters(0, 1)).data).toHaveLength(1);
    await closeModbus(c);
    ws.close();
    expect(await r.stop()).toBe(0);
  });

  it('without --start opens it without starting the runtime', async () => {
    const { ws, r } = await serve(['--project', path]);
    expect(StatusSchema.parse(await call(ws, 'getStatus'))).toMatchObject({ state: 'idle', project: 'RelayGate demo' });
    expect(r.stderr()).toMatch(/the runtime is not started \(no --start\)/);
    ws.close();
    expect(await r.stop()).toBe(0);
  });

  it('refuses a project file that cannot be read, naming it, with exit 1', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1, "name": ');
    const result = await runBuiltCli(['serve', '--port', '0', '--project', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.json');
    expect(result.stdout).toBe('');
  });
});
