import { parseObjectReference, variableOfReference } from '../iec61850';
import { childOf, pathOf, selectNode, type DataNode, type LeafNode, type ServerDataModel } from '../server';
import { RelayGateError } from '../shared';

/** What a reference names in the model, and the value, quality and time that go with it. */
export interface ReferenceTarget {
  readonly ref: string;
  readonly node: DataNode;
  /** The leaf a value is written to: the node itself, or an FCD's value attribute (stVal, mag.f …). */
  readonly valueLeaf: LeafNode | undefined;
  /** The q and t of the innermost data object holding the node. */
  readonly q: LeafNode | undefined;
  readonly t: LeafNode | undefined;
}

/** Where the value of a data object is, by CDC family: status, protection, measured, setting, control. */
const VALUE_PATHS: readonly (readonly string[])[] = [
  ['stVal'],
  ['general'],
  ['mag', 'f'],
  ['mag', 'i'],
  ['cVal', 'mag', 'f'],
  ['instMag', 'f'],
  ['setVal'],
  ['setMag', 'f'],
  ['actVal'],
  ['mxVal', 'f'],
  ['mxVal'],
  ['valWTr', 'posVal'],
];

function descend(node: DataNode, names: readonly string[]): DataNode | undefined {
  let at: DataNode | undefined = node;
  for (const n of names) at = at && childOf(at, n);
  return at;
}

/** Resolves `LD/LN.DO[.DA][FC]` (array elements as `name(i)`); throws sim/no-such-object naming it. */
export function resolveReference(model: ServerDataModel, ref: string): ReferenceTarget {
  const parsed = parseObjectReference(ref);
  if (parsed.fc === undefined || parsed.path.length === 0)
    throw new RelayGateError('sim', 'bad-reference', `'${ref}' must name data with its FC, e.g. LD/LN.DO.DA[FC] or LD/LN.DO[FC]`);
  const variable = variableOfReference(parsed);
  if (variable.scope !== 'domain') throw new RelayGateError('sim', 'bad-reference', `'${ref}' is not domain-specific`);
  const base = model.find(variable.domain, variable.item);
  const node = base && (variable.alternateAccess ? selectNode(base, variable.alternateAccess) : base);
  if (!node) throw new RelayGateError('sim', 'no-such-object', `the simulated IED has no ${ref}`);
  let valueLeaf: LeafNode | undefined;
  if (node.kind === 'leaf') valueLeaf = node;
  else
    for (const p of VALUE_PATHS) {
      const found = descend(node, p);
      if (found?.kind === 'leaf') {
        valueLeaf = found;
        break;
      }
    }
  let q: LeafNode | undefined;
  let t: LeafNode | undefined;
  // Up from the node to the FC level (the FC structure is the LN's child, two names from the LN).
  for (let at: DataNode | undefined = node; at && pathOf(at).length >= 3; at = at.parent) {
    const qq = childOf(at, 'q');
    const tt = childOf(at, 't');
    if (qq?.kind === 'leaf' || tt?.kind === 'leaf') {
      q = qq?.kind === 'leaf' ? qq : undefined;
      t = tt?.kind === 'leaf' ? tt : undefined;
      break;
    }
  }
  return { ref, node, valueLeaf, q, t };
}
