import { isFc, typeNameOfBType, type Fc, type TypeName } from '../iec61850';
import type { SclLimits } from './limits';
import type { SclDataAttribute, SclDataNode, SclDataObject, SclEnumType, SclEnumValue, SclLnType, SclTemplateCounts } from './model';
import type { Warnings } from './warnings';
import { childrenNamed, type XmlElement } from './xml';

interface TypeBody<T> {
  readonly children: readonly T[];
  readonly leafCount: number;
  readonly resolved: boolean;
}

interface DoTypeBody extends TypeBody<SclDataNode> {
  readonly cdc: string | undefined;
}

/**
 * Resolves DataTypeTemplates on demand: LNodeType → DO → DOType (SDOs recursively) → DA → DAType (BDAs
 * recursively) → EnumType. Each type is resolved once and its tree shared by every user. Missing ids
 * become warnings (the user keeps a node with no children); cycles and over-deep nesting are cut.
 */
export class TemplateResolver {
  private readonly defs = {
    LNodeType: new Map<string, XmlElement>(),
    DOType: new Map<string, XmlElement>(),
    DAType: new Map<string, XmlElement>(),
    EnumType: new Map<string, XmlElement>(),
  };
  private readonly lnCache = new Map<string, SclLnType | null>();
  private readonly doCache = new Map<string, DoTypeBody>();
  private readonly daCache = new Map<string, TypeBody<SclDataAttribute>>();
  private readonly enumCache = new Map<string, SclEnumType | null>();
  private readonly inProgress = new Set<string>();
  /** The IED being resolved, for warnings. */
  ied: string | undefined;

  constructor(
    templates: XmlElement | undefined,
    private warnings: Warnings,
    private readonly limits: SclLimits,
  ) {
    for (const el of templates?.children ?? []) {
      if (!Object.hasOwn(this.defs, el.name)) continue;
      const map = this.defs[el.name as keyof typeof this.defs];
      const id = el.attrs.id;
      if (id === undefined) {
        warnings.add('bad-attribute', `a ${el.name} without id is ignored`);
      } else if (map.has(id)) {
        warnings.add('duplicate-type', `${el.name} '${id}' is defined twice; the first definition is used`, { ids: [id] });
      } else {
        map.set(id, el);
      }
    }
  }

  /**
   * Runs `fn` with the warnings going to `to`: an IED's details resolve again what the overview already
   * reported, and only what is new about them matters.
   */
  reportingTo<T>(to: Warnings, fn: () => T): T {
    const was = this.warnings;
    this.warnings = to;
    try {
      return fn();
    } finally {
      this.warnings = was;
    }
  }

  /** Count of template definitions by kind, for summaries. */
  get counts(): SclTemplateCounts {
    return {
      lnodeTypes: this.defs.LNodeType.size,
      doTypes: this.defs.DOType.size,
      daTypes: this.defs.DAType.size,
      enumTypes: this.defs.EnumType.size,
    };
  }

  /** The resolved LNodeType, or undefined (and a missing-type warning naming `user`). */
  lnType(id: string, user: string): SclLnType | undefined {
    const cached = this.lnCache.get(id);
    if (cached !== undefined) {
      if (cached === null) this.warnings.missingType('LNodeType', id, user, this.ied);
      return cached ?? undefined;
    }
    const el = this.defs.LNodeType.get(id);
    if (!el) {
      this.lnCache.set(id, null);
      this.warnings.missingType('LNodeType', id, user, this.ied);
      return undefined;
    }
    const dataObjects: SclDataObject[] = [];
    let leafCount = 0;
    for (const d of childrenNamed(el, 'DO')) {
      const name = d.attrs.name ?? '';
      const typeId = d.attrs.type ?? '';
      const body = this.doType(typeId, `LNodeType '${id}' DO ${name}`, 1);
      dataObjects.push({ kind: 'DO', name, typeId, cdc: body.cdc, count: undefined, resolved: body.resolved, children: body.children, leafCount: body.leafCount });
      leafCount += body.leafCount;
    }
    const resolved: SclLnType = { id, lnClass: el.attrs.lnClass ?? '', dataObjects, leafCount };
    this.lnCache.set(id, resolved);
    return resolved;
  }

  enumType(id: string, user: string): SclEnumType | undefined {
    const cached = this.enumCache.get(id);
    if (cached !== undefined) {
      if (cached === null) this.warnings.missingType('EnumType', id, user, this.ied);
      return cached ?? undefined;
    }
    const el = this.defs.EnumType.get(id);
    if (!el) {
      this.enumCache.set(id, null);
      this.warnings.missingType('EnumType', id, user, this.ied);
      return undefined;
    }
    const values: SclEnumValue[] = [];
    for (const v of childrenNamed(el, 'EnumVal')) {
      const ord = Number(v.attrs.ord);
      if (Number.isInteger(ord)) values.push({ ord, name: v.text });
      else this.warnings.add('bad-attribute', `EnumType '${id}' has an EnumVal whose ord '${v.attrs.ord ?? ''}' is not an integer`, { ids: [id] });
    }
    const resolved: SclEnumType = { id, values };
    this.enumCache.set(id, resolved);
    return resolved;
  }

