import type { Fc, TypeName } from '../iec61850';
import { isDataObject, serverLogicalDevices } from './leaves';
import type { SclDataAttribute, SclDataNode, SclDataObject, SclEnumType, SclIed, SclLnType } from './model';

/**
 * One IED's model as plain JSON for a UI that shows it as a tree: the LDs and LNs, each LN naming its
 * LNodeType, and the types it uses listed once each (LNodeTypes, DOTypes, DATypes, EnumTypes), their
 * children naming their types by id. A UI expands a node by looking its type up, so a station's
 * thousands of LNs cost a few hundred type entries, not thousands of copies of the same tree. A child
 * whose type is missing or cut off (a cycle, too deep) says `resolved: false` and is not expanded.
 */
export interface SclIedModelDto {
  readonly logicalDevices: {
    readonly name: string;
    readonly inst: string;
    readonly desc: string | null;
    readonly logicalNodes: {
      readonly name: string;
      readonly prefix: string;
      readonly lnClass: string;
      readonly inst: string;
      readonly desc: string | null;
      /** LNodeType id; `resolved: false` when DataTypeTemplates does not define it. */
      readonly lnType: string;
      readonly resolved: boolean;
    }[];
  }[];
  readonly lnTypes: { readonly id: string; readonly lnClass: string; readonly leafCount: number; readonly dataObjects: SclTypeChildDto[] }[];
  readonly doTypes: { readonly id: string; readonly cdc: string | null; readonly leafCount: number; readonly children: SclTypeChildDto[] }[];
  readonly daTypes: { readonly id: string; readonly leafCount: number; readonly children: SclTypeChildDto[] }[];
  readonly enumTypes: { readonly id: string; readonly values: { readonly ord: number; readonly name: string }[] }[];
}

/** A DO, SDO, DA or BDA: its name and, for a structured one, the id of its type. */
export interface SclTypeChildDto {
  readonly kind: 'DO' | 'SDO' | 'DA' | 'BDA';
  readonly name: string;
  /** Our type name for a DA/BDA (`struct` for Struct); null for DO/SDO. */
  readonly type: TypeName | null;
  /** SCL bType for a DA/BDA; null for DO/SDO. */
  readonly bType: string | null;
  /** DOType id (DO/SDO), DAType id (Struct) or EnumType id (Enum); null for other basic types. */
  readonly typeId: string | null;
  /** DA only. */
  readonly fc: Fc | null;
  /** Array size; null when not an array. */
  readonly count: number | null;
  /** False when its type is missing or cut off: do not expand it. */
  readonly resolved: boolean;
}

export function iedModelDto(ied: SclIed): SclIedModelDto {
  const types = new TypeTables();
  const logicalDevices = serverLogicalDevices(ied).map((ld) => ({
    name: ld.name,
    inst: ld.inst,
    desc: ld.desc ?? null,
    logicalNodes: ld.logicalNodes.map((ln) => {
      if (ln.type) types.lnType(ln.type);
      return { name: ln.name, prefix: ln.prefix, lnClass: ln.lnClass, inst: ln.inst, desc: ln.desc ?? null, lnType: ln.lnType, resolved: ln.type !== undefined };
    }),
  }));
  return { logicalDevices, lnTypes: [...types.ln.values()], doTypes: [...types.do.values()], daTypes: [...types.da.values()], enumTypes: [...types.enums.values()] };
}

type Entry<K extends keyof SclIedModelDto> = SclIedModelDto[K][number];

/** Each type once, by id; a type's first resolved occurrence describes it. */
class TypeTables {
  readonly ln = new Map<string, Entry<'lnTypes'>>();
  readonly do = new Map<string, Entry<'doTypes'>>();
  readonly da = new Map<string, Entry<'daTypes'>>();
  readonly enums = new Map<string, Entry<'enumTypes'>>();

  lnType(t: SclLnType): void {
    if (this.ln.has(t.id)) return;
    this.ln.set(t.id, { id: t.id, lnClass: t.lnClass, leafCount: t.leafCount, dataObjects: t.dataObjects.map((d) => this.child(d)) });
  }

  private child(node: SclDataNode): SclTypeChildDto {
    if (isDataObject(node)) {
      this.doType(node);
      return { kind: node.kind, name: node.name, type: null, bType: null, typeId: node.typeId, fc: null, count: node.count ?? null, resolved: node.resolved };
    }
    if (node.bType === 'Struct' && node.typeId !== undefined) this.daType(node.typeId, node);
    if (node.enumType) this.enumType(node.enumType);
    return { kind: node.kind, name: node.name, type: node.type, bType: node.bType, typeId: node.typeId ?? null, fc: node.fc ?? null, count: node.count ?? null, resolved: node.resolved };
  }

  private doType(d: SclDataObject): void {
    if (!d.resolved || this.do.has(d.typeId)) return;
    // Set before descending: a DOType reached again below itself is already listed.
    const entry = { id: d.typeId, cdc: d.cdc ?? null, leafCount: d.leafCount, children: [] as SclTypeChildDto[] };
    this.do.set(d.typeId, entry);
    entry.children = d.children.map((c) => this.child(c));
  }

  private daType(id: string, da: SclDataAttribute): void {
    if (!da.resolved || this.da.has(id)) return;
    const entry = { id, leafCount: da.leafCount, children: [] as SclTypeChildDto[] };
    this.da.set(id, entry);
    entry.children = da.children.map((c) => this.child(c));
  }

  private enumType(e: SclEnumType): void {
    if (!this.enums.has(e.id)) this.enums.set(e.id, { id: e.id, values: e.values.map((v) => ({ ord: v.ord, name: v.name })) });
  }
}
