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
    recommended: { ref: string; fc: string; type: string; reason: string; coverage: { mode: string; reason: string; dataSets: unknown[] } }[];
  }[];
  warnings: { code: string; message: string; ied?: string }[];
}

describe('relaygate scl', () => {
  it('--json prints one JSON document in the shape of CONVENTIONS.md', async () => {
    const r = await run('scl', FEEDER, '--json');
    expect([r.code, r.err]).toEqual([0, []]);
    expect(r.out).toHaveLength(1);
    const doc = JSON.parse(r.out[0] ?? '') as JsonSummary;
    expect(Object.keys(doc)).toEqual(['file', 'edition', 'ieds', 'warnings']);
    expect([doc.file, doc.edition, doc.ieds.length]).toEqual(['feeder-relay.cid', '2007B4', 1]);
    const ied = doc.ieds[0]!;
    expect(Object.keys(ied)).toEqual(['name', 'accessPoints', 'counts', 'recommended']);
    expect(ied.name).toBe('FDR1');
    expect(ied.accessPoints).toEqual([{ name: 'S1', ip: '192.168.1.10' }]);
    expect(ied.counts).toEqual({ logicalDevices: 4, logicalNodes: 15, dataSets: 4, reportControls: 3, reportInstances: 8, leaves: 275 });
    expect(ied.recommended).toHaveLength(44);
    for (const p of ied.recommended) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['ref', 'fc', 'type', 'reason', 'coverage']));
      expect(['report', 'poll']).toContain(p.coverage.mode);
    }
    expect(ied.recommended.find((p) => p.ref === 'FDR1_Control/XCBR1.Pos.stVal')).toMatchObject({
      fc: 'ST',
      type: 'dbpos',
      reason: 'circuit breaker position (XCBR Pos.stVal)',
      coverage: { mode: 'report', reason: 'reported on change by BRCB FDR1LD0/LLN0.brcbStatus' },
    });
    expect(doc.warnings).toEqual([
      { code: 'unresolved-member', message: 'data set FDR1LD0/LLN0.dsProt: 1 of 3 members do not resolve: FDR1PROT/PDIS1.Op[MX] (Op has no data attribute with FC MX)', ied: 'FDR1' },
    ]);
  });

  it('prints a readable summary', async () => {
    const r = await run('scl', FEEDER);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('feeder-relay.cid: SCL 2007B4, 1 IED');
    expect(text).toContain('IED FDR1   access points: S1 192.168.1.10');
    expect(text).toContain('  4 LD, 15 LN, 4 data sets, 3 RCBs (8 instances), 275 leaves');
    expect(text).toContain('  44 recommended points (health 13, indication 7, measurement 9, protection 11, position 4): 11 reported, 33 to poll');
    expect(text).toMatch(/\n {4}FDR1PROT\/PTOC1\.Op\.general\[ST\] +boolean +report protection operate, any phase \(PTOC Op\.general\)\n/);
    expect(text).not.toContain('XCBR1.Pos.stVal');
    expect(text).toContain('… 19 more (--ied FDR1 lists them all, --json gives everything)');
    expect(text).toContain('1 warning:\n  - data set FDR1LD0/LLN0.dsProt');
  });

  it('--ied lists every point of that IED', async () => {
    const r = await run('scl', FEEDER, '--ied', 'FDR1');
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('FDR1MEAS/MMXU1.A.phsC.cVal.mag.f[MX]');
    expect(r.out.join('\n')).not.toContain('more (--ied');
  });

  it.each([
    [['scl', FEEDER, '--ied', 'NOPE'], "relaygate scl: no IED named 'NOPE' in feeder-relay.cid; it has FDR1"],
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
  });

  it('shows progress on stderr for a large file, and keeps stdout to the one JSON document', async () => {
    // The feeder relay's IED 900 times over (FDR1 … FDR900): about 4.9 MB.
    const text = readFileSync(FEEDER, 'utf8');
    const ied = text.slice(text.indexOf('<IED '), text.indexOf('</IED>') + 6);
    const copies = Array.from({ length: 900 }, (_, i) => ied.replace('name="FDR1"', `name="FDR${i + 1}"`)).join('\n');
    const path = join(dir, 'big.scd');
    writeFileSync(path, text.replace(ied, copies));
    const r = await run('scl', path, '--json');
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const names = (JSON.parse(r.out[0] ?? '') as JsonSummary).ieds.map((i) => i.name);
    expect([names.length, names[0], names[899]]).toEqual([900, 'FDR1', 'FDR900']);
    expect(r.err[0]).toMatch(/^relaygate scl: reading [4-5]\.\d MB$/);
    expect(r.err.at(-1)).toMatch(/^relaygate scl: 100% done \(\d+\.\d s\)$/);
    expect(r.err.filter((l) => / ieds FDR\d+ /.test(l)).length).toBeGreaterThanOrEqual(8);
  });
});
