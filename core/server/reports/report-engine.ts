import { parseDataSetReference } from '../../iec61850';
import type { ReasonCode } from '../../iec61850';
import type { ClientContext } from '../client-context';
import { appendChild, childOf, structNode, type DataNode } from '../model/data-node';
import type { LeafChange, ServerDataModel } from '../model/data-model';
import type { DataSet } from '../model/data-sets';
import { rcbAttributeLeaves, type RcbConfig } from './rcb-attributes';
import { ReportControl, type RcbHost } from './report-control';

export interface ReportEngineOptions {
  /** The clock (ms since 1970); tests may pin it. */
  now?: () => number;
  /** Entries a BRCB buffer holds before the oldest are dropped (BufOvfl). Default 1000. */
  bufferEntries?: number;
}

/** A data set member: the set and the member's position in it. */
interface Membership {
  readonly set: DataSet;
  readonly index: number;
}

/**
 * The one report engine of a server: it adds RCB instances to the model and routes every triggered
 * change of a leaf to the RCBs whose data set holds the leaf (as an FCD, an FCDA or the array element
 * it is in), with the member's position.
 */
export class ReportEngine implements RcbHost {
  readonly rcbs: ReportControl[] = [];
  private pausedFlag = false;
  /*
   * Changes are routed through the data sets RCBs watch: each member node knows its sets (and its
   * position in them), each set its RCBs. An indexed RCB has up to 99 instances on one data set, so
   * this holds one entry per member and not one per member and instance.
   */
  private readonly memberships = new Map<DataNode, Membership[]>();
  private readonly watchersOf = new Map<DataSet, ReportControl[]>();
  /** The data set each RCB watches, as it was at its last rewatch. */
  private readonly watching = new Map<ReportControl, DataSet>();
  private entryKey = BigInt(Date.now()) * 1000n;
  private readonly unsubscribe: () => void;

  constructor(
    readonly model: ServerDataModel,
    private readonly options: ReportEngineOptions = {},
  ) {
    this.unsubscribe = model.on('change', (c) => this.onChange(c));
    model.dataSets.inUse = (set) => this.rcbs.some((r) => r.dataSet === set);
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Holds reports back (URCB reports are lost, BRCB reports wait in the buffer) or lets them go again. */
  setPaused(paused: boolean): void {
    this.pausedFlag = paused;
    if (!paused) for (const r of this.rcbs) r.deliver();
  }

  /** Adds an RCB instance below `LN$RP` or `LN$BR` of a domain's LN. */
  addRcb(domain: string, ln: string, config: RcbConfig): ReportControl {
    const lnNode = this.model.find(domain, ln);
    if (lnNode?.kind !== 'struct') throw new Error(`no LN ${domain}/${ln} for RCB ${config.name}`);
    const fc = config.buffered ? 'BR' : 'RP';
    let fcNode = childOf(lnNode, fc);
    if (!fcNode) appendChild(lnNode, (fcNode = structNode(fc, [])));
    if (fcNode.kind !== 'struct') throw new Error(`${domain}/${ln}$${fc} is not a structure`);
    const node = structNode(config.name, rcbAttributeLeaves(config));
    appendChild(fcNode, node);
    this.model.invalidateNames(domain);
    const rcb = new ReportControl(this, node, domain, `${ln}$${fc}$${config.name}`);
    if (rcb.buffer && this.options.bufferEntries !== undefined) rcb.buffer.capacity = this.options.bufferEntries;
    this.rcbs.push(rcb);
    this.rewatch(rcb);
    return rcb;
  }

  /** The RCB of a 7-2 reference `LD/LN.name`, or undefined. */
  find(ref: string): ReportControl | undefined {
    return this.rcbs.find((r) => r.ref === ref);
  }

  stop(): void {
    this.unsubscribe();
    for (const r of this.rcbs) r.stop();
  }

  // ---- RcbHost

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  nextEntryKey(): bigint {
    return ++this.entryKey;
  }

  resolveDataSet(datSet: string, ctx: ClientContext | undefined): DataSet | undefined {
    try {
      const name = parseDataSetReference(datSet);
      if (!name) return undefined;
      return name.domain === undefined
        ? this.model.dataSets.get({ scope: 'aa', item: name.item }, ctx)
        : this.model.dataSets.get({ scope: 'domain', domain: name.domain, item: name.item });
    } catch {
      return undefined;
    }
  }

  rewatch(rcb: ReportControl): void {
    const old = this.watching.get(rcb);
    if (old) {
      const rest = (this.watchersOf.get(old) ?? []).filter((r) => r !== rcb);
      if (rest.length > 0) this.watchersOf.set(old, rest);
      else this.unwatchSet(old);
    }
    const set = rcb.dataSet;
    if (!set) {
      this.watching.delete(rcb);
      return;
    }
    this.watching.set(rcb, set);
    const list = this.watchersOf.get(set);
    if (list) list.push(rcb);
    else this.watchSet(set, rcb);
  }

  private watchSet(set: DataSet, first: ReportControl): void {
    this.watchersOf.set(set, [first]);
    set.members.forEach((m, index) => {
      const list = this.memberships.get(m.node);
      if (list) list.push({ set, index });
      else this.memberships.set(m.node, [{ set, index }]);
    });
  }

  private unwatchSet(set: DataSet): void {
    this.watchersOf.delete(set);
    for (const m of set.members) {
      const kept = (this.memberships.get(m.node) ?? []).filter((w) => w.set !== set);
      if (kept.length === 0) this.memberships.delete(m.node);
      else this.memberships.set(m.node, kept);
    }
  }

  private onChange({ leaf, reason }: LeafChange): void {
    for (let node: DataNode | undefined = leaf; node; node = node.parent) {
      const list = this.memberships.get(node);
      if (list) for (const m of list) for (const rcb of this.watchersOf.get(m.set) ?? []) rcb.trigger(m.index, reason as ReasonCode);
    }
  }
}
