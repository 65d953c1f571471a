/**
 * What the SCL import makes of every file of the shared corpus (../shared/scl), pinned in
 * __figures__/corpus.json: per file the edition, template counts and warnings, and per IED its access
 * points and connections, counts, leaves, instance values, data sets, report control blocks and the
 * planner's points with their coverage. The lists are pinned by a digest (sha256 of their lines) next
 * to their length, so the file stays readable and a change in any one entry shows.
 *
 * The figures were taken with the importer as it was before the overview/details split (issue 13),
 * except the planner's, retaken when its points were split into tiers (issue 9), so these tests prove
 * the split computes the same model: `importScl` (every IED in full) gives the
 * pinned figures, SclFile's overview gives the same access points, counts, LNs, leaves and control
 * blocks without parsing instance values or data set members, and SclFile's details of each IED give
 * its pinned figures in full; the overview's warnings plus those its details add are the pinned ones.
 * Update the figures only on purpose:
 *   npx vitest run core/scl/corpus-figures.test.ts -u
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POINT_TIERS, SclError, SclFile, iedCounts, importScl, leavesOfLd, planIed, serverLogicalDevices, summaryJsonChunks, summaryOf, type SclDocument, type SclIed, type SclWarning } from '.';

/** ../shared/scl beside the repository; a git worktree sits one folder deeper (/work/wt/NAME), so look there too. */
const CORPUS = ['../../../shared/scl', '../../../../shared/scl'].map((p) => resolve(import.meta.dirname, p)).find((p) => existsSync(join(p, 'MANIFEST.md'))) ?? resolve(import.meta.dirname, '../../../shared/scl');
const present = existsSync(join(CORPUS, 'MANIFEST.md'));

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? corpusFiles(p) : p.endsWith('.md') ? [] : [relative(CORPUS, p)];
  });
}

