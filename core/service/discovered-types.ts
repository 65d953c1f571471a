import { leafType, type DiscoveredLn } from '../client';
import { CONTROL_BLOCK_FCS, standardEnumNames, type Fc, type TypeName } from '../iec61850';
import type { SclDataAttribute, SclDataNode, SclDataObject, SclEnumType, SclLnType } from '../scl';

/**
 * The MMS types a live IED described (GetVariableAccessAttributes per LN) seen as SCL templates:
 * LNodeType → DO → SDO/DA → BDA. MMS groups an LN by FC first (`XCBR1$ST$Pos$stVal`), SCL by data
 * object; this regroups by data object so the planner, the coverage index and the wizard's tree treat a
 * discovered IED as they treat one read from SCL. What MMS does not say is left unknown: no CDC, no
 * descriptions, no instance values; trigger options are guessed as a template usually declares them
 * (dchg on values, qchg on q).
 */

type Spec = DiscoveredLn['fcs'][number]['type'];

/** A data object being assembled from the FCs that hold parts of it. */
interface DoDraft {
  readonly name: string;
  count: number | undefined;
  readonly children: Map<string, DoDraft | DaDraft>;
}

interface DaDraft {
  readonly name: string;
  readonly fc: Fc;
  readonly spec: Spec;
}

const isDraftDo = (n: DoDraft | DaDraft): n is DoDraft => 'children' in n;
const isDataFc = (fc: Fc): boolean => fc === 'ST' || fc === 'MX';

/** An array's element type, and its size. */
function unwrap(spec: Spec): { spec: Spec; count: number | undefined } {
  return spec.type === 'array' ? { spec: spec.element, count: spec.elementCount } : { spec, count: undefined };
}

/** In ST and MX a data object carries its own q or t; a structured attribute (origin, cVal, mag) does not. */
function looksLikeDataObject(spec: Spec): boolean {
  const s = unwrap(spec).spec;
  return s.type === 'structure' && s.components.some((c) => c.name === 'q' || c.name === 't');
}

/** bType as SCL would write it for the type an attribute was read as. */
function bTypeOf(type: TypeName | 'unknown', spec: Spec): string {
  switch (type) {
    case 'boolean': return 'BOOLEAN';
    case 'dbpos': return 'Dbpos';
    case 'enum': return 'Enum';
    case 'quality': return 'Quality';
    case 'timestamp': return spec.type === 'binary-time' ? 'EntryTime' : 'Timestamp';
    case 'float32': return 'FLOAT32';
    case 'float64': return 'FLOAT64';
    case 'int8': return 'INT8';
    case 'int16': return 'INT16';
    case 'int32': return 'INT32';
    case 'int64': return 'INT64';
    case 'uint8': return 'INT8U';
    case 'uint16': return 'INT16U';
    case 'uint32': return 'INT32U';
    case 'visiblestring': return 'VisString255';
    case 'unicodestring': return 'Unicode255';
    case 'octetstring': return 'Octet64';
    case 'bitstring': return 'BitString';
    default: return 'Unknown';
  }
}

/** Each template once, by a canonical description of its content; ids say what they are. */
export class DiscoveredTypes {
  private readonly lnTypes = new Map<string, SclLnType>();
  private readonly doTypes = new Map<string, string>();
  private readonly daTypes = new Map<string, string>();
  private readonly enumTypes = new Map<string, SclEnumType>();

  /** The LNodeType of one discovered LN; LNs with the same content share one. */
  lnType(ln: DiscoveredLn, lnClass: string): SclLnType {
    const drafts = regroup(ln);
    const dataObjects = [...drafts.values()].map((d) => this.dataObject(d, 'DO'));
    const key = `${lnClass}|${dataObjects.map((d) => `${d.name}:${d.typeId}:${d.count ?? ''}`).join(',')}`;
    let type = this.lnTypes.get(key);
    if (!type) {
      type = { id: `${lnClass}_${this.lnTypes.size + 1}`, lnClass, dataObjects, leafCount: dataObjects.reduce((n, d) => n + d.leafCount, 0) };
      this.lnTypes.set(key, type);
    }
    return type;
  }

  private dataObject(d: DoDraft, kind: 'DO' | 'SDO'): SclDataObject {
    const children: SclDataNode[] = [...d.children.values()].map((c) =>
      isDraftDo(c) ? this.dataObject(c, 'SDO') : this.attribute(c.name, c.spec, c.fc, 'DA', [d.name, c.name], d.name),
    );
    const typeId = this.id(this.doTypes, `${d.name}_`, children);
    return { kind, name: d.name, typeId, cdc: undefined, count: d.count, resolved: true, children, leafCount: children.reduce((n, c) => n + c.leafCount, 0) };
  }

