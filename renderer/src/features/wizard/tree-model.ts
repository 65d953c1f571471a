import type { SclIedDto, SclPointDto } from '../../../../core/contract';

type Model = SclIedDto['model'];
type TypeChild = Model['lnTypes'][number]['dataObjects'][number];

/** One node of the model tree: LD → LN → DO → SDO/DA → BDA. */
export interface TreeNode {
  /** `LD`, `LD/LN`, `LD/LN.DO.DA`; a leaf's id carries its FC: `LD/LN.DO.DA[ST]`. */
  readonly id: string;
  readonly kind: 'LD' | 'LN' | 'DO' | 'SDO' | 'DA' | 'BDA';
  readonly name: string;
  /** The LD or LN description, an LN's class; a DA's bType. */
  readonly detail: string | null;
  /** The FC of a DA, and of the BDAs below it. */
  readonly fc: string | null;
  /** Type name of a DA/BDA (`float32`, `struct`); null for LD, LN, DO. */
  readonly type: string | null;
  readonly count: number | null;
  readonly expandable: boolean;
  /** For a basic DA/BDA: `ref[FC]`, the key points and selections use. */
  readonly leafKey: string | null;
  /** Names below the LN (for DO and below). */
  readonly path: readonly string[];
  readonly ld: string;
  readonly ln: string | null;
  /** The DOType, DAType or LNodeType id to expand with. */
  readonly typeId: string | null;
}

/** A row of the tree as shown: a node at a depth. */
export interface TreeRow {
  readonly node: TreeNode;
  readonly depth: number;
  readonly expanded: boolean;
}

/** `LD/LN.DO.DA[FC]`: the key of a point in selections and plans. */
export const pointKey = (p: { ref: string; fc: string }): string => `${p.ref}[${p.fc}]`;

/**
 * The model tree of one IED, expanded lazily from the DTO's type tables (each type listed once), so a
 * station IED's thousands of LNs cost nothing until opened. Leaves are DAs and BDAs of a basic type.
 */
export class ModelTree {
  private readonly lnTypes: Map<string, Model['lnTypes'][number]>;
  private readonly doTypes: Map<string, Model['doTypes'][number]>;
  private readonly daTypes: Map<string, Model['daTypes'][number]>;
  private readonly enumTypes: Map<string, Model['enumTypes'][number]>;
  private readonly childCache = new Map<string, TreeNode[]>();
  private leafList: TreeNode[] | null = null;

  constructor(private readonly model: Model) {
    this.lnTypes = new Map(model.lnTypes.map((t) => [t.id, t]));
    this.doTypes = new Map(model.doTypes.map((t) => [t.id, t]));
    this.daTypes = new Map(model.daTypes.map((t) => [t.id, t]));
    this.enumTypes = new Map(model.enumTypes.map((t) => [t.id, t]));
  }

  roots(): TreeNode[] {
    return this.model.logicalDevices.map((ld) => ({
      id: ld.name, kind: 'LD', name: ld.name, detail: ld.desc, fc: null, type: null, count: null,
      expandable: ld.logicalNodes.length > 0, leafKey: null, path: [], ld: ld.name, ln: null, typeId: null,
    }));
  }

  children(node: TreeNode): TreeNode[] {
    let list = this.childCache.get(node.id);
    if (!list) {
      list = this.build(node);
      this.childCache.set(node.id, list);
    }
    return list;
  }

  private build(node: TreeNode): TreeNode[] {
    if (node.kind === 'LD') {
      const ld = this.model.logicalDevices.find((l) => l.name === node.ld);
      return (ld?.logicalNodes ?? []).map((ln) => ({
        id: `${node.ld}/${ln.name}`, kind: 'LN', name: ln.name, detail: [ln.lnClass, ln.desc].filter(Boolean).join(' · '), fc: null, type: null,
        count: null, expandable: ln.resolved && this.lnTypes.has(ln.lnType), leafKey: null, path: [], ld: node.ld, ln: ln.name, typeId: ln.lnType,
      }));
    }
    if (node.kind === 'LN') return (this.lnTypes.get(node.typeId ?? '')?.dataObjects ?? []).map((c) => this.child(node, c));
    const children = node.kind === 'DO' || node.kind === 'SDO' ? this.doTypes.get(node.typeId ?? '')?.children : this.daTypes.get(node.typeId ?? '')?.children;
    return (children ?? []).map((c) => this.child(node, c));
  }

