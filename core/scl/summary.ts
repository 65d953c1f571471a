import type { Fc, TypeName } from '../iec61850';
import { enabledTriggers, type CoveringReportControl, type PointCoverage } from './coverage';
import { iedCounts, serverLogicalDevices, type SclIedCounts } from './leaves';
import type { SclIedDetail } from './file';
import type { SclDocument, SclEdition, SclIed, SclReportControl, SclWarning } from './model';
import { planIed, type PlanOptions, type PointCategory, type PointTier } from './planner';

/**
 * The JSON documents of `relaygate scl --json` and of the service's SCL channels (CONVENTIONS.md):
 * the overview of a file (every IED with its access points and counts, and the warnings), and one
 * IED's details (its RCBs once, and its recommended points whose coverage names the RCBs by id).
 * Plain JSON-safe objects: no Maps, no undefined, no cycles.
 */

/** One IED as the overview shows it. */
export interface SclIedOverview {
  readonly name: string;
  readonly accessPoints: { readonly name: string; readonly ip: string | null }[];
  readonly counts: SclIedCounts;
}

/** An RCB of the IED, listed once; points refer to it by `id` (its reference `LD/LN.name`). */
export interface SclReportControlSummary {
  readonly id: string;
  readonly buffered: boolean;
  readonly rptId: string | null;
  /** `LD/LN.DataSet`, or null when the datSet names no data set of the LN. */
  readonly dataSet: string | null;
  /** Instance names as the IED exposes them (`urcbA01` …). */
  readonly instances: string[];
  /** Enabled trigger options, e.g. ['dchg', 'qchg', 'gi']. */
  readonly trgOps: string[];
  readonly intgPd: number;
}

export interface SclCoverageSummary {
  readonly mode: 'report' | 'poll';
  readonly reason: string;
  /** The data sets holding the point, the member that does, and the RCBs (by id) reporting it. */
  readonly dataSets: {
    readonly ref: string;
    readonly member: string;
    /** `onChange`: a trigger of that RCB fires on a change of this point (dchg, qchg or dupd it declares). */
    readonly reportControls: { readonly id: string; readonly onChange: boolean }[];
  }[];
}

/** One recommended point. */
export interface SclPointSummary {
  readonly ref: string;
  readonly fc: Fc;
  readonly type: TypeName;
  readonly tier: PointTier;
  readonly reason: string;
  readonly category: PointCategory;
  readonly unit?: { readonly siUnit?: string; readonly multiplier?: string };
  readonly coverage: SclCoverageSummary;
}

/** One IED with its details: the overview fields, its RCBs and its recommended points. */
export interface SclIedDetails extends SclIedOverview {
  readonly reportControls: SclReportControlSummary[];
  readonly recommended: SclPointSummary[];
}

export interface SclSummaryWarning {
  readonly code: string;
  readonly message: string;
  readonly ied?: string;
}

/** The JSON document of `relaygate scl --json`: IEDs asked for with `--ied`/`--all` carry their details. */
export interface SclSummary {
  readonly file: string | null;
  /** `2003`, `2007A`, `2007B`, `2007B4`, … */
  readonly edition: string;
  readonly ieds: (SclIedOverview | SclIedDetails)[];
  readonly warnings: SclSummaryWarning[];
}

export function editionLabel(e: SclEdition): string {
  if (e.version === undefined) return '2003';
  return `${e.version}${e.revision ?? ''}${e.release ?? ''}`;
}

export function overviewOfIed(ied: SclIed): SclIedOverview {
  return {
    name: ied.name,
    accessPoints: ied.accessPoints.map((ap) => ({ name: ap.name, ip: ap.connection?.ip ?? null })),
    counts: iedCounts(ied),
  };
}

/** The document without any IED's details: what `relaygate scl FILE --json` prints. */
export function overviewOf(doc: SclDocument): SclSummary {
  return {
    file: doc.fileName ?? null,
    edition: editionLabel(doc.edition),
    ieds: doc.ieds.map(overviewOfIed),
    warnings: doc.warnings.map(warningSummary),
  };
}

export function warningSummary(w: SclWarning): SclSummaryWarning {
  return { code: w.code, message: w.message, ...(w.ied === undefined ? {} : { ied: w.ied }) };
}

/** One IED in full (give it with its instance values: units come from them) with its plan in the tiers asked for. */
export function detailsOfIed(ied: SclIed, options: PlanOptions = {}): SclIedDetails {
  const coverage = new CoverageSummaries();
  return {
    ...overviewOfIed(ied),
    reportControls: serverLogicalDevices(ied).flatMap((ld) => ld.logicalNodes.flatMap((ln) => ln.reportControls.map(reportControlSummary))),
    recommended: planIed(ied, options).points.map((p) => ({
      ref: p.ref,
      fc: p.fc,
      type: p.type,
      tier: p.tier,
      reason: p.reason,
      category: p.category,
      ...(p.unit ? { unit: p.unit } : {}),
      coverage: coverage.of(p.coverage),
    })),
  };
}

/**
 * The summary of an overview document with details for the IEDs `detailed` names; `details` gives an
 * IED of the overview in full (SclFile.details), whose warnings join the document's.
 */
export function summaryOf(doc: SclDocument, detailed: (name: string) => boolean, details: (ied: SclIed) => SclIedDetail, options: PlanOptions = {}): SclSummary {
  const overview = overviewOf(doc);
  const extra: SclSummaryWarning[] = [];
  const ieds = doc.ieds.map((ied, i) => {
    if (!detailed(ied.name)) return overview.ieds[i] as SclIedOverview;
    const d = details(ied);
    extra.push(...d.warnings.map(warningSummary));
    return detailsOfIed(d.ied, options);
  });
  return { ...overview, ieds, warnings: [...overview.warnings, ...extra] };
}

function reportControlSummary(rc: SclReportControl): SclReportControlSummary {
  return {
    id: rc.ref,
    buffered: rc.buffered,
    rptId: rc.rptID ?? null,
    dataSet: rc.dataSetRef ?? null,
    instances: [...rc.instances],
    trgOps: enabledTriggers(rc.trgOps),
    intgPd: rc.intgPd,
  };
}

/**
 * Coverage in its JSON form, made once per distinct coverage: the planner shares one PointCoverage
 * among the points it is the same for (all leaves under one FCD member), and so does this.
 */
class CoverageSummaries {
  private readonly made = new WeakMap<PointCoverage, SclCoverageSummary>();
  private readonly refs = new WeakMap<CoveringReportControl, { id: string; onChange: boolean }>();

  of(c: PointCoverage): SclCoverageSummary {
    let s = this.made.get(c);
    if (!s) {
      s = {
        mode: c.mode,
        reason: c.reason,
        dataSets: c.dataSets.map((d) => ({ ref: d.ref, member: d.member, reportControls: d.reportControls.map((r) => this.ref(r)) })),
      };
      this.made.set(c, s);
    }
    return s;
  }

  private ref(r: CoveringReportControl): { id: string; onChange: boolean } {
    let s = this.refs.get(r);
    if (!s) {
      s = { id: r.ref, onChange: r.onChange };
      this.refs.set(r, s);
    }
    return s;
  }
}
