import type { DraftIedDto, SclIedDto, SclPointDto, SecretRef, Selectors } from '../../../../core/contract';
import { pointKey, type ModelTree } from './tree-model';

export type Tier = SclPointDto['tier'];

/** How many of the plan's points each tier has, and how many of them are selected. */
export function tierCounts(points: readonly SclPointDto[], selected: ReadonlySet<string>): Record<Tier, { total: number; selected: number }> {
  const counts: Record<Tier, { total: number; selected: number }> = {
    essential: { total: 0, selected: 0 },
    station: { total: 0, selected: 0 },
    extended: { total: 0, selected: 0 },
    all: { total: 0, selected: 0 },
  };
  for (const p of points) {
    const c = counts[p.tier];
    c.total++;
    if (selected.has(pointKey(p))) c.selected++;
  }
  return counts;
}

/** The selection plus every point of a tier. */
export function withTier(points: readonly SclPointDto[], selected: ReadonlySet<string>, tier: Tier): Set<string> {
  const next = new Set(selected);
  for (const p of points) if (p.tier === tier) next.add(pointKey(p));
  return next;
}

/** How the selected points will be updated: by report (which RCBs) or by polling. */
export function coverageSummary(points: readonly SclPointDto[], selected: ReadonlySet<string>): { report: number; poll: number; rcbs: string[] } {
  let report = 0;
  let poll = 0;
  const rcbs = new Set<string>();
  for (const p of points) {
    if (!selected.has(pointKey(p))) continue;
    if (p.coverage.mode === 'report') {
      report++;
      for (const d of p.coverage.dataSets) for (const r of d.reportControls) if (r.onChange) rcbs.add(r.id);
    } else poll++;
  }
  return { report, poll, rcbs: [...rcbs].sort() };
}

export interface DraftSource {
  readonly dto: SclIedDto;
  readonly tree: ModelTree;
  readonly selected: ReadonlySet<string>;
  readonly host: string;
  readonly port: number;
  readonly selectors?: Selectors;
  readonly origin: DraftIedDto['origin'];
}

/**
 * The IED as the service's addIeds takes it: each selected point with the RCBs that report it on
 * change (their buffering, data set and integrity period from the RCB list) and, for an enum, the
 * names its SCL EnumType gives.
 */
export function draftIed(source: DraftSource, id: string, password: SecretRef | undefined): DraftIedDto {
  const rcbs = new Map(source.dto.reportControls.map((r) => [r.id, r]));
  const points = source.dto.points
    .filter((p) => source.selected.has(pointKey(p)))
    .map((p) => {
      const covers = p.coverage.dataSets.flatMap((d) =>
        d.reportControls
          .filter((r) => r.onChange)
          .flatMap((r) => {
            const rc = rcbs.get(r.id);
            return rc ? [{ rcb: rc.id, buffered: rc.buffered, dataSet: d.ref, intgPd: rc.intgPd }] : [];
          }),
      );
      const enumNames = p.type === 'enum' ? source.tree.enumNames(p.ref, p.fc) : undefined;
      return { ref: p.ref, fc: p.fc as DraftIedDto['points'][number]['fc'], type: p.type as DraftIedDto['points'][number]['type'], covers, ...(enumNames ? { enumNames } : {}) };
    });
  return {
    id,
    name: source.dto.overview.name,
    host: source.host,
    port: source.port,
    ...(source.selectors && Object.keys(source.selectors).length > 0 ? { selectors: source.selectors } : {}),
    ...(password ? { password } : {}),
    ...(source.origin ? { origin: source.origin } : {}),
    points,
  };
}

/** `FDR1 relay` → `FDR1_relay`: the id a project gives the IED unless the user changes it. */
export const iedIdOf = (name: string): string => name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[-_]+/, '').slice(0, 60) || 'IED';

/** The environment variable a headless project names for an IED's password. */
export const passwordEnvOf = (id: string): string => `${id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_PASSWORD`;
