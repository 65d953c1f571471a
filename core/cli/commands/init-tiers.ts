import type { DraftCover, DraftPoint } from '../../project';
import {
  CoverageIndex,
  leavesOf,
  planIed,
  serverLogicalDevices,
  type PointCoverage,
  type PointTier,
  type SclIed,
} from '../../scl';
import { UsageError, type ParsedArgs } from '../command';

/** `init --tier` (CONVENTIONS.md): which recommended points a new project takes. */
export const TIERS = ['essential', 'station', 'extended', 'all'] as const;
export type Tier = (typeof TIERS)[number];

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

function draftOf(p: { ref: string; fc: DraftPoint['fc']; type: DraftPoint['type']; enumValues?: readonly { ord: number; name: string }[] }, covers: DraftCover[]): DraftPoint {
  return {
    ref: p.ref,
    fc: p.fc,
    type: p.type,
    covers,
    ...(p.enumValues && p.enumValues.length > 0 ? { enumNames: Object.fromEntries(p.enumValues.map((e) => [String(e.ord), e.name])) } : {}),
  };
}

/** Every ST/MX leaf of an IED (arrays, structures and the FCDs' own q and t left out), each with its coverage. */
function* allLeaves(ied: SclIed): Generator<{ key: string; point: Parameters<typeof draftOf>[0]; coverage: PointCoverage }> {
  const index = new CoverageIndex(ied);
  for (const ld of serverLogicalDevices(ied))
    for (const ln of ld.logicalNodes)
      for (const leaf of leavesOf(ld.name, ln)) {
        if ((leaf.fc !== 'ST' && leaf.fc !== 'MX') || leaf.inArray || leaf.type === 'struct' || leaf.type === 'array') continue;
        // Every point carries its FCD's q and t: they are not points of their own.
        if (isQualityOrTime(leaf.path, leaf.type)) continue;
        const a = leaf.attribute;
        const coverage = index.coverage(ld.name, ln.name, leaf.path, leaf.fc, { dchg: a.dchg, qchg: a.qchg, dupd: a.dupd });
        const enumValues = a.enumType?.values;
        yield { key: `${leaf.ref}[${leaf.fc}]`, point: { ref: leaf.ref, fc: leaf.fc, type: leaf.type, ...(enumValues ? { enumValues } : {}) }, coverage };
      }
}

/** The `q` or `t` of a data object (at any depth: `A.phsA.q`). */
export function isQualityOrTime(path: readonly string[], type: string): boolean {
  const last = path[path.length - 1];
  return (last === 'q' && type === 'quality') || (last === 't' && type === 'timestamp');
}

/** Text and octet attributes (origin.orIdent, descriptions) are not process values an HMI maps. */
const PROCESS_TYPES = (type: string): boolean => !['octetstring', 'visiblestring', 'unicodestring'].includes(type);

const reportedByAnRcb = (c: PointCoverage): boolean => c.dataSets.some((d) => d.reportControls.length > 0);

/**
 * The points of one SCL IED for the tiers asked, each with the RCBs that report it: essential and
 * extended from the planner's recommendations, station from the members of the IED's data sets that an
 * RCB reports, all from every ST/MX leaf. Tiers add up; each point is listed once, in model order.
 */
export function sclDraftPoints(ied: SclIed, tiers: ReadonlySet<Tier>): DraftPoint[] {
  const confRevs = new Map<string, number>();
  for (const ld of serverLogicalDevices(ied))
    for (const ln of ld.logicalNodes) for (const rc of ln.reportControls) if (rc.confRev !== undefined) confRevs.set(rc.ref, rc.confRev);
  const confRevOf = (rcb: string): number | undefined => confRevs.get(rcb);
  const out = new Map<string, DraftPoint>();
  // The planner's own tiers; `extended` takes the essential points with it, as it always has in init.
  const planned: PointTier[] = tiers.has('extended') ? ['essential', 'extended'] : tiers.has('essential') ? ['essential'] : [];
  if (planned.length > 0) {
    for (const p of planIed(ied, { tiers: planned }).points) out.set(`${p.ref}[${p.fc}]`, draftOf(p, coversOf(p.coverage, confRevOf)));
  }
  if (tiers.has('station') || tiers.has('all')) {
    for (const leaf of allLeaves(ied)) {
      if (out.has(leaf.key) || (!tiers.has('all') && (!reportedByAnRcb(leaf.coverage) || !PROCESS_TYPES(leaf.point.type)))) continue;
      out.set(leaf.key, draftOf(leaf.point, coversOf(leaf.coverage, confRevOf)));
    }
  }
  return [...out.values()];
}
