/**
 * What the SCL import makes of every file of the shared corpus (../shared/scl), pinned in
 * __figures__/corpus.json: per file the edition, template counts and warnings, and per IED its access
 * points and connections, counts, leaves, instance values, data sets, report control blocks and the
 * planner's points with their coverage. The lists are pinned by a digest (sha256 of their lines) next
 * to their length, so the file stays readable and a change in any one entry shows.
 *
 * The figures were taken with the importer as it was before the overview/details split (issue 13),
 * so this test proves the split computes the same model. Update them only on purpose:
 *   npx vitest run core/scl/corpus-figures.test.ts -u
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SclError, iedCounts, importScl, leavesOfLd, serverLogicalDevices, summarizeIed, type SclDocument, type SclIed } from '.';

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
    recommended: pin(summarizeIed(ied).recommended.map(json)),
  };
}

function documentFigures(doc: SclDocument): unknown {
  return {
    edition: doc.edition,
    header: doc.header,
    templates: doc.templates,
    subNetworks: pin(doc.subNetworks.map(json)),
    warnings: doc.warnings.map((w) => `${w.code}${w.ied === undefined ? '' : ` [${w.ied}]`}: ${w.message}`),
    ieds: doc.ieds.map(iedFigures),
  };
}

function figuresOf(file: string): unknown {
  try {
    return documentFigures(importScl(readFileSync(join(CORPUS, file)), { fileName: file }));
  } catch (err) {
    if (err instanceof SclError) return { error: err.toLine() };
    throw err;
  }
}

describe.skipIf(!present)('the corpus figures', () => {
  it('are what the importer made of each file before the overview/details split', async () => {
    const figures = Object.fromEntries(corpusFiles(CORPUS).sort().map((f) => [f, figuresOf(f)]));
    expect(Object.keys(figures).length).toBeGreaterThanOrEqual(47);
    await expect(`${JSON.stringify(figures, null, 1)}\n`).toMatchFileSnapshot('__figures__/corpus.json');
  });
});
