import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { commands } from '.';

const FEEDER = resolve(import.meta.dirname, '..', '..', 'scl', 'fixtures', 'feeder-relay.cid');
const dir = mkdtempSync(join(tmpdir(), 'relaygate-scl-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interrupted: new Promise<void>(() => {}) };
  const code = await runCli(argv, commands, '0.0.0-test', io);
  return { code, out, err };
}

interface JsonSummary {
  file: string;
  edition: string;
  ieds: {
    name: string;
    accessPoints: { name: string; ip: string | null }[];
    counts: Record<string, number>;
    reportControls?: { id: string; buffered: boolean; rptId: string | null; dataSet: string | null; instances: string[]; trgOps: string[]; intgPd: number }[];
    recommended?: {
      ref: string;
      fc: string;
      type: string;
      tier: string;
      reason: string;
      coverage: { mode: string; reason: string; dataSets: { ref: string; member: string; reportControls: { id: string; onChange: boolean }[] }[] };
    }[];
  }[];
  warnings: { code: string; message: string; ied?: string }[];
}

const parse = (out: string[]) => JSON.parse(out.join('\n')) as JsonSummary;
const FEEDER_OVERVIEW = {
  name: 'FDR1',
  accessPoints: [{ name: 'S1', ip: '192.168.1.10' }],
  counts: { logicalDevices: 4, logicalNodes: 15, dataSets: 4, reportControls: 3, reportInstances: 8, leaves: 275 },
};
const MEMBER_WARNING = { code: 'unresolved-member', message: 'data set FDR1LD0/LLN0.dsProt: 1 of 3 members do not resolve: FDR1PROT/PDIS1.Op[MX] (Op has no data attribute with FC MX)', ied: 'FDR1' };

describe('relaygate scl', () => {
  it('--json prints the overview: every IED with its access points and counts, and the warnings', async () => {
    const r = await run('scl', FEEDER, '--json');
    expect([r.code, r.err]).toEqual([0, []]);
    const doc = parse(r.out);
    expect(Object.keys(doc)).toEqual(['file', 'edition', 'ieds', 'warnings']);
    expect([doc.file, doc.edition]).toEqual(['feeder-relay.cid', '2007B4']);
    expect(doc.ieds).toEqual([FEEDER_OVERVIEW]);
    // Data set members are resolved with an IED's details: the overview does not warn about them.
    expect(doc.warnings).toEqual([]);
  });

  it('--ied adds that IED\'s RCBs once and its recommended points, whose coverage names the RCBs by id', async () => {
    const r = await run('scl', FEEDER, '--ied', 'FDR1', '--json');
    expect([r.code, r.err]).toEqual([0, []]);
    const doc = parse(r.out);
    const ied = doc.ieds[0]!;
    expect(Object.keys(ied)).toEqual(['name', 'accessPoints', 'counts', 'reportControls', 'recommended']);
    expect({ name: ied.name, accessPoints: ied.accessPoints, counts: ied.counts }).toEqual(FEEDER_OVERVIEW);
    expect(ied.reportControls).toEqual([
      { id: 'FDR1LD0/LLN0.brcbStatus', buffered: true, rptId: 'FDR1/status', dataSet: 'FDR1LD0/LLN0.dsStatus', instances: ['brcbStatus01', 'brcbStatus02'], trgOps: ['dchg', 'qchg', 'gi'], intgPd: 0 },
      expect.objectContaining({ id: 'FDR1LD0/LLN0.urcbMeas', buffered: false, trgOps: ['period', 'gi'], intgPd: 1000 }),
      expect.objectContaining({ id: 'FDR1LD0/LLN0.urcbProt', buffered: false, instances: ['urcbProt'] }),
    ]);
    expect(ied.recommended).toHaveLength(46);
    expect(ied.recommended?.filter((p) => p.tier === 'essential')).toHaveLength(25);
    const ids = new Set(ied.reportControls?.map((rc) => rc.id));
    for (const p of ied.recommended ?? []) {
      expect(['report', 'poll']).toContain(p.coverage.mode);
      for (const d of p.coverage.dataSets) for (const rc of d.reportControls) expect(ids.has(rc.id)).toBe(true);
    }
    expect(ied.recommended?.find((p) => p.ref === 'FDR1_Control/XCBR1.Pos.stVal')).toEqual({
      ref: 'FDR1_Control/XCBR1.Pos.stVal',
      fc: 'ST',
      type: 'dbpos',
      tier: 'essential',
      reason: 'circuit breaker position (XCBR Pos.stVal)',
      category: 'position',
      coverage: {
        mode: 'report',
        reason: 'reported on change by BRCB FDR1LD0/LLN0.brcbStatus',
        dataSets: [
          { ref: 'FDR1LD0/LLN0.dsStatus', member: 'FDR1_Control/XCBR1.Pos[ST]', reportControls: [{ id: 'FDR1LD0/LLN0.brcbStatus', onChange: true }] },
          { ref: 'FDR1LD0/LLN0.dsGoose', member: 'FDR1_Control/XCBR1.Pos.stVal[ST]', reportControls: [] },
        ],
      },
    });
    expect(doc.warnings).toEqual([MEMBER_WARNING]);
  });

  it('prints a readable overview, and the points of the IEDs asked for', async () => {
    const r = await run('scl', FEEDER);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('feeder-relay.cid: SCL 2007B4, 1 IED');
    expect(text).toContain('IED FDR1   access points: S1 192.168.1.10');
    expect(text).toContain('  4 LD, 15 LN, 4 data sets, 3 RCBs (8 instances), 275 leaves');
    expect(text).not.toContain('recommended points (');
    expect(text).toContain("--ied NAME (or --all) lists an IED's recommended points and their report coverage.");
    const detailed = (await run('scl', FEEDER, '--ied', 'FDR1')).out.join('\n');
    expect(detailed).toContain('  46 recommended points (25 essential, 5 station, 16 extended): 13 reported, 33 to poll');
    expect(detailed).toMatch(/\n {4}FDR1PROT\/PTOC1\.Op\.general\[ST\] +essential +boolean +report protection operate, any phase \(PTOC Op\.general\)\n/);
    const essential = (await run('scl', FEEDER, '--ied', 'FDR1', '--tier', 'essential')).out.join('\n');
    expect(essential).toContain('  25 recommended points (25 essential): 8 reported, 17 to poll');
    const every = (await run('scl', FEEDER, '--ied', 'FDR1', '--tier', 'station,all', '--json')).out;
    expect(parse(every).ieds[0]?.recommended?.map((p) => p.tier).filter((t, i, a) => a.indexOf(t) === i)).toEqual(['all', 'station']);
    expect((await run('scl', FEEDER, '--ied', 'FDR1', '--tier', 'most')).err[0]).toBe("relaygate: --tier must be essential, station, extended, all; got 'most'");
    expect(detailed).toContain('FDR1MEAS/MMXU1.A.phsC.cVal.mag.f[MX]');
    expect(detailed).toContain('1 warning:\n  - data set FDR1LD0/LLN0.dsProt');
    expect(detailed).not.toContain('--ied NAME (or --all)');
  });

  it.each([
    [['scl', FEEDER, '--ied', 'NOPE'], "relaygate scl: no IED named 'NOPE' in feeder-relay.cid; it has FDR1"],
    [['scl', FEEDER, '--ied', 'FDR1', '--ied', 'X', '--ied', 'Y'], "relaygate scl: no IED named 'X', 'Y' in feeder-relay.cid; it has FDR1"],
    [['scl', join(dir, 'absent.scd')], /^relaygate scl: ENOENT: no such file or directory/],
  ])('exits 1 with one line for %j', async (argv, line) => {
    const r = await run(...argv);
    expect([r.code, r.out, r.err.length]).toEqual([1, [], 1]);
    expect(r.err[0]).toMatch(line);
  });

  it('exits 1 with file, line and column for a broken file', async () => {
    const path = join(dir, 'broken.iid');
    writeFileSync(path, '<SCL xmlns="http://www.iec.ch/61850/2003/SCL">\n  <IED name="A">\n</SCL>\n');
    const r = await run('scl', path, '--json');
    expect([r.code, r.out]).toEqual([1, []]);
    expect(r.err).toEqual(['relaygate scl: scl/syntax: broken.iid:3:1: not well-formed XML: expected </IED> but found </SCL>']);
  });

  it('exits 1 for an empty file and a DOCTYPE', async () => {
    writeFileSync(join(dir, 'empty.scd'), '');
    writeFileSync(join(dir, 'dtd.scd'), '<!DOCTYPE SCL [<!ENTITY a "b">]><SCL/>');
    expect((await run('scl', join(dir, 'empty.scd'))).err).toEqual(['relaygate scl: scl/empty: empty.scd: the file is empty (0 bytes); an SCL file starts with <?xml … ?> or <SCL']);
    expect((await run('scl', join(dir, 'dtd.scd'))).err[0]).toMatch(/^relaygate scl: scl\/doctype: dtd\.scd:1:1: a DOCTYPE is not accepted/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run('scl')).code).toBe(2);
    expect((await run('scl', 'a.scd', 'b.scd')).code).toBe(2);
    const both = await run('scl', FEEDER, '--ied', 'FDR1', '--all');
    expect([both.code, both.err[0]]).toEqual([2, 'relaygate: give --ied NAME or --all, not both']);
  });

  it('shows progress on stderr for a large file; --ied and --all details come IED by IED in the one JSON document', async () => {
    // The feeder relay's IED 900 times over (FDR1 … FDR900): about 4.9 MB.
    const text = readFileSync(FEEDER, 'utf8');
    const ied = text.slice(text.indexOf('<IED '), text.indexOf('</IED>') + 6);
    const copies = Array.from({ length: 900 }, (_, i) => ied.replace('name="FDR1"', `name="FDR${i + 1}"`)).join('\n');
    const path = join(dir, 'big.scd');
    writeFileSync(path, text.replace(ied, copies));
    const r = await run('scl', path, '--json');
    expect(r.code).toBe(0);
    const doc = parse(r.out);
    expect([doc.ieds.length, doc.ieds[0]?.name, doc.ieds[899]?.name]).toEqual([900, 'FDR1', 'FDR900']);
    expect(doc.ieds.every((i) => i.recommended === undefined)).toBe(true);
    expect(r.err[0]).toMatch(/^relaygate scl: reading [4-5]\.\d MB$/);
    expect(r.err.at(-1)).toMatch(/^relaygate scl: 100% done \(\d+\.\d s\)$/);
    expect(r.err.filter((l) => / ieds FDR\d+ /.test(l)).length).toBeGreaterThanOrEqual(8);
    const two = parse((await run('scl', path, '--ied', 'FDR900', '--ied', 'FDR2', '--json')).out);
    expect(two.ieds.filter((i) => i.recommended).map((i) => [i.name, i.recommended?.length])).toEqual([
      ['FDR2', 46],
      ['FDR900', 46],
    ]);
    expect(two.warnings.map((w) => w.ied)).toEqual(['FDR2', 'FDR900']);
    const all = await run('scl', path, '--all', '--json');
    expect(all.out.length).toBeGreaterThan(10);
    expect(parse(all.out).ieds.filter((i) => i.recommended?.length === 46)).toHaveLength(900);
  }, 60_000);
});