  private doType(id: string, user: string, depth: number): DoTypeBody {
    const cached = this.doCache.get(id);
    if (cached) return cached;
    const unresolved: DoTypeBody = { cdc: undefined, children: [], leafCount: 0, resolved: false };
    const el = this.defs.DOType.get(id);
    if (!el) {
      this.warnings.missingType('DOType', id, user, this.ied);
      return unresolved;
    }
    if (!this.enter(`DOType:${id}`, `DOType '${id}'`, user, depth)) return { ...unresolved, cdc: el.attrs.cdc };
    const children: SclDataNode[] = [];
    let leafCount = 0;
    for (const c of el.children) {
      const name = c.attrs.name ?? '';
      if (c.name === 'SDO') {
        const typeId = c.attrs.type ?? '';
        const body = this.doType(typeId, `DOType '${id}' SDO ${name}`, depth + 1);
        children.push({ kind: 'SDO', name, typeId, cdc: body.cdc, count: this.count(c, id), resolved: body.resolved, children: body.children, leafCount: body.leafCount });
        leafCount += body.leafCount;
      } else if (c.name === 'DA') {
        const da = this.attribute(c, 'DA', id, depth);
        children.push(da);
        leafCount += da.leafCount;
      }
    }
    this.inProgress.delete(`DOType:${id}`);
    const body: DoTypeBody = { cdc: el.attrs.cdc, children, leafCount, resolved: true };
    this.doCache.set(id, body);
    return body;
  }

  private daType(id: string, user: string, depth: number): TypeBody<SclDataAttribute> {
    const cached = this.daCache.get(id);
    if (cached) return cached;
    const unresolved: TypeBody<SclDataAttribute> = { children: [], leafCount: 0, resolved: false };
    const el = this.defs.DAType.get(id);
    if (!el) {
      this.warnings.missingType('DAType', id, user, this.ied);
      return unresolved;
    }
    if (!this.enter(`DAType:${id}`, `DAType '${id}'`, user, depth)) return unresolved;
    const children: SclDataAttribute[] = [];
    let leafCount = 0;
    for (const c of childrenNamed(el, 'BDA')) {
      const bda = this.attribute(c, 'BDA', id, depth);
      children.push(bda);
      leafCount += bda.leafCount;
    }
    this.inProgress.delete(`DAType:${id}`);
    const body = { children, leafCount, resolved: true };
    this.daCache.set(id, body);
    return body;
  }

  /** Guards a type against cycles and over-deep nesting; false means "do not descend". */
  private enter(key: string, what: string, user: string, depth: number): boolean {
    if (this.inProgress.has(key)) {
      this.warnings.once(`cycle:${key}`, 'type-cycle', `${what} contains itself (reached from ${user}); the inner occurrence is left empty`, { ids: [key.split(':')[1] ?? ''] });
      return false;
    }
    if (depth > this.limits.maxTypeDepth) {
      this.warnings.once(`depth:${key}`, 'type-depth', `${what} nests deeper than ${this.limits.maxTypeDepth} levels (maxTypeDepth) below ${user}; the rest is left out`);
      return false;
    }
    this.inProgress.add(key);
    return true;
  }

  private attribute(el: XmlElement, kind: 'DA' | 'BDA', owner: string, depth: number): SclDataAttribute {
    const name = el.attrs.name ?? '';
    const bType = el.attrs.bType ?? '';
    const typeId = el.attrs.type;
    const user = `${kind === 'DA' ? 'DOType' : 'DAType'} '${owner}' ${kind} ${name}`;
    let children: readonly SclDataAttribute[] = [];
    let leafCount = 1;
    let resolved = true;
    let enumType: SclEnumType | undefined;
    if (bType === 'Struct') {
      const body = typeId === undefined ? undefined : this.daType(typeId, user, depth + 1);
      if (typeId === undefined) this.warnings.add('bad-attribute', `${user} is a Struct without a type`);
      children = body?.children ?? [];
      leafCount = body?.leafCount ?? 0;
      resolved = body?.resolved ?? false;
    } else if (bType === 'Enum') {
      enumType = typeId === undefined ? undefined : this.enumType(typeId, user);
      resolved = enumType !== undefined;
    }
    return {
      kind,
      name,
      bType,
      type: this.typeName(bType, user),
      fc: kind === 'DA' ? this.fc(el, user) : undefined,
      typeId,
      count: this.count(el, owner),
      enumType,
      dchg: el.attrs.dchg === 'true',
      qchg: el.attrs.qchg === 'true',
      dupd: el.attrs.dupd === 'true',
      valKind: el.attrs.valKind,
      defaultValue: el.children.find((v) => v.name === 'Val')?.text,
      resolved,
      children,
      leafCount,
    };
  }

  private typeName(bType: string, user: string): TypeName {
    const name = typeNameOfBType(bType);
    if (name !== undefined) return name;
    this.warnings.once(`btype:${bType}`, 'unknown-btype', `bType '${bType}' (first seen in ${user}) is not a known basic type; its values are treated as octet strings`);
    return 'octetstring';
  }

  private fc(el: XmlElement, user: string): Fc | undefined {
    const fc = el.attrs.fc ?? '';
    if (isFc(fc)) return fc;
    this.warnings.once(`fc:${user}`, 'bad-attribute', `${user} has functional constraint '${fc}', which is not one of IEC 61850-7-2`);
    return undefined;
  }

  private count(el: XmlElement, owner: string): number | undefined {
    const raw = el.attrs.count;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0) return n;
    // Ed2.1 allows count to name a sibling attribute holding the size; we cannot know it statically.
    this.warnings.once(`count:${owner}:${raw}`, 'bad-attribute', `count '${raw}' in '${owner}' is not a number; treated as an array of unknown size`);
    return 0;
  }
}
