import type { Fc, TypeName } from '../iec61850';
import type { PointCoverage } from './coverage';
import { iedCounts, type SclIedCounts } from './leaves';
import type { SclDocument, SclEdition, SclIed } from './model';
import { planIed, type PointCategory } from './planner';

/** One recommended point as `relaygate scl --json` prints it (CONVENTIONS.md). */
export interface SclPointSummary {
  readonly ref: string;
  readonly fc: Fc;
  readonly type: TypeName;
  readonly reason: string;
  readonly category: PointCategory;
  readonly unit?: { readonly siUnit?: string; readonly multiplier?: string };
  readonly coverage: PointCoverage;
}

export interface SclIedSummary {
  readonly name: string;
  readonly accessPoints: readonly { readonly name: string; readonly ip: string | null }[];
  readonly counts: SclIedCounts;
  readonly recommended: readonly SclPointSummary[];
}

export interface SclSummaryWarning {
  readonly code: string;
  readonly message: string;
  readonly ied?: string;
}

/** The JSON document of `relaygate scl --json`. */
export interface SclSummary {
  readonly file: string | null;
  /** `2003`, `2007A`, `2007B`, `2007B4`, … */
  readonly edition: string;
  readonly ieds: readonly SclIedSummary[];
  readonly warnings: readonly SclSummaryWarning[];
}

export function editionLabel(e: SclEdition): string {
  if (e.version === undefined) return '2003';
  return `${e.version}${e.revision ?? ''}${e.release ?? ''}`;
}

export function summarizeIed(ied: SclIed): SclIedSummary {
  return {
    name: ied.name,
    accessPoints: ied.accessPoints.map((ap) => ({ name: ap.name, ip: ap.connection?.ip ?? null })),
    counts: iedCounts(ied),
    recommended: planIed(ied).points.map((p) => ({
      ref: p.ref,
      fc: p.fc,
      type: p.type,
      reason: p.reason,
      category: p.category,
      ...(p.unit ? { unit: p.unit } : {}),
      coverage: p.coverage,
    })),
  };
}

/**
 * The summary of a document, for every IED or only those named. Warnings about other IEDs are left
 * out when filtering; warnings about no IED in particular are always kept.
 */
export function summarizeScl(doc: SclDocument, onlyIed?: string): SclSummary {
  const ieds = onlyIed === undefined ? doc.ieds : doc.ieds.filter((i) => i.name === onlyIed);
  return {
    file: doc.fileName ?? null,
    edition: editionLabel(doc.edition),
    ieds: ieds.map(summarizeIed),
    warnings: doc.warnings
      .filter((w) => onlyIed === undefined || w.ied === undefined || w.ied === onlyIed)
      .map((w) => ({ code: w.code, message: w.message, ...(w.ied === undefined ? {} : { ied: w.ied }) })),
  };
}
