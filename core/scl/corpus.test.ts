/**
 * Imports every file of the shared SCL corpus (../shared/scl, beside the repository; never copied into
 * it) and checks each row of its MANIFEST.md, which an independent script counted. Differences are
 * listed in DIFFERENCES below with the reason, and asserted as such; docs/SCL.md explains them.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SclError, iedCounts, importScl, type SclDocument } from '.';

/** ../shared/scl beside the repository; a git worktree sits one folder deeper (/work/wt/NAME), so look there too. */
const CORPUS = ['../../../shared/scl', '../../../../shared/scl'].map((p) => resolve(import.meta.dirname, p)).find((p) => existsSync(join(p, 'MANIFEST.md'))) ?? resolve(import.meta.dirname, '../../../shared/scl');
const present = existsSync(join(CORPUS, 'MANIFEST.md'));
if (!present) console.warn(`SCL corpus tests SKIPPED: ${CORPUS} is absent (it lives beside the repository, in ../shared/scl)`);

interface Row {
  file: string;
  ied: string;
  ap: string;
  ip: string | null;
  ld: number;
  ln: number;
  ds: number;
  rcb: number;
  rcbMax: number;
  leaves: number;
}

interface Notes {
  /** `(unresolved types: …)` rows. */
  unresolved: Map<string, string[]>;
  /** `(not well-formed XML: …)` rows. */
  broken: Map<string, string>;
}

/** Reads MANIFEST.md's table: IED rows, unresolved-type rows and not-well-formed rows. */
function readManifest(): { rows: Row[]; notes: Notes } {
  const rows: Row[] = [];
  const notes: Notes = { unresolved: new Map(), broken: new Map() };
  for (const line of readFileSync(join(CORPUS, 'MANIFEST.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 11 || !/\.(scd|cid|icd|iid|sed|ssd|xml)$/.test(cells[1] ?? '')) continue;
    const [, file = '', ied = '', ap = '', ip = '', ld = '', ln = '', ds = '', rcb = '', leaves = ''] = cells;
    const unresolved = /^\(unresolved types: (.*)\)$/.exec(ied);
    if (unresolved) notes.unresolved.set(file, (unresolved[1] ?? '').split(',').map((s) => s.trim()));
    else if (ied.startsWith('(not well-formed')) notes.broken.set(file, ied);
    else {
      const m = /^(\d+)\((\d+)\)$/.exec(rcb);
      rows.push({ file, ied, ap, ip: ip === 'None' ? null : ip, ld: +ld, ln: +ln, ds: +ds, rcb: Number(m?.[1]), rcbMax: Number(m?.[2]), leaves: +leaves });
    }
  }
  return { rows, notes };
}

/**
 * Where we differ from MANIFEST.md, and why.
 * - sampleModel_errors.icd has an AccessPoint without a name; the manifest prints `?`, we read ''.
 * - valid2003.scd: the manifest lists no unresolved type; we report EnumType 'Beh', which DOType
 *   'Dummy.LLN0.Mod' (and others) use and DataTypeTemplates does not define. The manifest counts leaves
 *   only, and an Enum leaf counts whether or not its EnumType exists, so its figures are unaffected.
 * - parsererror.iid: the manifest quotes a 0-based column (`line 1, column 0`); we print 1-based
 *   columns as editors do, so the same place is `1:1`.
 */
const AP_NAME: Record<string, string> = { '?': '' };
const EXTRA_MISSING: Record<string, string[]> = { 'openscd/valid2003.scd': ['Beh'] };

/** Files the manifest has no row for, with what we expect of them. */
const UNLISTED: Record<string, (doc: SclDocument) => void> = {
  // An IID with a Header only: valid XML and valid SCL, but no IED, which an IID must describe.
  'openscd/invalid.iid': (doc) => {
    expect(doc.ieds).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-ied']);
  },
  // A Substation section only: no IED and no DataTypeTemplates.
  'openscd/missingdatatypes.scd': (doc) => {
    expect(doc.ieds).toEqual([]);
    expect(doc.templates).toEqual({ lnodeTypes: 0, doTypes: 0, daTypes: 0, enumTypes: 0 });
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-ied']);
  },
  // DataTypeTemplates only (a template library): every definition is read, nothing is missing.
  'openscd/templates.scd': (doc) => {
    expect(doc.ieds).toEqual([]);
    expect(doc.templates).toEqual({ lnodeTypes: 21, doTypes: 41, daTypes: 35, enumTypes: 82 });
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-ied']);
  },
};

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? corpusFiles(p) : p.endsWith('.md') ? [] : [relative(CORPUS, p)];
  });
}

