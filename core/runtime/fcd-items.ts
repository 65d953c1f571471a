import type { PointCache } from '../cache';
import { domainName } from '../mms';
import { Binding, type PointTarget } from './binding';
import type { PollItem } from './poll-group';
import { fcdPathOf, type TypeCatalog } from './type-catalog';

/**
 * The FCD each point is read through (`Pos` for `Pos.stVal`, `A.phsA` for `A.phsA.cVal.mag.f`), once the
 * types are loaded. A point the IED's model does not have gets its reason in the cache and no FCD.
 */
export function fcdsOf(targets: readonly PointTarget[], types: TypeCatalog, cache: PointCache): Map<PointTarget, readonly string[]> {
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

/** One read item per FCD: points that share an FCD share its read, compiled into one binding. */
export function fcdItems(targets: readonly PointTarget[], types: TypeCatalog, fcds: ReadonlyMap<PointTarget, readonly string[]>): PollItem[] {
  const byFcd = new Map<string, PointTarget[]>();
  for (const t of targets) {
    const fcd = fcds.get(t) ?? t.path;
    const key = `${t.ld}/${t.ln}$${t.fc}$${fcd.join('$')}`;
    const list = byFcd.get(key) ?? [];
    list.push(t);
    byFcd.set(key, list);
  }
  const items: PollItem[] = [];
  for (const list of byFcd.values()) {
    const first = list[0] as PointTarget;
    const fcd = fcds.get(first) ?? first.path;
    const spec = types.specOf(first.ld, first.ln, first.fc, fcd);
    if (typeof spec === 'string') continue;
    const name = domainName(first.ld, [first.ln, first.fc, ...fcd].join('$'));
    const label = `${first.ld}/${first.ln}.${fcd.join('.')}[${first.fc}]`;
    items.push({ name, spec, binding: Binding.compile(label, fcd, spec, list, (p) => fcds.get(p) ?? p.path) });
  }
  return items;
}
