import type { Fc } from '../iec61850';
import { serverLogicalDevices } from './leaves';
import type { SclDataSet, SclDataSetMember, SclIed, SclReportControl, SclTrgOps } from './model';

/** An RCB that reports a data set holding the point. */
export interface CoveringReportControl {
  readonly ref: string;
  readonly name: string;
  readonly buffered: boolean;
  readonly rptID: string | undefined;
  readonly instances: readonly string[];
  /** Enabled trigger options, e.g. ['dchg', 'qchg', 'gi']. */
  readonly trgOps: readonly string[];
  readonly intgPd: number;
  /** True when a trigger fires on a change of this point (dchg/qchg/dupd it declares). */
  readonly onChange: boolean;
}

export interface CoveringDataSet {
  readonly ref: string;
  /** The member (FCDA) holding the point: the point itself or an FCD/structure containing it. */
  readonly member: string;
  readonly reportControls: readonly CoveringReportControl[];
}

export interface PointCoverage {
  /** `report` when an RCB updates the point on change or by integrity period; otherwise `poll`. */
  readonly mode: 'report' | 'poll';
  readonly dataSets: readonly CoveringDataSet[];
  /** One line saying why. */
  readonly reason: string;
}

/** Coverage questions about the points of one LN (CoverageIndex.forLn). */
export interface LnCoverage {
  /** Whether a data set that an RCB reports holds the point: a quick test that allocates nothing. */
  reported(path: readonly string[], fc: Fc): boolean;
  coverage(path: readonly string[], fc: Fc, triggers: PointTriggers): PointCoverage;
}

/** Trigger options the point's data attribute declares (IEC 61850-6 DA dchg/qchg/dupd). */
export interface PointTriggers {
  readonly dchg: boolean;
  readonly qchg: boolean;
  readonly dupd: boolean;
}

interface Entry {
  readonly dataSet: SclDataSet;
  readonly member: SclDataSetMember;
}

const TRIGGERS = ['dchg', 'qchg', 'dupd', 'period', 'gi'] as const;
const NO_ENTRIES: readonly Entry[] = [];

/** The trigger options an RCB enables, in IEC 61850-7-2 order: e.g. ['dchg', 'qchg', 'gi']. */
export function enabledTriggers(trgOps: SclTrgOps): string[] {
  return TRIGGERS.filter((k) => trgOps[k]);
}

/**
 * Which data sets and RCBs cover a point of one IED. A member covers a point when it has the point's
 * FC and its path is a prefix of the point's path (an FCD `Pos[ST]` covers `Pos.stVal[ST]`). Members
 * naming one array element cover no whole leaf and are not counted.
 */
export class CoverageIndex {
  /** Data set members by the LD, LN and DO they name: a member always names a DO at least (doName is required). */
  private readonly byLd = new Map<string, Map<string, Map<string, Entry[]>>>();
  private readonly rcbsByDataSet = new Map<string, SclReportControl[]>();
  /**
   * Coverage depends only on which members hold the point and on its trigger options, so points that
   * share both (every leaf below one FCD member) share one PointCoverage and its CoveringReportControls.
   */
  private readonly made = new Map<string, PointCoverage>();
  private readonly covering = new Map<SclReportControl, Map<string, CoveringReportControl>>();

  constructor(ied: SclIed) {
    for (const ld of serverLogicalDevices(ied)) {
      for (const ln of ld.logicalNodes) {
        for (const rc of ln.reportControls) {
          if (rc.dataSetRef === undefined) continue;
          const list = this.rcbsByDataSet.get(rc.dataSetRef) ?? [];
          list.push(rc);
          this.rcbsByDataSet.set(rc.dataSetRef, list);
        }
        for (const ds of ln.dataSets) {
          for (const member of ds.members) {
            if (!member.resolved || member.arrayElement) continue;
            let byLn = this.byLd.get(member.ld);
            if (!byLn) this.byLd.set(member.ld, (byLn = new Map()));
            let byDo = byLn.get(member.ln);
            if (!byDo) byLn.set(member.ln, (byDo = new Map()));
            const doName = member.path[0] ?? '';
            const list = byDo.get(doName) ?? [];
            list.push({ dataSet: ds, member });
            byDo.set(doName, list);
          }
        }
      }
    }
  }

