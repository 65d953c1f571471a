import type { PointCache } from '../cache';
import { domainName } from '../mms';
import { Binding, type PointTarget } from './binding';
import type { PollItem } from './poll-group';
import { fcdPathOf, type TypeCatalog } from './type-catalog';

/**
 * Each point's FCD from the types the IED described: the deepest data object on its path with its own
 * q or t. A point whose reference the IED does not have gets status `error` with the reason, and no FCD.
 */
export function resolveFcds(types: TypeCatalog, targets: readonly PointTarget[], cache: PointCache): Map<PointTarget, readonly string[]> {
  const fcds = new Map<PointTarget, readonly string[]>();
  for (const t of targets) {
    const spec = types.specOf(t.ld, t.ln, t.fc, t.path);
    if (typeof spec === 'string') {
      cache.setError(t.index, spec);
      continue;
    }
    const lnFc = types.specOf(t.ld, t.ln, t.fc, []);
    fcds.set(t, typeof lnFc === 'string' ? t.path : fcdPathOf(lnFc, t.path));
  }
  return fcds;
}

/** One read item per FCD: points that share an FCD share its read, each with its compiled binding. */
export function fcdReadItems(targets: readonly PointTarget[], types: TypeCatalog, fcdOf: (p: PointTarget) => readonly string[]): PollItem[] {
  const byFcd = new Map<string, PointTarget[]>();
  for (const t of targets) {
    const key = `${t.ld}/${t.ln}$${t.fc}$${fcdOf(t).join('$')}`;
    const list = byFcd.get(key) ?? [];
    list.push(t);
    byFcd.set(key, list);
  }
  const items: PollItem[] = [];
  for (const list of byFcd.values()) {
    const first = list[0] as PointTarget;
    const fcd = fcdOf(first);
    const spec = types.specOf(first.ld, first.ln, first.fc, fcd);
    if (typeof spec === 'string') continue;
    const name = domainName(first.ld, [first.ln, first.fc, ...fcd].join('$'));
    const label = `${first.ld}/${first.ln}.${fcd.join('.')}[${first.fc}]`;
    items.push({ name, spec, binding: Binding.compile(label, fcd, spec, list, fcdOf) });
  }
  return items;
}
