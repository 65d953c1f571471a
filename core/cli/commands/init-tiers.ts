import type { DraftCover, DraftPoint } from '../../project';
import {
  POINT_TIERS,
  planIed,
  serverLogicalDevices,
  type PointCoverage,
  type PointTier,
  type RecommendedPoint,
  type SclIed,
} from '../../scl';
import { UsageError, type ParsedArgs } from '../command';

/** `init --tier` (CONVENTIONS.md): which recommended points a new project takes (core/scl's tiers). */
export const TIERS = POINT_TIERS;
export type Tier = PointTier;

export function tiersOption(values: ParsedArgs['values']): Set<Tier> {
  const raw = values.tier;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const tiers = new Set<Tier>();
  for (const t of list.flatMap((x) => String(x).split(','))) {
    if (!(TIERS as readonly string[]).includes(t)) throw new UsageError(`--tier must be one of ${TIERS.join(', ')}, got '${t}'`);
    tiers.add(t as Tier);
  }
  if (values.all) tiers.add('all');
  if (tiers.size === 0) tiers.add('essential');
  return tiers;
}

/** RCBs that report a point on change, as report plans can name them. */
export function coversOf(coverage: PointCoverage, confRevOf: (rcb: string) => number | undefined): DraftCover[] {
  return coverage.dataSets.flatMap((ds) =>
    ds.reportControls
      .filter((rc) => rc.onChange)
      .map((rc) => {
        const confRev = confRevOf(rc.ref);
        return { rcb: rc.ref, buffered: rc.buffered, dataSet: ds.ref, intgPd: rc.intgPd, ...(confRev !== undefined ? { confRev } : {}) };
      }),
  );
}

function draftOf(p: RecommendedPoint, covers: DraftCover[]): DraftPoint {
  return {
    ref: p.ref,
    fc: p.fc,
    type: p.type,
    covers,
    ...(p.enumValues && p.enumValues.length > 0 ? { enumNames: Object.fromEntries(p.enumValues.map((e) => [String(e.ord), e.name])) } : {}),
  };
}

/** The `q` or `t` of a data object (at any depth: `A.phsA.q`): a point carries its FCD's, they are no points. */
export function isQualityOrTime(path: readonly string[], type: string): boolean {
  const last = path[path.length - 1];
  return (last === 'q' && type === 'quality') || (last === 't' && type === 'timestamp');
}

/**
 * The points of one SCL IED for the tiers asked (core/scl's planner: essential, station, extended, all),
 * each with the RCBs that report it on change. `all` means every ST/MX leaf, so it takes every tier.
 */
export function sclDraftPoints(ied: SclIed, tiers: ReadonlySet<Tier>): DraftPoint[] {
  const confRevs = new Map<string, number>();
  for (const ld of serverLogicalDevices(ied))
    for (const ln of ld.logicalNodes) for (const rc of ln.reportControls) if (rc.confRev !== undefined) confRevs.set(rc.ref, rc.confRev);
  const asked: PointTier[] = tiers.has('all') ? [...POINT_TIERS] : [...tiers];
  return planIed(ied, { tiers: asked })
    .points.filter((p) => !isQualityOrTime(p.path, p.type) && p.type !== 'struct' && p.type !== 'array')
    .map((p) => draftOf(p, coversOf(p.coverage, (rcb) => confRevs.get(rcb))));
}