function load(file: string): SclDocument {
  return importScl(new Uint8Array(readFileSync(join(CORPUS, file))), { fileName: file });
}

function missingIds(doc: SclDocument): string[] {
  return doc.warnings
    .filter((w) => w.code === 'missing-type')
    .flatMap((w) => w.ids ?? [])
    .sort();
}

describe.skipIf(!present)('the shared SCL corpus imports with the MANIFEST.md figures', () => {
  const { rows, notes } = present ? readManifest() : { rows: [], notes: { unresolved: new Map(), broken: new Map() } };
  const files = present ? corpusFiles(CORPUS).sort() : [];

  it('has a manifest row or an explicit expectation for every file', () => {
    expect(files.length).toBeGreaterThanOrEqual(47);
    const listed = new Set([...rows.map((r) => r.file), ...notes.broken.keys(), ...notes.unresolved.keys(), ...Object.keys(UNLISTED)]);
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
    expect(rows.length).toBe(65);
  });

  it.each(rows.map((r) => [`${r.file} ${r.ied}`, r] as const))('%s', (_name, row) => {
    const doc = load(row.file);
    const ied = doc.ieds.find((i) => i.name === row.ied);
    expect(ied, `IED ${row.ied}`).toBeDefined();
    if (!ied) return;
    const counts = iedCounts(ied);
    const rcbs = ied.accessPoints.flatMap((ap) => ap.logicalDevices.flatMap((ld) => ld.logicalNodes.flatMap((ln) => ln.reportControls)));
    const ip = ied.accessPoints.map((ap) => ap.connection?.ip).find((x) => x !== undefined) ?? null;
    expect({
      ap: ied.accessPoints[0]?.name,
      ip,
      ld: counts.logicalDevices,
      ln: counts.logicalNodes,
      ds: counts.dataSets,
      rcb: counts.reportControls,
      rcbMax: rcbs.reduce((n, r) => n + r.max, 0),
      leaves: counts.leaves,
    }).toEqual({ ap: AP_NAME[row.ap] ?? row.ap, ip: row.ip, ld: row.ld, ln: row.ln, ds: row.ds, rcb: row.rcb, rcbMax: row.rcbMax, leaves: row.leaves });
    // Every RCB in the corpus is indexed, so the instances are exactly RptEnabled max each.
    expect(counts.reportInstances).toBe(row.rcbMax);
  });

  it('imports exactly the IEDs the manifest lists, file by file', () => {
    const byFile = new Map<string, string[]>();
    for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.ied]);
    for (const [file, ieds] of byFile) expect(load(file).ieds.map((i) => i.name), file).toEqual(ieds);
  });

  it.each([...notes.unresolved].map(([file, ids]) => [file, ids] as const))('%s warns about each unresolved type and goes on', (file, ids) => {
    const doc = load(file);
    expect(missingIds(doc)).toEqual([...ids, ...(EXTRA_MISSING[file] ?? [])].sort());
    for (const id of ids) expect(doc.warnings.some((w) => w.code === 'missing-type' && w.message.includes(`'${id}'`))).toBe(true);
  });

  it('reports no missing type in the files the manifest lists none for', () => {
    for (const file of new Set(rows.map((r) => r.file))) {
      if (!notes.unresolved.has(file)) expect(missingIds(load(file)), file).toEqual(EXTRA_MISSING[file] ?? []);
    }
  });

  it.each([...notes.broken].map(([file, note]) => [file, note] as const))('%s fails as not well-formed (%s)', (file) => {
    let caught: unknown;
    try {
      load(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SclError);
    const err = caught as SclError;
    expect([err.code, err.file, err.line, err.column]).toEqual(['syntax', file, 1, 1]);
    expect(err.toLine()).toBe(`scl/syntax: ${file}:1:1: not well-formed XML: expected '<' to start the root element, found "S"`);
  });

  it.each(Object.entries(UNLISTED))('%s imports as expected', (file, check) => {
    check(load(file));
  });
});
