import {
  typeMismatch,
  type AccessResult,
  type MmsTypeSpec,
  type MmsValue,
  type VariableName,
  type WriteResult,
} from '../../mms';
import { TypedEmitter } from '../../shared';
import type { ClientContext } from '../client-context';
import {
  TRIGGER,
  childOf,
  leavesBelow,
  selectNode,
  selectValue,
  specOf,
  structNode,
  type DataNode,
  type LeafNode,
  type StructNode,
} from './data-node';
import { DataSetRegistry } from './data-sets';
import { mmsNameOrder } from './order';
import { mmsValuesEqual } from './value-equality';
import { refused } from './write-results';

export interface ServerIdentity {
  readonly vendorName: string;
  readonly modelName: string;
  readonly revision: string;
}

export type ChangeReason = 'dchg' | 'qchg' | 'dupd';

export interface LeafChange {
  readonly leaf: LeafNode;
  readonly reason: ChangeReason;
}

export interface DataModelEvents extends Record<string, unknown> {
  /** A leaf was set and one of its triggers fired. */
  change: LeafChange;
}

/** FCs a client may write without a hook (IEC 61850: configuration, description and settings). */
export const DEFAULT_WRITABLE_FCS: readonly string[] = ['CF', 'DC', 'SP'];

/**
 * The data a server serves: domains of named variables as node trees, their data sets, and the rules
 * for client reads and writes. Every value change goes through {@link setLeaf}, which raises the
 * leaf's triggers as `change` events (the report engine listens).
 */
export class ServerDataModel extends TypedEmitter<DataModelEvents> {
  readonly dataSets: DataSetRegistry;
  readonly writableFcs: Set<string>;
  private readonly domains = new Map<string, StructNode>();
  private readonly nameCache = new Map<string, string[]>();

  constructor(
    public identity: ServerIdentity,
    writableFcs: Iterable<string> = DEFAULT_WRITABLE_FCS,
  ) {
    super();
    this.writableFcs = new Set(writableFcs);
    this.dataSets = new DataSetRegistry(this);
  }

  /** Adds a domain (LD) whose named variables are the given LNs. */
  addDomain(name: string, lns: DataNode[]): StructNode {
    if (this.domains.has(name)) throw new Error(`domain ${name} exists already`);
    const root = structNode(name, lns);
    this.domains.set(name, root);
    return root;
  }

  domain(name: string): StructNode | undefined {
    return this.domains.get(name);
  }

  domainNames(): string[] {
    return [...this.domains.keys()].sort(mmsNameOrder);
  }

  /** The node of an MMS item (`LN$FC$DO$DA`) in a domain. */
  find(domain: string, item: string): DataNode | undefined {
    let node: DataNode | undefined = this.domains.get(domain);
    for (const part of item.split('$')) {
      if (node?.kind !== 'struct') return undefined;
      node = childOf(node, part);
    }
    return node;
  }

  /** Forget cached names after nodes were added to a domain (control blocks added after the build). */
  invalidateNames(domain: string): void {
    this.nameCache.delete(domain);
  }

  /** Every named variable of a domain (LN, LN$FC, LN$FC$DO, …; arrays end a name), in mmsNameOrder. */
  variableNames(domain: string): string[] {
    const cached = this.nameCache.get(domain);
    if (cached) return cached;
    const root = this.domains.get(domain);
    if (!root) return [];
    const out: string[] = [];
    const walk = (prefix: string, node: DataNode): void => {
      out.push(prefix);
      if (node.kind !== 'struct') return;
      for (const c of node.children) walk(`${prefix}$${c.name}`, c);
    };
    for (const ln of root.children) walk(ln.name, ln);
    // Sorted as whole names: `$` sorts after letters, so this is not the order of a tree walk.
    out.sort(mmsNameOrder);
    this.nameCache.set(domain, out);
    return out;
  }

  typeOf(name: VariableName): MmsTypeSpec | undefined {
    if (name.scope !== 'domain') return undefined;
    const node = this.find(name.domain, name.item);
    return node && specOf(node);
  }

  read(name: VariableName, ctx: ClientContext): AccessResult {
    if (name.scope !== 'domain') return refused('object-non-existent');
    const node = this.find(name.domain, name.item);
    if (!node) return refused('object-non-existent');
    const steps = name.alternateAccess ?? [];
    if (steps.length === 0 && node.hooks?.read) return node.hooks.read(ctx);
    const value = selectValue(node, steps);
    return value ? { ok: true, value } : refused('object-non-existent');
  }

  /**
   * A client's write: the deepest node on the path with a write hook takes it; otherwise the FC must
   * be writable (DEFAULT_WRITABLE_FCS unless configured), the value must have the variable's type, and
   * it is stored leaf by leaf.
   */
  write(name: VariableName, value: MmsValue, ctx: ClientContext): WriteResult {
    if (name.scope !== 'domain') return refused('object-non-existent');
    const parts = name.item.split('$');
    let node: DataNode | undefined = this.domains.get(name.domain);
    let hooked: { node: DataNode; depth: number } | undefined;
    for (let i = 0; i < parts.length; i++) {
      node = node && childOf(node, parts[i]!);
      if (!node) return refused('object-non-existent');
      if (node.hooks?.write) hooked = { node, depth: i + 1 };
    }
    if (!node) return refused('object-non-existent');
    const steps = name.alternateAccess ?? [];
    if (hooked?.node.hooks?.write) {
      if (steps.length > 0) return refused('object-access-unsupported');
      return hooked.node.hooks.write(value, ctx, parts.slice(hooked.depth));
    }
    if (parts.length < 2 || !this.writableFcs.has(parts[1]!)) return refused('object-access-denied');
    const target = steps.length > 0 ? selectNode(node, steps) : node;
    if (!target) return refused(steps.some((s) => s.kind === 'range' || s.kind === 'all') ? 'object-access-unsupported' : 'object-non-existent');
    if (typeMismatch(specOf(target), value) !== undefined) return refused('type-inconsistent');
    this.setNode(target, value);
    return { ok: true };
  }

  /**
   * Sets a leaf and raises its triggers: dchg (or qchg for a quality) when the value changed, dupd when
   * it was set to the same value. Returns whether the value changed.
   */
  setLeaf(leaf: LeafNode, value: MmsValue): boolean {
    const changed = !mmsValuesEqual(leaf.value, value);
    leaf.value = value;
    if (changed && leaf.triggers & TRIGGER.dchg) this.emit('change', { leaf, reason: 'dchg' });
    else if (changed && leaf.triggers & TRIGGER.qchg) this.emit('change', { leaf, reason: 'qchg' });
    else if (!changed && leaf.triggers & TRIGGER.dupd) this.emit('change', { leaf, reason: 'dupd' });
    return changed;
  }

  /** Stores a value of the node's type leaf by leaf (the caller checked the type). */
  setNode(node: DataNode, value: MmsValue): void {
    if (node.kind === 'leaf') {
      this.setLeaf(node, value);
      return;
    }
    const parts = value.type === 'structure' ? value.members : value.type === 'array' ? value.elements : [];
    const children = node.kind === 'struct' ? node.children : node.elements;
    children.forEach((c, i) => {
      const v = parts[i];
      if (v) this.setNode(c, v);
    });
  }

  /** Every leaf of every domain (for tests and for the simulator's bookkeeping). */
  *leaves(): Generator<LeafNode> {
    for (const root of this.domains.values()) yield* leavesBelow(root);
  }
}
