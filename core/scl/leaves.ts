import type { Fc, TypeName } from '../iec61850';
import type { SclDataAttribute, SclDataNode, SclDataObject, SclIed, SclLogicalDevice, SclLogicalNode } from './model';

/** One basic-typed attribute of an LN instance: what a point can read. */
export interface SclLeaf {
  /** `LD/LN.DO[.SDO].DA[.BDA]`, without FC. */
  readonly ref: string;
  readonly fc: Fc | undefined;
  readonly type: TypeName;
  readonly ld: string;
  readonly ln: SclLogicalNode;
  /** Names below the LN: DO, SDOs, DA, BDAs. */
  readonly path: readonly string[];
  readonly attribute: SclDataAttribute;
  /** The innermost DO or SDO holding the attribute (its CDC tells what the data means). */
  readonly dataObject: SclDataObject;
  /** The DA the leaf is or is inside of: it carries the FC and the trigger options (dchg, qchg, dupd). */
  readonly da: SclDataAttribute;
  /** True when some element on the path is an array (count); arrays are not expanded. */
  readonly inArray: boolean;
}

/** Every basic-typed leaf of an LN, in SCL order, array counts ignored (one leaf per array). */
export function* leavesOf(ld: string, ln: SclLogicalNode): Generator<SclLeaf> {
  for (const d of ln.type?.dataObjects ?? []) yield* walk(ld, ln, d, d, [d.name], undefined, d.count !== undefined);
}

/** A leaf as `forEachPointLeaf` shows it: valid during the call only (the view and its path are reused). */
export interface LeafView {
  /** Names below the LN; copy it to keep it. */
  readonly path: readonly string[];
  readonly fc: 'ST' | 'MX';
  readonly type: TypeName;
  readonly attribute: SclDataAttribute;
  readonly dataObject: SclDataObject;
  readonly da: SclDataAttribute;
}

/**
 * Every basic-typed ST or MX leaf of an LN outside arrays, in SCL order: the leaves a point can be.
 * Subtrees of other FCs and arrays are not walked, and nothing is allocated per leaf but the view.
 */
export function forEachPointLeaf(ln: SclLogicalNode, visit: (leaf: LeafView) => void): void {
  const path: string[] = [];
  // One view, refilled per leaf: a station IED has tens of thousands of leaves, most of them no point.
  const view: { -readonly [K in keyof LeafView]: LeafView[K] } = { path, fc: 'ST', type: 'boolean', attribute: undefined as never, dataObject: undefined as never, da: undefined as never };
  const down = (node: SclDataNode, owner: SclDataObject, da: SclDataAttribute | undefined): void => {
    if (node.count !== undefined) return;
    path.push(node.name);
    if (isDataObject(node)) {
      for (const c of node.children) down(c, node, undefined);
    } else {
      const top = da ?? node;
      if (top.fc === 'ST' || top.fc === 'MX') {
        if (node.bType === 'Struct') for (const c of node.children) down(c, owner, top);
        else {
          view.fc = top.fc;
          view.type = node.type;
          view.attribute = node;
          view.dataObject = owner;
          view.da = top;
          visit(view);
        }
      }
    }
    path.pop();
  };
  for (const d of ln.type?.dataObjects ?? []) down(d, d, undefined);
}

/** Where a node sits below an LN: the node, its innermost DO/SDO, the DA it is or is in, whether an array is on the way. */
export interface NodeAt {
  readonly node: SclDataNode;
  readonly owner: SclDataObject;
  readonly da: SclDataAttribute | undefined;
  readonly inArray: boolean;
}

/** The node at `path` below an LN with what its leaves need to know, or undefined. */
export function nodeAt(ln: SclLogicalNode, path: readonly string[]): NodeAt | undefined {
  let children: readonly SclDataNode[] = ln.type?.dataObjects ?? [];
  let at: NodeAt | undefined;
  for (const name of path) {
    const node = children.find((c) => c.name === name);
    if (!node) return undefined;
    const owner = isDataObject(node) ? node : at?.owner;
    if (!owner) return undefined;
    at = { node, owner, da: node.kind === 'DA' ? node : at?.da, inArray: (at?.inArray ?? false) || node.count !== undefined };
    children = node.children;
  }
  return at;
}

/** Every basic-typed leaf at or below the node at `path` (see nodeAt). */
export function* leavesBelow(ld: string, ln: SclLogicalNode, path: readonly string[], at: NodeAt): Generator<SclLeaf> {
  yield* walk(ld, ln, at.node, at.owner, [...path], at.da, at.inArray);
}

function* walk(ld: string, ln: SclLogicalNode, node: SclDataNode, owner: SclDataObject, path: string[], da: SclDataAttribute | undefined, inArray: boolean): Generator<SclLeaf> {
  if (isDataObject(node)) {
    for (const c of node.children) yield* walk(ld, ln, c, node, [...path, c.name], undefined, inArray || c.count !== undefined);
    return;
  }
  const top = node.kind === 'DA' ? node : (da ?? node);
  if (node.bType === 'Struct') {
    for (const c of node.children) yield* walk(ld, ln, c, owner, [...path, c.name], top, inArray || c.count !== undefined);
    return;
  }
  yield { ref: `${ld}/${ln.name}.${path.join('.')}`, fc: top.fc, type: node.type, ld, ln, path, attribute: node, dataObject: owner, da: top, inArray };
}

export function isDataObject(node: SclDataNode): node is SclDataObject {
  return node.kind === 'DO' || node.kind === 'SDO';
}

/** Every leaf of every LN of an LD. */
export function* leavesOfLd(ld: SclLogicalDevice): Generator<SclLeaf> {
  for (const ln of ld.logicalNodes) yield* leavesOf(ld.name, ln);
}

/** The node at `path` below an LN (DO, SDO, DA or BDA by name), or undefined. */
export function findNode(ln: SclLogicalNode, path: readonly string[]): SclDataNode | undefined {
  return nodeAt(ln, path)?.node;
}

/** The figures `relaygate scl` prints per IED (CONVENTIONS.md `counts`). */
export interface SclIedCounts {
  readonly logicalDevices: number;
  readonly logicalNodes: number;
  readonly dataSets: number;
  readonly reportControls: number;
  readonly reportInstances: number;
  /** Basic-typed leaves over all FCs, array counts ignored (as ../shared/scl/MANIFEST.md counts). */
  readonly leaves: number;
}

/** Logical devices of the IED's server access points (the browsable ones), in order. */
export function serverLogicalDevices(ied: SclIed): SclLogicalDevice[] {
  return ied.accessPoints.filter((ap) => ap.hasServer).flatMap((ap) => ap.logicalDevices);
}

export function iedCounts(ied: SclIed): SclIedCounts {
  const lds = serverLogicalDevices(ied);
  const lns = lds.flatMap((ld) => ld.logicalNodes);
  const rcbs = lns.flatMap((ln) => ln.reportControls);
  return {
    logicalDevices: lds.length,
    logicalNodes: lns.length,
    dataSets: lns.reduce((n, ln) => n + ln.dataSets.length, 0),
    reportControls: rcbs.length,
    reportInstances: rcbs.reduce((n, r) => n + r.instances.length, 0),
    leaves: lns.reduce((n, ln) => n + (ln.type?.leafCount ?? 0), 0),
  };
}
