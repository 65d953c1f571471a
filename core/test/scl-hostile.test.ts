/**
 * Hostile SCL files (issue 7): well-formed, each element fine on its own, but millions of them. The
 * built `relaygate scl` must end with the clear error naming the limit and what it saw, or read the
 * file, and stay within a memory bound measured here: the child's peak RSS (getrusage ru_maxrss,
 * written to fd 3 at exit by a preloaded hook). Before the budgets, two million empty top-level
 * elements (8 MB) took about 1 GB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT, assertBuilt } from './support/cli-process';

const dir = mkdtempSync(join(tmpdir(), 'relaygate-scl-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hook = join(dir, 'rusage.mjs');
writeFileSync(hook, `import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));\n`);

const NS = 'xmlns="http://www.iec.ch/61850/2003/SCL"';
const MiB = 1024 * 1024;

/** Writes `<SCL>{body}</SCL>` and runs `relaygate scl` on it: exit code, stderr lines without progress, peak RSS. */
function scl(name: string, body: string, ...args: string[]): Promise<{ code: number | null; errors: string[]; rss: number }> {
  assertBuilt();
  const path = join(dir, name);
  writeFileSync(path, `<SCL ${NS}>${body}</SCL>`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--import=${hook}`, CLI_PATH, 'scl', path, '--json', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let rss = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const errors = stderr.split('\n').filter((l) => l !== '' && !/^relaygate scl: (reading|\s*\d+%)/.test(l));
      resolve({ code, errors, rss: Number(rss) * 1024 });
    });
  });
}

describe('relaygate scl against hostile SCL files', () => {
  it('refuses two million empty top-level elements (8 MB) with the element budget, in bounded memory', async () => {
    const r = await scl('empty.scd', '<a/>'.repeat(2_000_000));
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'relaygate scl: scl/limit: empty.scd:1:4000067: more than 1000006 elements in 8000052 characters: at most one element per 8 characters on average (minCharsPerElement); real SCL has one per 30 or more',
    ]);
    expect(r.rss).toBeLessThan(160 * MiB);
  }, 60_000);

  it('refuses six hundred thousand IEDs with maxIeds, in bounded memory', async () => {
    const r = await scl('ieds.scd', '<IED name="x"/>'.repeat(600_000));
    expect([r.code, r.errors]).toEqual([1, ['relaygate scl: scl/limit: ieds.scd:1:150047: more than 10000 IEDs (maxIeds)']]);
    expect(r.rss).toBeLessThan(160 * MiB);
  }, 60_000);

  it('refuses half a million LNs in one IED with the LN budget, in bounded memory', async () => {
    const r = await scl('lns.scd', `<IED name="A"><AccessPoint name="P"><Server><LDevice inst="L">${'<LN lnType="T"/>'.repeat(500_000)}</LDevice></Server></AccessPoint></IED>`);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'relaygate scl: scl/limit: lns.scd:1:2000141: more than 125002 LN0/LN elements in 8000153 characters: at most one per 64 characters (minCharsPerLogicalNode); a real LN with its DOIs takes 500 or more',
    ]);
    expect(r.rss).toBeLessThan(160 * MiB);
  }, 60_000);

  it('reads 150,000 Substation bays and 300,000 DataTypeTemplates without keeping them', async () => {
    const bays = await scl('bays.scd', `<Substation name="S">${'<VoltageLevel name="v"><Bay name="b"/></VoltageLevel>'.repeat(150_000)}</Substation>`);
    expect([bays.code, bays.errors]).toEqual([0, []]);
    expect(bays.rss).toBeLessThan(160 * MiB);
    const templates = await scl('templates.scd', '<DataTypeTemplates/>'.repeat(300_000));
    expect([templates.code, templates.errors]).toEqual([0, []]);
    expect(templates.rss).toBeLessThan(160 * MiB);
  }, 60_000);

  it('reads a data set of 400,000 unresolvable members: the overview skips them, the details stay in proportion', async () => {
    const body = `<IED name="A"><AccessPoint name="P"><Server><LDevice inst="L"><LN0 lnClass="LLN0" inst="" lnType="T"><DataSet name="D">${'<FCDA ldInst="L"/>'.repeat(400_000)}</DataSet></LN0></LDevice></Server></AccessPoint></IED>`;
    const overview = await scl('members.scd', body);
    expect([overview.code, overview.errors]).toEqual([0, []]);
    expect(overview.rss).toBeLessThan(160 * MiB);
    const details = await scl('members.scd', body, '--all');
    expect([details.code, details.errors]).toEqual([0, []]);
    expect(details.rss).toBeLessThan(400 * MiB);
  }, 60_000);
});
