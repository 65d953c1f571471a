import { afterEach, describe, expect, it } from 'vitest';
import { serviceErrorByName } from '../mms';
import { spawnBuiltCli, type CliProcess } from './support/cli-process';
import { namesScript } from './support/hostile-names';
import { hostilePeers } from './support/hostile-peer';
import { RCB, rcbReport, rcbScript } from './support/hostile-rcb';
import { ProcessMemory } from './support/proc-memory';

/*
 * The CLI as a real process against scripted hostile IEDs over TCP on 127.0.0.1: each run must end
 * with a clear error (or a clear line, for watch), stay under a memory bound measured from /proc, and
 * obey SIGINT within 2 s. The bounds are far above what the runs need (about 60-120 MiB) and far below
 * what the same peers made RelayGate hold before the budgets (0.5-1.3 GiB).
 */

const { peer, defer } = hostilePeers(afterEach);

/** Starts the CLI, following its memory, and kills it at the end of the test whatever happens. */
function cli(args: string[]): { run: CliProcess; memory: ProcessMemory } {
  const run = spawnBuiltCli(args);
  const memory = new ProcessMemory(run.child.pid as number);
  defer({
    close: async () => {
      memory.stop();
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    },
  });
  return { run, memory };
}

const lastLine = (text: string): string => text.trimEnd().split('\n').pop() ?? '';
const notLns = (k: number): string[] => Array.from({ length: 500 }, (_, i) => `LLN0$ST$P${k}x${i}`);

