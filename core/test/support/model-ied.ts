import {
  type AccessResult,
  type ConfirmedRequest,
  type ConfirmedResponse,
  type MmsComponent,
  type MmsTypeSpec,
  type MmsValue,
  type ObjectName,
  type AlternateAccess,
  type VariableName,
  dataAccessError,
  selectType,
  serviceError,
} from '../../mms';

/**
 * A small IED model answered at the MMS service level, for tests of the client and the CLI. Each LN is
 * a tree FC → DO → DA whose leaves carry a type and a value; names, types, values and data sets are
 * derived from it the way an IEC 61850 server exposes them (LN, LN$FC, LN$FC$DO, ... in one name
 * list, alphabetical within a level as libiec61850 and most IEDs send them).
 */
export interface Leaf {
  spec: MmsTypeSpec;
  value: MmsValue;
}
export type Node = Leaf | { [name: string]: Node };
export type LnModel = Record<string, Record<string, Node>>;

export interface IedModel {
  lds: Record<string, Record<string, LnModel>>;
  /**
   * Data sets by LD: name (e.g. `LLN0$Events`) → member names (`LN$FC$DO[$DA]`), or for an array
   * element the array's name and the alternate access to the element.
   */
  dataSets?: Record<string, Record<string, (string | { item: string; alternateAccess: AlternateAccess })[]>>;
  /** Names per GetNameList page, to exercise continueAfter. Default 50. */
  pageSize?: number;
  /** Whether to send moreFollows FALSE explicitly on the last page. Absent otherwise (= TRUE would be wrong). */
  identity?: { vendorName: string; modelName: string; revision: string };
  /** LNs whose whole-LN GetVariableAccessAttributes fails, to exercise per-FC discovery. */
  refuseWholeLn?: string[];
}

export const leaf = {
  bool: (v: boolean): Leaf => ({ spec: { type: 'boolean' }, value: { type: 'boolean', value: v } }),
  int8: (v: number): Leaf => ({ spec: { type: 'integer', bits: 8 }, value: { type: 'integer', value: v } }),
  int32: (v: number): Leaf => ({ spec: { type: 'integer', bits: 32 }, value: { type: 'integer', value: v } }),
  uint32: (v: number): Leaf => ({
    spec: { type: 'unsigned', bits: 32 },
    value: { type: 'unsigned', value: v },
  }),
  float32: (v: number): Leaf => ({
    spec: { type: 'float', formatWidth: 32, exponentWidth: 8 },
    value: { type: 'float', value: Math.fround(v), width: 32 },
  }),
  quality: (raw = 0): Leaf => ({
    spec: { type: 'bit-string', size: -13 },
    value: { type: 'bit-string', bitLength: 13, bytes: Uint8Array.of((raw >> 5) & 0xff, (raw << 3) & 0xf8) },
  }),
  dbpos: (v: 0 | 1 | 2 | 3): Leaf => ({
    spec: { type: 'bit-string', size: 2 },
    value: { type: 'bit-string', bitLength: 2, bytes: Uint8Array.of(v << 6) },
  }),
  bits: (bitLength: number, bytes: number[]): Leaf => ({
    spec: { type: 'bit-string', size: bitLength },
    value: { type: 'bit-string', bitLength, bytes: Uint8Array.from(bytes) },
  }),
  time: (seconds: number, fraction = 0, quality = 0x0a): Leaf => ({
    spec: { type: 'utc-time' },
    value: { type: 'utc-time', seconds, fraction, quality },
  }),
  vstring: (v: string, size = 65): Leaf => ({
    spec: { type: 'visible-string', size: -size },
    value: { type: 'visible-string', value: v },
  }),
  octets: (v: number[], size = 8): Leaf => ({
    spec: { type: 'octet-string', size },
    value: { type: 'octet-string', value: Uint8Array.from(v) },
  }),
  binaryTime: (msOfDay: number, days: number): Leaf => ({
    spec: { type: 'binary-time', withDate: true },
    value: { type: 'binary-time', msOfDay, days },
  }),
};

function isLeaf(n: Node): n is Leaf {
  return (
    typeof (n as Leaf).spec === 'object' &&
    typeof (n as Leaf).value === 'object' &&
    'type' in ((n as Leaf).spec as object)
  );
}

function specOf(n: Node): MmsTypeSpec {
  if (isLeaf(n)) return n.spec;
  const components: MmsComponent[] = Object.entries(n).map(([name, child]) => ({
    name,
    spec: specOf(child),
  }));
  return { type: 'structure', packed: false, components };
}

function valueOf(n: Node): MmsValue {
  if (isLeaf(n)) return n.value;
  return { type: 'structure', members: Object.values(n).map(valueOf) };
}

/** The part of a node's value an alternate access (indices and components only) selects. */
function selectValue(n: Node, steps: AlternateAccess): MmsValue | undefined {
  let value: MmsValue | undefined = valueOf(n);
  let spec: MmsTypeSpec | undefined = specOf(n);
  for (const step of steps) {
    if (step.kind === 'index' && value?.type === 'array') value = value.elements[step.index];
    else if (step.kind === 'component' && value?.type === 'structure' && spec?.type === 'structure')
      value = value.members[spec.components.findIndex((c) => c.name === step.name)];
    else return undefined;
    spec = spec && selectType(spec, [step]);
  }
  return value;
}

export class ModelIed {
  readonly writes: { name: string; value: MmsValue }[] = [];
  readonly requests: ConfirmedRequest[] = [];

