import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretResolver } from '../project';
import { RuntimeHost, writeProjectFile, type RuntimeLogEntry } from '../runtime';
import { Simulator } from '../sim';
import { FEEDER_SCL, feederProject } from './support/feeder-project';
import { TEST_RUNTIME_OPTIONS } from './support/gateway-fixture';
import { waitFor } from './support/wait';

/**
 * A gateway restart resumes a BRCB after the last EntryID it saw (kept in the state file): the
 * changes made while it was stopped arrive, once each, and nothing from before is replayed.
 */

let dir: string;
let sim: Simulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-resume-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function host(path: string, logs: RuntimeLogEntry[]): Promise<RuntimeHost> {
  const project = feederProject(sim.port, { pollMs: 60_000 });
  return RuntimeHost.start(project, { projectPath: path, secrets: secretResolver({}), runtimeOptions: TEST_RUNTIME_OPTIONS, log: (e) => logs.push(e) });
}

const status = (h: RuntimeHost) => h.gateway.iedStatus('FDR1')?.reports.find((r) => r.id === 'status');

describe('BRCB resume across a gateway restart', () => {
  it('replays exactly the entries after the saved EntryID', async () => {
    const path = join(dir, 'feeder.json');
    await writeProjectFile(path, feederProject(sim.port));
    const firstLogs: RuntimeLogEntry[] = [];
    const first = await host(path, firstLogs);
    await waitFor('brcbStatus active', () => status(first)?.state === 'active' && first.gateway.cache.get('FDR1/cb_pos')?.source === 'report', 10_000);
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    await waitFor('open by report', () => first.gateway.cache.get('FDR1/cb_pos')?.value === 'open');
    const saved = status(first)?.lastEntryId;
    expect(saved).toMatch(/^[0-9a-f]{16}$/);
    await first.stop();
    expect(JSON.parse(readFileSync(join(dir, 'feeder.state.json'), 'utf8'))).toEqual({
      stateVersion: 1,
      entryIds: { FDR1: { status: saved, prot: expect.any(String) } },
      instances: { FDR1: { status: 'FDR1LD0/LLN0.brcbStatus01', prot: 'FDR1LD0/LLN0.brcbProt01' } },
    });

    // While the gateway is away, the IED keeps buffering: two changes.
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'closed' });
    await new Promise((r) => setTimeout(r, 30));
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });

    const logs: RuntimeLogEntry[] = [];
    const second = await host(path, logs);
    try {
      await waitFor('resumed', () => status(second)?.state === 'active' && (status(second)?.reports ?? 0) >= 3, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(logs.some((l) => l.message === `RCB FDR1LD0/LLN0.brcbStatus01: resumed after EntryID ${saved}`)).toBe(true);
      // The two buffered changes and the GI: not the change from before the restart again.
      expect(status(second)).toMatchObject({ reports: 3, entryIdGaps: 0, sqNumGaps: 0, bufferOverflows: 0 });
      expect(second.gateway.cache.get('FDR1/cb_pos')).toMatchObject({ value: 'open', source: 'report', buffered: true });
    } finally {
      await second.stop();
    }
  });
});
