import { CONTROL_BLOCK_FCS, standardEnumNames, valueTypeFromMmsType, type TypeName } from '../iec61850';
import type { MmsTypeSpec } from '../mms';
import type { DiscoveredLeaf, DiscoveredLn } from './discovery';
import { ClientError } from './errors';
import { TimeSlice } from './sliced-queue';

/** The leaves of every LN, yielding between LNs when a slice is used: a large model is not one tick. */
export async function leavesOf(
  lns: readonly DiscoveredLn[],
  signal?: AbortSignal,
): Promise<DiscoveredLeaf[]> {
  const out: DiscoveredLeaf[] = [];
  const slice = new TimeSlice();
  for (const ln of lns) {
    for (const leaf of leavesOfLn(ln)) out.push(leaf);
    if (slice.due) {
      await slice.next();
      if (signal?.aborted) throw new ClientError('cancelled', 'the discovery was cancelled');
    }
  }
  return out;
}

/** Every basic-typed leaf below the data FCs of an LN (control blocks are listed as RCBs instead). */
export function leavesOfLn(ln: DiscoveredLn): DiscoveredLeaf[] {
  const out: DiscoveredLeaf[] = [];
  for (const { fc, type } of ln.fcs) {
    if ((CONTROL_BLOCK_FCS as readonly string[]).includes(fc)) continue;
    const stack: { path: string[]; spec: MmsTypeSpec }[] = [];
    if (type.type === 'structure')
      for (const c of [...type.components].reverse()) stack.push({ path: [c.name], spec: c.spec });
    while (stack.length > 0) {
      const { path, spec } = stack.pop() as { path: string[]; spec: MmsTypeSpec };
      if (spec.type === 'structure') {
        for (const c of [...spec.components].reverse()) stack.push({ path: [...path, c.name], spec: c.spec });
        continue;
      }
      out.push({ ref: `${ln.ld}/${[ln.ln, ...path].join('.')}`, fc, type: leafType(spec, path) });
    }
  }
  return out;
}

/** The CONVENTIONS type name of a leaf; the attribute name decides where MMS types are ambiguous. */
export function leafType(spec: MmsTypeSpec, path: readonly string[]): TypeName | 'unknown' {
  const name = path[path.length - 1] ?? '';
  const doName = path[0] ?? '';
  if (spec.type === 'bit-string') {
    if (name === 'q') return 'quality';
    if (Math.abs(spec.size) === 2 && (name === 'stVal' || name === 'ctlVal')) return 'dbpos';
    return 'bitstring';
  }
  if (spec.type === 'integer' && name === 'stVal' && standardEnumNames(doName) !== undefined) return 'enum';
  if (spec.type === 'array') return 'array';
  const type = valueTypeFromMmsType(spec);
  return type?.kind === 'basic' ? type.type : 'unknown';
}