  private child(parent: TreeNode, c: TypeChild): TreeNode {
    const path = [...parent.path, c.name];
    const ref = `${parent.ld}/${parent.ln ?? ''}.${path.join('.')}`;
    const fc = c.fc ?? parent.fc;
    const isObject = c.kind === 'DO' || c.kind === 'SDO';
    const basic = !isObject && c.type !== 'struct' && c.type !== null;
    const typeTable = isObject ? this.doTypes : this.daTypes;
    return {
      id: basic && fc ? `${ref}[${fc}]` : ref,
      kind: c.kind,
      name: c.name,
      detail: isObject ? (this.doTypes.get(c.typeId ?? '')?.cdc ?? null) : c.bType,
      fc: isObject ? null : fc,
      type: c.type,
      count: c.count,
      expandable: c.resolved && !basic && c.typeId !== null && typeTable.has(c.typeId),
      leafKey: basic && fc ? `${ref}[${fc}]` : null,
      path,
      ld: parent.ld,
      ln: parent.ln,
      typeId: c.typeId,
    };
  }

  /** The rows to show: roots and the children of expanded nodes, depth first. */
  visible(expanded: ReadonlySet<string>): TreeRow[] {
    const rows: TreeRow[] = [];
    const walk = (nodes: TreeNode[], depth: number): void => {
      for (const node of nodes) {
        const open = node.expandable && expanded.has(node.id);
        rows.push({ node, depth, expanded: open });
        if (open) walk(this.children(node), depth + 1);
      }
    };
    walk(this.roots(), 0);
    return rows;
  }

  /** Every leaf, in model order (built once, on the first search). */
  leaves(): TreeNode[] {
    if (this.leafList) return this.leafList;
    const out: TreeNode[] = [];
    const walk = (nodes: TreeNode[]): void => {
      for (const n of nodes) {
        if (n.leafKey) out.push(n);
        else if (n.expandable) walk(this.children(n));
      }
    };
    walk(this.roots());
    this.leafList = out;
    return out;
  }

  /** Leaves whose reference contains every word of the query (case-insensitive), with an FC filter. */
  search(query: string, fcs: ReadonlySet<string> | null, limit = 500): { rows: TreeNode[]; total: number } {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = this.leaves().filter((n) => (!fcs || fcs.has(n.fc ?? '')) && words.every((w) => (n.leafKey ?? '').toLowerCase().includes(w)));
    return { rows: found.slice(0, limit), total: found.length };
  }

  /** The ids of the nodes above a node (to reveal it). */
  ancestors(leaf: TreeNode): string[] {
    const ids = [leaf.ld];
    if (leaf.ln) ids.push(`${leaf.ld}/${leaf.ln}`);
    for (let i = 1; i < leaf.path.length; i++) ids.push(`${leaf.ld}/${leaf.ln}.${leaf.path.slice(0, i).join('.')}`);
    return ids;
  }

  /** SCL EnumVal names of an enum leaf, by ordinal; undefined when it is not an enum or has no type. */
  enumNames(ref: string, fc: string): Record<string, string> | undefined {
    const leaf = this.findLeaf(ref, fc);
    const type = leaf?.type === 'enum' ? this.enumTypes.get(leaf.typeId ?? '') : undefined;
    return type ? Object.fromEntries(type.values.map((v) => [String(v.ord), v.name])) : undefined;
  }

  private findLeaf(ref: string, fc: string): TreeNode | undefined {
    const slash = ref.indexOf('/');
    const [ln = '', ...path] = ref.slice(slash + 1).split('.');
    const ld = this.roots().find((r) => r.ld === ref.slice(0, slash));
    if (!ld) return undefined;
    let nodes = this.children(ld);
    let node = nodes.find((n) => n.ln === ln);
    for (const name of path) {
      if (!node) return undefined;
      nodes = this.children(node);
      node = nodes.find((n) => n.name === name);
    }
    return node?.leafKey === `${ref}[${fc}]` ? node : undefined;
  }
}

/** The plan's points by key: every ST/MX leaf that can be a point, with tier, reason and coverage. */
export function pointsByKey(points: readonly SclPointDto[]): Map<string, SclPointDto> {
  return new Map(points.map((p) => [pointKey(p), p]));
}