  constructor(readonly model: IedModel) {}

  /** The node a `LN$FC$DO$DA` item names, with its parent for writes. */
  private find(
    domain: string,
    item: string,
  ): { node: Node; parent?: Record<string, Node>; key?: string } | undefined {
    const lns = this.model.lds[domain];
    if (!lns) return undefined;
    const [ln = '', ...rest] = item.split('$');
    const lnModel = lns[ln];
    if (!lnModel) return undefined;
    let node: Node = lnModel as unknown as Node;
    let parent: Record<string, Node> | undefined;
    let key: string | undefined;
    for (const part of rest) {
      if (isLeaf(node)) return undefined;
      parent = node;
      key = part;
      const next: Node | undefined = (node as Record<string, Node>)[part];
      if (next === undefined) return undefined;
      node = next;
    }
    return { node, ...(parent ? { parent } : {}), ...(key !== undefined ? { key } : {}) };
  }

  private names(domain: string): string[] {
    const out: string[] = [];
    const walk = (prefix: string, node: Node): void => {
      out.push(prefix);
      if (isLeaf(node)) return;
      for (const [k, child] of Object.entries(node).sort(([a], [b]) => a.localeCompare(b)))
        walk(`${prefix}$${k}`, child);
    };
    for (const [ln, model] of Object.entries(this.model.lds[domain] ?? {}).sort(([a], [b]) =>
      a.localeCompare(b),
    ))
      walk(ln, model as unknown as Node);
    return out;
  }

  private page(
    all: string[],
    continueAfter: string | undefined,
  ): { identifiers: string[]; moreFollows: boolean } {
    const start = continueAfter === undefined ? 0 : all.indexOf(continueAfter) + 1;
    const size = this.model.pageSize ?? 50;
    const identifiers = all.slice(start, start + size);
    return { identifiers, moreFollows: start + size < all.length };
  }

  /** Answers one confirmed request, or returns a ServiceError the way a server would. */
  answer(request: ConfirmedRequest): ConfirmedResponse | { error: ReturnType<typeof serviceError> } {
    this.requests.push(request);
    switch (request.service) {
      case 'identify':
        return {
          service: 'identify',
          ...(this.model.identity ?? {
            vendorName: 'RelayGate tests',
            modelName: 'model-ied',
            revision: '1',
          }),
        };
      case 'getNameList': {
        const all =
          request.objectClass === 'domain'
            ? Object.keys(this.model.lds).sort()
            : request.objectClass === 'namedVariableList'
              ? Object.keys(this.model.dataSets?.[request.domain ?? ''] ?? {}).sort()
              : this.names(request.domain ?? '');
        return { service: 'getNameList', ...this.page(all, request.continueAfter) };
      }
      case 'getVariableAccessAttributes': {
        const name = request.name;
        if (name.scope !== 'domain') return { error: serviceError(7, 2) };
        if (this.model.refuseWholeLn?.includes(name.item)) return { error: serviceError(4, 3) };
        const found = this.find(name.domain, name.item);
        if (!found) return { error: serviceError(7, 2) };
        return { service: 'getVariableAccessAttributes', mmsDeletable: false, typeSpec: specOf(found.node) };
      }
      case 'getNamedVariableListAttributes': {
        const name = request.name;
        const members = name.scope === 'domain' ? this.model.dataSets?.[name.domain]?.[name.item] : undefined;
        if (!members || name.scope !== 'domain') return { error: serviceError(7, 2) };
        return {
          service: 'getNamedVariableListAttributes',
          mmsDeletable: false,
          variables: members.map((m) => ({
            scope: 'domain',
            domain: name.domain,
            ...(typeof m === 'string' ? { item: m } : m),
          })),
        };
      }
      case 'read': {
        if (request.access.kind !== 'list') return { error: serviceError(7, 1) };
        return { service: 'read', results: request.access.variables.map((n) => this.readOne(n)) };
      }
      case 'write': {
        if (request.access.kind !== 'list') return { error: serviceError(7, 1) };
        const results = request.access.variables.map((n, i) => this.writeOne(n, request.values[i]));
        return { service: 'write', results };
      }
      default:
        // Services the model does not implement: a server answers them with a reject or an error.
        return { error: serviceError(4, 0) };
    }
  }

  private readOne(name: VariableName): AccessResult {
    if (name.scope !== 'domain') return { ok: false, error: dataAccessError(10) };
    const found = this.find(name.domain, name.item);
    if (!found) return { ok: false, error: dataAccessError(10) };
    const value = selectValue(found.node, name.alternateAccess ?? []);
    return value ? { ok: true, value } : { ok: false, error: dataAccessError(10) };
  }

  private writeOne(
    name: ObjectName,
    value: MmsValue | undefined,
  ): { ok: true } | { ok: false; error: ReturnType<typeof dataAccessError> } {
    if (name.scope !== 'domain' || !value) return { ok: false, error: dataAccessError(10) };
    const found = this.find(name.domain, name.item);
    if (!found || !found.parent || found.key === undefined || !isLeaf(found.node))
      return { ok: false, error: dataAccessError(10) };
    if (found.node.value.type !== value.type) return { ok: false, error: dataAccessError(7) };
    found.parent[found.key] = { spec: found.node.spec, value };
    this.writes.push({ name: `${name.domain}/${name.item}`, value });
    return { ok: true };
  }
}
