import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticScd } from '../bench';
import { isoStackFor, openIed } from '../client';
import { TcpListener } from '../transport';
import { CLI_PATH, REPO_ROOT, assertBuilt } from './support/cli-process';
import { waitFor } from './support/wait';

/*
 * `relaygate sim --all` of a station SCD: each IED serves on its own port, from --port upward, as soon
 * as it is built, while the IEDs after it are still being read and built.
 */

const IEDS = 8;
const dir = mkdtempSync(join(tmpdir(), 'relaygate-sim-all-'));
const file = join(dir, 'station.scd');
writeFileSync(file, syntheticScd(IEDS));
const children: ReturnType<typeof spawn>[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const name = (i: number) => `REL${String(i).padStart(3, '0')}`;

/** A first port with the IEDS ports from it free now (another program may still take one later). */
async function freePorts(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const held: TcpListener[] = [];
    try {
      for (let p = base; p < base + IEDS; p++) held.push(await TcpListener.listen(p, '127.0.0.1'));
      return base;
    } catch {
      // one of them is taken: try elsewhere
    } finally {
      for (const l of held) await l.close();
    }
  }
  throw new Error(`no ${IEDS} consecutive free ports found`);
}

/** What a client sees of the IED at a port: its identity and its LDs. */
async function identityAt(port: number): Promise<{ vendorName: string; modelName: string; revision: string; lds: string[] }> {
  const session = await openIed({ host: '127.0.0.1', port }, isoStackFor);
  try {
    return { ...(await session.client.identify()), lds: await session.client.logicalDevices() };
  } finally {
    await session.close();
  }
}

describe('relaygate sim --all', () => {
  it('serves each IED on consecutive ports with its identity, the first while the later ones still load', async () => {
    assertBuilt();
    const base = await freePorts();
    const child = spawn(process.execPath, [CLI_PATH, 'sim', file, '--all', '--port', String(base), '--json', '--static'], { cwd: REPO_ROOT });
    children.push(child);
    const listening: string[] = [];
    let all: string | undefined;
    let stderr = '';
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderr += `${line}\n`;
      if (line.includes(' listening on ')) listening.push(line);
    });
    createInterface({ input: child.stdout }).once('line', (line) => (all = line));

    // The first IED answers as soon as it says it listens, before the last one is up.
    await waitFor(`the first IED to listen (stderr: ${stderr})`, () => listening.length > 0, 60_000);
    expect(listening[0]).toBe(`relaygate sim: REL001 listening on 127.0.0.1:${base} (1 of ${IEDS})`);
    const first = await identityAt(base);
    const answeredBeforeAll = all === undefined;
    expect(first).toEqual({ vendorName: 'Synthetic', modelName: 'FeederProtection', revision: '1.0', lds: ['REL001CTRL', 'REL001LD0', 'REL001MEAS', 'REL001PROT'] });
    expect(answeredBeforeAll).toBe(true);
    expect(listening.length).toBeLessThan(IEDS);

    const line = await waitFor(`every IED to listen (stderr: ${stderr})`, () => all, 120_000, 50);
    const rows = JSON.parse(line) as { ied: string; host: string; port: number }[];
    const expected = Array.from({ length: IEDS }, (_, i) => ({ ied: name(i + 1), host: '127.0.0.1', port: base + i }));
    expect(rows).toEqual(expected);
    expect(listening).toEqual(expected.map((r, i) => `relaygate sim: ${r.ied} listening on 127.0.0.1:${r.port} (${i + 1} of ${IEDS})`));
    for (const r of rows) {
      const seen = await identityAt(r.port);
      expect(seen.lds).toEqual(['CTRL', 'LD0', 'MEAS', 'PROT'].map((ld) => `${r.ied}${ld}`));
      expect(seen.modelName).toBe('FeederProtection');
    }
    child.kill('SIGTERM');
  }, 180_000);
});
