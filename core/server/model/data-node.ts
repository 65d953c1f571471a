import type { AccessResult, AlternateAccess, MmsTypeSpec, MmsValue, WriteResult } from '../../mms';
import type { ClientContext } from '../client-context';

/*
 * The server's data model is a tree of named nodes, as MMS exposes an IEC 61850 server: a domain (LD)
 * holds named variables (LNs), each a structure of FCs, of data objects, of attributes; the MMS item
 * `LN$FC$DO$DA` is the path from the LN down. Leaves hold a basic type and its current value; arrays
 * hold elements of one type. Nothing here knows IEC 61850 semantics: those are hooks set by the layer
 * that builds the model (the report engine on RCBs, the simulator on controls).
 */

/** The triggers a leaf raises when it is set (IEC 61850 TrgOps of the DA that holds it). */
export const TRIGGER = { dchg: 1, qchg: 2, dupd: 4 } as const;

export interface NodeHooks {
  /** Answers a read of exactly this node (e.g. a control's SBO) instead of its stored value. */
  read?(ctx: ClientContext): AccessResult;
  /**
   * Takes a client's write to this node or anything below it; `path` names the part below this node
   * (empty for the node itself). Without a hook, the model's write policy decides.
   */
  write?(value: MmsValue, ctx: ClientContext, path: readonly string[]): WriteResult;
}

interface NodeBase {
  readonly name: string;
  parent: InnerNode | undefined;
  hooks?: NodeHooks;
}

export interface LeafNode extends NodeBase {
  readonly kind: 'leaf';
  readonly spec: MmsTypeSpec;
  value: MmsValue;
  /** TRIGGER bits. */
  triggers: number;
  /** What the builder of the model knows about the leaf (e.g. the SCL bType and enum names). */
  meta?: unknown;
}

export interface StructNode extends NodeBase {
  readonly kind: 'struct';
  readonly children: DataNode[];
  /** Children by name, made on the first lookup of a structure with many children (see childOf). */
  index?: Map<string, DataNode>;
  /** Cached type: the tree's shape never changes once built. */
  specCache?: MmsTypeSpec;
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly elements: DataNode[];
  specCache?: MmsTypeSpec;
}

export type InnerNode = StructNode | ArrayNode;
export type DataNode = LeafNode | InnerNode;

export function leafNode(name: string, spec: MmsTypeSpec, value: MmsValue, triggers = 0, meta?: unknown): LeafNode {
  return { kind: 'leaf', name, spec, value, triggers, parent: undefined, ...(meta === undefined ? {} : { meta }) };
}

export function structNode(name: string, children: DataNode[]): StructNode {
  const node: StructNode = { kind: 'struct', name, children, parent: undefined };
  for (const c of children) c.parent = node;
  return node;
}

/** An array of at least one element; every element has the first one's type. */
export function arrayNode(name: string, elements: DataNode[]): ArrayNode {
  if (elements.length === 0) throw new RangeError(`array ${name} needs at least one element`);
  const node: ArrayNode = { kind: 'array', name, elements, parent: undefined };
  for (const e of elements) e.parent = node;
  return node;
}

/** Adds a child to a structure after it was built (control blocks added by the report engine). */
export function appendChild(parent: StructNode, child: DataNode): void {
  if (childOf(parent, child.name)) throw new Error(`${parent.name} already has ${child.name}`);
  child.parent = parent;
  parent.children.push(child);
  parent.index?.set(child.name, child);
  for (let p: InnerNode | undefined = parent; p; p = p.parent) p.specCache = undefined;
}

export function specOf(node: DataNode): MmsTypeSpec {
  if (node.kind === 'leaf') return node.spec;
  if (node.specCache) return node.specCache;
  const spec: MmsTypeSpec =
    node.kind === 'struct'
      ? { type: 'structure', packed: false, components: node.children.map((c) => ({ name: c.name, spec: specOf(c) })) }
      : { type: 'array', packed: false, elementCount: node.elements.length, element: specOf(node.elements[0]!) };
  node.specCache = spec;
  return spec;
}

export function valueOf(node: DataNode): MmsValue {
  switch (node.kind) {
    case 'leaf':
      return node.value;
    case 'struct':
      return { type: 'structure', members: node.children.map(valueOf) };
    case 'array':
      return { type: 'array', elements: node.elements.map(valueOf) };
  }
}

/** Structures with more children than this get a name index; smaller ones are searched in order. */
const INDEX_FROM = 8;

/**
 * A structure's child by name. Most structures (a DO, an FCD, a Vector) have a handful of children and
 * are searched in order, which costs less than a Map per node in a model of half a million leaves;
 * larger ones (a domain of LNs, an FC of many DOs) build their index on the first lookup.
 */
export function childOf(node: DataNode, name: string): DataNode | undefined {
  if (node.kind !== 'struct') return undefined;
  if (node.children.length <= INDEX_FROM) return node.children.find((c) => c.name === name);
  if (!node.index) node.index = new Map(node.children.map((c) => [c.name, c]));
  return node.index.get(name);
}

/** The node an alternate access names inside `node` (indices and components), or undefined. */
export function selectNode(node: DataNode, steps: AlternateAccess): DataNode | undefined {
  let at: DataNode | undefined = node;
  for (const step of steps) {
    if (!at) return undefined;
    if (step.kind === 'component') at = childOf(at, step.name);
    else if (step.kind === 'index' && at.kind === 'array') at = at.elements[step.index];
    else return undefined;
  }
  return at;
}

/**
 * The value an alternate access selects: an element or component as selectNode finds it, or for a
 * range or all elements the array of those elements (only as the last step).
 */
export function selectValue(node: DataNode, steps: AlternateAccess): MmsValue | undefined {
  const last = steps[steps.length - 1];
  if (last && (last.kind === 'range' || last.kind === 'all')) {
    const array = selectNode(node, steps.slice(0, -1));
    if (array?.kind !== 'array') return undefined;
    if (last.kind === 'all') return valueOf(array);
    if (last.low + last.count > array.elements.length) return undefined;
    return { type: 'array', elements: array.elements.slice(last.low, last.low + last.count).map(valueOf) };
  }
  const target = selectNode(node, steps);
  return target && valueOf(target);
}

/** Every leaf below (and including) a node, in MMS order. */
export function* leavesBelow(node: DataNode): Generator<LeafNode> {
  if (node.kind === 'leaf') {
    yield node;
    return;
  }
  for (const c of node.kind === 'struct' ? node.children : node.elements) yield* leavesBelow(c);
}

/** The names from the LN down to this node (`[LN, FC, DO, DA]`); array elements add no name. */
export function pathOf(node: DataNode): string[] {
  const names: string[] = [];
  for (let n: DataNode | undefined = node; n?.parent; n = n.parent) if (n.parent.kind === 'struct') names.push(n.name);
  return names.reverse();
}