  /** The coverage of the points of one LN: look the LN up once, then ask per point. */
  forLn(ld: string, ln: string): LnCoverage {
    const lnKey = `${ld}/${ln}`;
    const byDo = this.byLd.get(ld)?.get(ln);
    return {
      reported: (path, fc) => {
        for (const e of byDo?.get(path[0] ?? '') ?? NO_ENTRIES) {
          if (e.member.fc === fc && this.rcbsByDataSet.has(e.dataSet.ref) && isPrefix(e.member.path, path)) return true;
        }
        return false;
      },
      coverage: (path, fc, triggers) => this.coverageIn(lnKey, byDo?.get(path[0] ?? '') ?? [], path, fc, triggers),
    };
  }

  coverage(ld: string, ln: string, path: readonly string[], fc: Fc, triggers: PointTriggers): PointCoverage {
    return this.forLn(ld, ln).coverage(path, fc, triggers);
  }

  private coverageIn(lnKey: string, entries: readonly Entry[], path: readonly string[], fc: Fc, triggers: PointTriggers): PointCoverage {
    const matching: Entry[] = [];
    let key = `${triggerKey(triggers)}${lnKey}.${path[0] ?? ''}`;
    entries.forEach((entry, i) => {
      if (entry.member.fc !== fc || !isPrefix(entry.member.path, path)) return;
      matching.push(entry);
      key += ` ${i}`;
    });
    let made = this.made.get(key);
    if (!made) {
      made = this.make(matching, triggers);
      this.made.set(key, made);
    }
    return made;
  }

  private make(entries: readonly Entry[], triggers: PointTriggers): PointCoverage {
    const dataSets: CoveringDataSet[] = entries.map(({ dataSet, member }) => ({
      ref: dataSet.ref,
      member: member.ref,
      reportControls: (this.rcbsByDataSet.get(dataSet.ref) ?? []).map((rc) => this.coveringOf(rc, triggers)),
    }));
    const rcbs = dataSets.flatMap((d) => d.reportControls);
    const onChange = rcbs.filter((r) => r.onChange);
    const periodic = rcbs.filter((r) => r.trgOps.includes('period') && r.intgPd > 0);
    if (onChange.length > 0) {
      return { mode: 'report', dataSets, reason: `reported on change by ${onChange.map(describe).join(', ')}` };
    }
    if (periodic.length > 0) {
      return { mode: 'report', dataSets, reason: `reported every integrity period by ${periodic.map(describe).join(', ')} (no change trigger for it)` };
    }
    if (rcbs.length > 0) {
      return { mode: 'poll', dataSets, reason: `in ${dataSets.map((d) => d.ref).join(', ')}, but ${rcbs.map((r) => r.name).join(', ')} has no trigger that updates it` };
    }
    if (dataSets.length > 0) {
      return { mode: 'poll', dataSets, reason: `in ${dataSets.map((d) => d.ref).join(', ')}, which no report control block reports` };
    }
    return { mode: 'poll', dataSets, reason: 'in no data set that a report control block reports' };
  }

  private coveringOf(rc: SclReportControl, triggers: PointTriggers): CoveringReportControl {
    let byTriggers = this.covering.get(rc);
    if (!byTriggers) this.covering.set(rc, (byTriggers = new Map()));
    const key = triggerKey(triggers);
    let c = byTriggers.get(key);
    if (!c) byTriggers.set(key, (c = covering(rc, triggers)));
    return c;
  }
}

function triggerKey(t: PointTriggers): string {
  return `${t.dchg ? 'd' : '-'}${t.qchg ? 'q' : '-'}${t.dupd ? 'u' : '-'}`;
}

function describe(r: CoveringReportControl): string {
  return `${r.buffered ? 'BRCB' : 'URCB'} ${r.ref}`;
}

function covering(rc: SclReportControl, t: PointTriggers): CoveringReportControl {
  const on = enabledTriggers(rc.trgOps);
  // A template that declares no trigger option for the attribute is read as dchg: most do carry it.
  const declared = t.dchg || t.qchg || t.dupd ? t : { dchg: true, qchg: false, dupd: false };
  const onChange = (rc.trgOps.dchg && declared.dchg) || (rc.trgOps.qchg && declared.qchg) || (rc.trgOps.dupd && declared.dupd);
  return { ref: rc.ref, name: rc.name, buffered: rc.buffered, rptID: rc.rptID, instances: rc.instances, trgOps: on, intgPd: rc.intgPd, onChange };
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}
