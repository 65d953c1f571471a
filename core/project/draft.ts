import {
  PROJECT_SCHEMA_VERSION,
  type IedConfig,
  type PointConfig,
  type ProjectInput,
  type ReportPlan,
  type Selectors,
} from '../contract';
import type { Fc, TypeName } from '../iec61850';

/** An RCB that reports a point on change: what `init` and the wizard know from SCL or discovery. */
export interface DraftCover {
  /** `LD/LN.name` of the report control (an indexed base name takes a free instance at run time). */
  readonly rcb: string;
  readonly buffered: boolean;
  /** `LD/LN.DataSet`. */
  readonly dataSet: string;
  readonly confRev?: number;
  /** IntgPd configured in the IED, ms (0: none). */
  readonly intgPd?: number;
}

export interface DraftPoint {
  /** `LD/LN.DO[.SDO].DA[.BDA]`, without FC. */
  readonly ref: string;
  readonly fc: Fc;
  readonly type: TypeName;
  readonly label?: string;
  readonly enumNames?: Readonly<Record<string, string>>;
  /** RCBs whose data set holds the point and whose triggers fire on its change. */
  readonly covers: readonly DraftCover[];
}

export interface DraftIed {
  readonly id: string;
  readonly name?: string;
  readonly host: string;
  readonly port: number;
  readonly selectors?: Selectors;
  readonly origin?: IedConfig['origin'];
  readonly points: readonly DraftPoint[];
}

/** Integrity period written when the IED configures none: a report point then goes stale after 3 minutes. */
export const DEFAULT_INTEGRITY_MS = 60_000;

const sanitize = (text: string): string => text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[-_]+|_+$/g, '') || 'p';

/**
 * A point id from its reference: the LN and the names below it (`Q0XCBR1_Pos_stVal`), after the LD
 * instance when the IED's points are in several LDs (`CTRL_Q0XCBR1_Pos_stVal`: the LD name less the
 * IED name); unique in the IED.
 */
export function pointIdOf(ref: string, taken: Set<string>, ldPrefix?: { iedName: string }): string {
  const slash = ref.indexOf('/');
  const ld = ref.slice(0, slash);
  const inst = ldPrefix && ld.startsWith(ldPrefix.iedName) && ld.length > ldPrefix.iedName.length ? ld.slice(ldPrefix.iedName.length) : ld;
  const base = sanitize(ldPrefix ? `${inst}_${ref.slice(slash + 1)}` : ref.slice(slash + 1)).slice(0, 60);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 56)}_${n}`;
  taken.add(id);
  return id;
}

/**
 * Which RCB delivers each covered point: buffered before unbuffered (a BRCB keeps events while the
 * gateway is away), then the RCB that covers the most of the chosen points (fewest reports to enable).
 */
function chooseRcbs(points: readonly DraftPoint[]): Map<DraftPoint, DraftCover> {
  const counts = new Map<string, number>();
  for (const p of points) for (const c of p.covers) counts.set(c.rcb, (counts.get(c.rcb) ?? 0) + 1);
  const chosen = new Map<DraftPoint, DraftCover>();
  for (const p of points) {
    const best = [...p.covers].sort(
      (a, b) => Number(b.buffered) - Number(a.buffered) || (counts.get(b.rcb) ?? 0) - (counts.get(a.rcb) ?? 0) || a.rcb.localeCompare(b.rcb),
    )[0];
    if (best) chosen.set(p, best);
  }
  return chosen;
}

function planOf(cover: DraftCover, id: string): ReportPlan {
  return {
    id,
    rcb: cover.rcb,
    buffered: cover.buffered,
    dataSet: cover.dataSet,
    ...(cover.confRev !== undefined ? { confRev: cover.confRev } : {}),
    trgOps: ['dchg', 'qchg', 'integrity', 'gi'],
    integrityMs: cover.intgPd && cover.intgPd > 0 ? cover.intgPd : DEFAULT_INTEGRITY_MS,
  };
}

/**
 * A ready project from what `init` or the wizard gathered: per IED the chosen points, each either
 * report-driven (through the RCB chosen for it, one report plan per RCB used) or polled in the default
 * 1 s group. The Modbus map is not made here (core/outputs auto-assigns it on request); MQTT is on.
 */
export function projectFromDraft(name: string, ieds: readonly DraftIed[]): ProjectInput {
  const points: PointConfig[] = [];
  const iedConfigs = ieds.map((ied) => {
    const chosen = chooseRcbs(ied.points);
    const plans = new Map<string, ReportPlan>();
    const planIds = new Set<string>();
    const taken = new Set<string>();
    const several = new Set(ied.points.map((p) => p.ref.slice(0, p.ref.indexOf('/')))).size > 1;
    const ldPrefix = several ? { iedName: ied.name ?? ied.id } : undefined;
    for (const p of ied.points) {
      const cover = chosen.get(p);
      let plan: ReportPlan | undefined;
      if (cover) {
        plan = plans.get(cover.rcb);
        if (!plan) {
          plan = planOf(cover, pointIdOf(cover.rcb.slice(cover.rcb.lastIndexOf('.') + 1), planIds));
          plans.set(cover.rcb, plan);
        }
      }
      points.push({
        id: pointIdOf(p.ref, taken, ldPrefix),
        ied: ied.id,
        ref: p.ref,
        fc: p.fc,
        type: p.type,
        ...(p.label !== undefined ? { label: p.label } : {}),
        source: plan ? 'report' : 'poll',
        ...(plan ? { report: plan.id } : {}),
        ...(p.enumNames ? { enumNames: { ...p.enumNames } } : {}),
      });
    }
    return {
      id: ied.id,
      ...(ied.name !== undefined ? { name: ied.name } : {}),
      host: ied.host,
      port: ied.port,
      ...(ied.selectors ? { selectors: ied.selectors } : {}),
      ...(ied.origin ? { origin: ied.origin } : {}),
      pollGroups: [{ id: 'default', periodMs: 1000 }],
      reports: [...plans.values()],
    };
  });
  return { schemaVersion: PROJECT_SCHEMA_VERSION, name, ieds: iedConfigs, points, mqtt: { enabled: true } };
}