describe('relaygate discover against hostile IEDs', () => {
  it('ends a name list that never ends at its limit, with the error, the peer and the flag to raise it', async () => {
    const p = await peer(namesScript((k) => ({ names: notLns(k), more: true })));
    const { run, memory } = cli(['discover', p.address]);
    expect(await run.exited).toBe(1);
    expect(lastLine(run.stderr())).toBe(
      `relaygate discover: ${p.address}: GetNameList namedVariable of LD0, page 401: 200500 names pass the limit maxNamesPerList (200000); if the IED really needs more, raise it with --limit maxNamesPerList=N`,
    );
    expect(memory.peakMiB).toBeLessThan(250);
  }, 60_000);

  it('obeys SIGINT within 2 s while names keep coming, holding only what it keeps', async () => {
    const p = await peer(namesScript((k) => ({ names: notLns(k), more: true })));
    const big = ['maxNamesPerList', 'maxNamesPerDomain', 'maxNamesPerAssociation'].flatMap((l) => [
      '--limit',
      `${l}=1000000000`,
    ]);
    const bytes = ['maxNameBytesPerList', 'maxNameBytesPerAssociation'].flatMap((l) => [
      '--limit',
      `${l}=1000000000000`,
    ]);
    const { run, memory } = cli(['discover', p.address, ...big, ...bytes]);
    await run.waitFor('stderr', /relaygate discover: names LD0/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(p.requests).toBeGreaterThan(20); // pages are flowing
    const { code, ms } = await run.signal('SIGINT');
    expect(code).toBe(1);
    expect(ms).toBeLessThan(2000);
    expect(lastLine(run.stderr())).toBe('relaygate discover: interrupted');
    expect(memory.peakMiB).toBeLessThan(250);
  }, 60_000);

  it('asks once per missing LN: 9000 refused LNs cost 9000 requests, not 189,000', async () => {
    const lns = Array.from({ length: 9000 }, (_, i) => `LN${i}`);
    const p = await peer(
      namesScript((k) => ({ names: k === 1 ? lns.slice(0, 5000) : lns.slice(5000), more: k === 1 })),
    );
    const { run, memory } = cli(['discover', p.address, '--json']);
    expect(await run.exited).toBe(0);
    // identify, the LD list, 2 pages of names, 9000 type queries, the data set list.
    expect(p.requests).toBe(1 + 1 + 2 + 9000 + 1);
    const doc = JSON.parse(run.stdout()) as { warnings: string[]; leaves: unknown[] };
    expect(doc.leaves).toEqual([]);
    expect(doc.warnings).toHaveLength(1001);
    expect(doc.warnings.at(-1)).toBe('8000 more warnings not kept (limit maxWarnings 1000)');
    expect(memory.peakMiB).toBeLessThan(250);
  }, 60_000);

  it('ends a fan-out of refused FCs at maxRequests, set on the command line', async () => {
    // Every LN shows three FCs in its name list, and every type query is refused: one query per FC.
    const names = Array.from({ length: 2000 }, (_, i) => [
      `LN${i}`,
      `LN${i}$ST`,
      `LN${i}$MX`,
      `LN${i}$CF`,
    ]).flat();
    const p = await peer(
      namesScript(
        (k) => ({ names: names.slice((k - 1) * 4000, k * 4000), more: k === 1 }),
        () => ({ error: serviceErrorByName('resource/capability-unavailable') }),
      ),
    );
    const { run } = cli(['discover', p.address, '--limit', 'maxRequests=3000']);
    expect(await run.exited).toBe(1);
    expect(lastLine(run.stderr())).toBe(
      `relaygate discover: ${p.address}: discovery: 3001 requests pass the limit maxRequests (3000); if the IED really needs more, raise it with --limit maxRequests=N`,
    );
    expect(p.requests).toBeLessThan(3100);
  }, 60_000);

  it('refuses an unknown --limit name as a usage error listing the known ones', async () => {
    const { run } = cli(['discover', '127.0.0.1:1', '--limit', 'maxEverything=5']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(
      /^relaygate: --limit takes NAME=N with N >= 1 and NAME one of maxNamesPerList, .*maxInProgress; got 'maxEverything=5'$/m,
    );
  });
});

describe('relaygate watch against hostile IEDs', () => {
  it('drops a segmented report whose segments never end at maxSegments, says it once, stays small and obeys SIGINT', async () => {
    const members = 1000;
    let k = 0;
    // Segments of report #s, each with one new member, MoreSegmentsFollow always true; a new SeqNum
    // every 300 segments, forever.
    const p = await peer(
      rcbScript(members, (s) =>
        s.flood(() => {
          const seq = Math.floor(k / 300);
          const sub = k++ % 300;
          return rcbReport(members, seq, [sub], { sub, more: true });
        }),
      ),
    );
    const { run, memory } = cli(['watch', p.address, RCB.ref]);
    await run.waitFor('stderr', /enabled \(URCB, data set LD0\/LLN0\$DS1, 1000 members\)/);
    // The flood starts with the GI: on a loaded machine the first report may be partly gone by the time
    // the subscription listens (it then ends as a gap, not at the limit), so the first one dropped at
    // the limit may be #1 or later.
    const [, first] = await run.waitFor(
      'stderr',
      /relaygate watch: 127\.0\.0\.1:\d+: segmented report RPT1 #(\d+) dropped after 257 segments: 257 segments pass the limit maxSegments \(256\)\n/,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(k).toBeGreaterThan(3000); // still flooding
    expect(run.stderr().match(new RegExp(`#${first} dropped`, 'g'))).toHaveLength(1); // said once, not once per later segment
    const { code, ms } = await run.signal('SIGINT');
    expect(ms).toBeLessThan(2000);
    expect(code).toBe(0);
    expect(run.stderr()).toMatch(
      /relaygate watch: (disabled and released|the IED did not confirm the disable within 700 ms; aborting the association \(which frees the URCB\))\n/,
    );
    expect(run.stdout()).toBe('');
    expect(memory.peakMiB).toBeLessThan(250);
  }, 60_000);

  it('says each report it cannot decode on stderr, keeps printing the good ones, and obeys SIGINT', async () => {
    const members = 4;
    // An unconfirmed-PDU (a report) whose informationReport holds one truncated TLV.
    const garbage = Uint8Array.of(0xa3, 0x03, 0xa0, 0x01, 0xff);
    const p = await peer(
      rcbScript(members, (s) =>
        setTimeout(() => {
          s.send(rcbReport(members, 1, [0, 1]));
          s.send(rcbReport(members, 2, [0], undefined, 3)); // 3 inclusion bits for a data set of 4
          s.send(garbage);
          s.send(rcbReport(members, 3, [3]));
        }, 100),
      ),
    );
    const { run, memory } = cli(['watch', p.address, RCB.ref]);
    await run.waitFor('stdout', /report RPT1 {2}#3/);
    await run.waitFor('stderr', /undecodable report[^]*undecodable report/);
    const stderr = run.stderr();
    expect(stderr).toContain(
      `relaygate watch: undecodable report from ${p.address}: iec61850/bad-report: report Inclusion (item 3): 3 bits for a data set of 4 members\n`,
    );
    expect(stderr).toContain(
      `relaygate watch: undecodable report from ${p.address}: asn1/truncated at offset 4: the tag number runs past the end of the data\n`,
    );
    expect(stderr.match(/undecodable report/g)).toHaveLength(2);
    expect(run.stdout().match(/^report RPT1/gm)).toHaveLength(2);
    const { code, ms } = await run.signal('SIGINT');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(memory.peakMiB).toBeLessThan(250);
  }, 60_000);
});