  private attribute(name: string, raw: Spec, fc: Fc, kind: 'DA' | 'BDA', path: readonly string[], doName: string): SclDataAttribute {
    const { spec, count } = unwrap(raw);
    const base = { kind, name, fc: kind === 'DA' ? fc : undefined, count, valKind: undefined, defaultValue: undefined, resolved: true } as const;
    if (spec.type === 'structure') {
      const children = spec.components.map((c) => this.attribute(c.name, c.spec, fc, 'BDA', [...path, c.name], doName));
      const typeId = this.id(this.daTypes, `${name}_`, children);
      return { ...base, bType: 'Struct', type: 'struct', typeId, enumType: undefined, dchg: false, qchg: false, dupd: false, children, leafCount: children.reduce((n, c) => n + c.leafCount, 0) };
    }
    const read = leafType(spec, path);
    const type: TypeName = read === 'unknown' ? 'octetstring' : read;
    const enumType = type === 'enum' ? this.enumType(doName) : undefined;
    const data = kind === 'DA' && isDataFc(fc);
    return {
      ...base,
      bType: bTypeOf(read, spec),
      type,
      typeId: enumType?.id,
      enumType,
      dchg: data && type !== 'quality' && type !== 'timestamp',
      qchg: data && type === 'quality',
      dupd: false,
      children: [],
      leafCount: 1,
    };
  }

  /** The standard names of Mod, Beh, Health (IEC 61850-7-3), when the data object is one of those. */
  private enumType(doName: string): SclEnumType | undefined {
    const names = standardEnumNames(doName);
    if (!names) return undefined;
    let type = this.enumTypes.get(doName);
    if (!type) {
      type = { id: `${doName}Kind`, values: [...names].map(([ord, name]) => ({ ord, name })) };
      this.enumTypes.set(doName, type);
    }
    return type;
  }

  private id(table: Map<string, string>, prefix: string, children: readonly SclDataNode[]): string {
    const key = children
      .map((c) => `${c.kind}:${c.name}:${'bType' in c ? `${c.bType}:${c.fc ?? ''}:${c.typeId ?? ''}` : c.typeId}:${c.count ?? ''}`)
      .join(',');
    let id = table.get(`${prefix}${key}`);
    if (!id) {
      id = `${prefix}${table.size + 1}`;
      table.set(`${prefix}${key}`, id);
    }
    return id;
  }
}

/**
 * The LN's FCs regrouped by data object. ST and MX go first: there a structure with q or t is a data
 * object (an SDO such as `A.phsA`); in the other FCs a structure already known as a data object is
 * descended into as one, anything else is an attribute.
 */
function regroup(ln: DiscoveredLn): Map<string, DoDraft> {
  const dos = new Map<string, DoDraft | DaDraft>();
  const ordered = [...ln.fcs.filter((f) => isDataFc(f.fc)), ...ln.fcs.filter((f) => !isDataFc(f.fc))];
  for (const { fc, type } of ordered) {
    if ((CONTROL_BLOCK_FCS as readonly string[]).includes(fc) || type.type !== 'structure') continue;
    for (const c of type.components) mergeObject(dos, c.name, c.spec, fc);
  }
  return new Map([...dos].filter((e): e is [string, DoDraft] => isDraftDo(e[1])));
}

function mergeObject(into: Map<string, DoDraft | DaDraft>, name: string, raw: Spec, fc: Fc): void {
  const existing = into.get(name);
  if (existing && !isDraftDo(existing)) return;
  const { spec, count } = unwrap(raw);
  if (spec.type !== 'structure') {
    // A basic value directly below the LN or where an SDO was expected: keep it as an attribute.
    if (!existing) into.set(name, { name, fc, spec: raw });
    return;
  }
  const d: DoDraft = existing ?? { name, count, children: new Map() };
  if (!existing) into.set(name, d);
  for (const c of spec.components) {
    const known = d.children.get(c.name);
    const isObject = (isDataFc(fc) && looksLikeDataObject(c.spec)) || (known !== undefined && isDraftDo(known));
    if (isObject) mergeObject(d.children, c.name, c.spec, fc);
    else if (!known) d.children.set(c.name, { name: c.name, fc, spec: c.spec });
  }
}