/** Length and digest of a list of lines. */
export function pin(lines: readonly string[]): string {
  return `${lines.length} ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}

const json = (v: unknown) => JSON.stringify(v);

export function iedFigures(ied: SclIed): unknown {
  const lds = serverLogicalDevices(ied);
  const lns = lds.flatMap((ld) => ld.logicalNodes.map((ln) => ({ ld, ln })));
  return {
    name: ied.name,
    accessPoints: ied.accessPoints.map((ap) => ({ name: ap.name, hasServer: ap.hasServer, connection: ap.connection ?? null })),
    counts: iedCounts(ied),
    services: pin(Object.entries(ied.services).map(json)),
    logicalNodes: pin(lns.map(({ ld, ln }) => `${ld.name} ${ld.inst} ${ln.name} ${ln.lnType} ${ln.desc ?? ''} ${ln.type?.leafCount ?? 'untyped'}`)),
    leaves: pin(lds.flatMap((ld) => [...leavesOfLd(ld)].map((l) => `${l.ref}[${l.fc ?? ''}] ${l.type}${l.inArray ? ' array' : ''}`))),
    values: pin(lns.flatMap(({ ld, ln }) => [...ln.values].map(([path, v]) => `${ld.name}/${ln.name}.${path} ${json(v)}`))),
    dataSets: pin(lns.flatMap(({ ln }) => ln.dataSets.map(json))),
    reportControls: pin(lns.flatMap(({ ln }) => ln.reportControls.map(json))),
    otherControls: pin(lns.flatMap(({ ln }) => [...ln.gseControls, ...ln.sampledValueControls].map(json))),
    ...planFigures(ied),
  };
}

/** The planner's points in every tier (pinned) and how many each tier has (docs/SCL.md quotes them). */
function planFigures(ied: SclIed): { recommended: string; tiers: Record<string, number> } {
  const points = planIed(ied, { tiers: POINT_TIERS }).points;
  return {
    recommended: pin(points.map((p) => json({ ref: p.ref, fc: p.fc, type: p.type, tier: p.tier, reason: p.reason, category: p.category, ...(p.unit ? { unit: p.unit } : {}), coverage: p.coverage }))),
    tiers: Object.fromEntries(POINT_TIERS.map((t) => [t, points.filter((p) => p.tier === t).length])),
  };
}

const warningLine = (w: SclWarning) => `${w.code}${w.ied === undefined ? '' : ` [${w.ied}]`}: ${w.message}`;

function documentFigures(doc: SclDocument): unknown {
  return {
    edition: doc.edition,
    header: doc.header,
    templates: doc.templates,
    subNetworks: pin(doc.subNetworks.map(json)),
    warnings: doc.warnings.map(warningLine),
    ieds: doc.ieds.map(iedFigures),
  };
}

/** What the overview gives of an IED: everything but values, data set contents and the plan that needs them. */
function overviewFigures(figures: Record<string, unknown>): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { values, dataSets, reportControls, recommended, tiers, ...rest } = figures;
  return rest;
}

function figuresOf(file: string): unknown {
  try {
    return documentFigures(importScl(readFileSync(join(CORPUS, file)), { fileName: file }));
  } catch (err) {
    if (err instanceof SclError) return { error: err.toLine() };
    throw err;
  }
}

interface Pinned {
  error?: string;
  warnings: string[];
  ieds: Record<string, unknown>[];
}

describe.skipIf(!present)('the corpus figures', () => {
  const files = present ? corpusFiles(CORPUS).sort() : [];

  it('are what the importer made of each file before the overview/details split', async () => {
    const figures = Object.fromEntries(files.map((f) => [f, figuresOf(f)]));
    expect(Object.keys(figures).length).toBeGreaterThanOrEqual(47);
    await expect(`${JSON.stringify(figures, null, 1)}\n`).toMatchFileSnapshot('__figures__/corpus.json');
  });

  it.each(files)('%s: the overview and each IED in full agree with them', (file) => {
    const pinned = (JSON.parse(readFileSync(join(import.meta.dirname, '__figures__', 'corpus.json'), 'utf8')) as Record<string, Pinned>)[file];
    if (!pinned) throw new Error(`no figures for ${file}`);
    let scl: SclFile;
    try {
      scl = SclFile.open(readFileSync(join(CORPUS, file)), { fileName: file });
    } catch (err) {
      expect(err instanceof SclError && err.toLine()).toBe(pinned.error);
      return;
    }
    const overview = scl.overview();
    expect(overview.ieds.map((i) => overviewFigures(iedFigures(i) as Record<string, unknown>))).toEqual(pinned.ieds.map(overviewFigures));
    // The overview leaves out instance values and data set members, nothing else.
    expect(overview.ieds.map((i) => serverLogicalDevices(i).flatMap((ld) => ld.logicalNodes.map((ln) => ln.values.size + ln.dataSets.reduce((n, d) => n + d.members.length, 0))))).toEqual(
      overview.ieds.map((i) => serverLogicalDevices(i).flatMap((ld) => ld.logicalNodes.map(() => 0))),
    );
    const details = overview.ieds.map((i) => scl.details(i));
    expect(details.map((d) => iedFigures(d.ied))).toEqual(pinned.ieds);
    const warnings = [...overview.warnings, ...details.flatMap((d) => d.warnings)].map(warningLine);
    expect(warnings.sort()).toEqual([...pinned.warnings].sort());
    // A typical relay yields at most 200 essential points.
    for (const d of details) expect(planIed(d.ied, { tiers: ['essential'] }).points.length).toBeLessThanOrEqual(200);
    // What only the details add is about data set members.
    for (const d of details) for (const w of d.warnings) expect(w.message).toMatch(/^data set /);
    // The streamed JSON of `relaygate scl --all --json` is the document summaryOf makes.
    const streamed = [...summaryJsonChunks(overview, () => true, (i) => scl.details(i))].join('\n');
    expect(JSON.parse(streamed)).toEqual(JSON.parse(JSON.stringify(summaryOf(overview, () => true, (i) => scl.details(i)))));
  });
});
