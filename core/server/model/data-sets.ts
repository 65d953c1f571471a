import { formatObjectName, serviceErrorByName, type ObjectName, type ServiceError, type VariableName } from '../../mms';
import type { ClientContext } from '../client-context';
import { selectNode, type DataNode } from './data-node';
import type { ServerDataModel } from './data-model';
import { mmsNameOrder } from './order';

/*
 * Named variable lists, which IEC 61850 calls data sets: domain-specific ones from the configuration
 * (not deletable) or defined by clients (deletable), and association-specific ones (`@name`) that live
 * as long as the association that defined them.
 */

export interface DataSetMember {
  readonly name: VariableName;
  /** The FCD or FCDA node the member names (inside an array when it carries an alternate access). */
  readonly node: DataNode;
}

export interface DataSet {
  readonly name: ObjectName;
  readonly members: readonly DataSetMember[];
  readonly deletable: boolean;
}

/** Limits that keep a client from growing the server without bound. */
export const DATA_SET_LIMITS = { maxMembers: 1024, maxPerDomain: 256, maxPerAssociation: 64 } as const;

const err = (name: string, description: string): ServiceError => serviceErrorByName(name, { additionalDescription: description });

export class DataSetRegistry {
  private readonly byDomain = new Map<string, Map<string, DataSet>>();
  private readonly byAssociation = new Map<number, Map<string, DataSet>>();
  /** Whether a control block refers to the data set (then it cannot be deleted); set by the report engine. */
  inUse: (set: DataSet) => boolean = () => false;

  constructor(private readonly model: ServerDataModel) {}

  /**
   * Defines a data set. Domain-specific names are `LN$Name` of an existing LN; members must name an
   * FCD or FCDA (`LN$FC$DO[$DA]`) of the model. Returns the set, or the ServiceError to answer.
   */
  define(name: ObjectName, variables: readonly VariableName[], ctx?: ClientContext, deletable = true): DataSet | ServiceError {
    const where = formatObjectName(name);
    if (variables.length === 0) return err('definition/object-attribute-inconsistent', `${where}: a data set needs members`);
    if (variables.length > DATA_SET_LIMITS.maxMembers)
      return err('resource/capability-unavailable', `${where}: more than ${DATA_SET_LIMITS.maxMembers} members`);
    const table = this.tableFor(name, ctx, true);
    if (!table) return err('definition/object-undefined', `${where}: no such domain or LN, or not a data set name`);
    if (table.has(name.item)) return err('definition/object-exists', `${where} exists already`);
    const limit = name.scope === 'domain' ? DATA_SET_LIMITS.maxPerDomain : DATA_SET_LIMITS.maxPerAssociation;
    if (table.size >= limit) return err('resource/capability-unavailable', `${where}: at most ${limit} data sets here`);
    const members: DataSetMember[] = [];
    for (const v of variables) {
      const node = this.memberNode(v);
      if (!node) return err('definition/object-undefined', `${where}: member ${formatObjectName(v)} is not an FCD or FCDA of this server`);
      members.push({ name: v, node });
    }
    const set: DataSet = { name, members, deletable };
    table.set(name.item, set);
    return set;
  }

  get(name: ObjectName, ctx?: ClientContext): DataSet | undefined {
    return this.tableFor(name, ctx, false)?.get(name.item);
  }

  /** Domain-specific data set names of a domain, in mmsNameOrder. */
  names(domain: string): string[] {
    return [...(this.byDomain.get(domain)?.keys() ?? [])].sort(mmsNameOrder);
  }

  /** Deletes one data set; the outcome says why not when it cannot. */
  delete(name: ObjectName, ctx?: ClientContext): 'deleted' | 'not-found' | 'not-deletable' {
    const table = this.tableFor(name, ctx, false);
    const set = table?.get(name.item);
    if (!table || !set) return 'not-found';
    if (!set.deletable || this.inUse(set)) return 'not-deletable';
    table.delete(name.item);
    return 'deleted';
  }

  /** Deletable, unused domain data sets of a domain (scope `domain` of DeleteNamedVariableList). */
  domainSets(domain: string): DataSet[] {
    return [...(this.byDomain.get(domain)?.values() ?? [])];
  }

  associationSets(ctx: ClientContext): DataSet[] {
    return [...(this.byAssociation.get(ctx.id)?.values() ?? [])];
  }

  /** Forgets an association's data sets when it ends. */
  dropAssociation(ctx: ClientContext): void {
    this.byAssociation.delete(ctx.id);
  }

  private tableFor(name: ObjectName, ctx: ClientContext | undefined, create: boolean): Map<string, DataSet> | undefined {
    if (name.scope === 'aa') {
      if (!ctx) return undefined;
      let t = this.byAssociation.get(ctx.id);
      if (!t && create) this.byAssociation.set(ctx.id, (t = new Map()));
      return t;
    }
    if (name.scope !== 'domain' || !this.model.domain(name.domain)) return undefined;
    const [ln, setName, ...rest] = name.item.split('$');
    if (create && (!setName || rest.length > 0 || !this.model.find(name.domain, ln ?? ''))) return undefined;
    let t = this.byDomain.get(name.domain);
    if (!t && create) this.byDomain.set(name.domain, (t = new Map()));
    return t;
  }

  private memberNode(v: VariableName): DataNode | undefined {
    if (v.scope !== 'domain' || v.item.split('$').length < 3) return undefined;
    const node = this.model.find(v.domain, v.item);
    return node && (v.alternateAccess ? selectNode(node, v.alternateAccess) : node);
  }
}
