import { enumNames, type Fc } from '../iec61850';
import type { MmsTypeSpec, MmsValue } from '../mms';
import { TRIGGER, type ArrayNode, type DataNode, type LeafNode, type StructNode } from '../server';
import { isDataObject, type SclDataAttribute, type SclDataObject, type SclLnType } from '../scl';
import { valueFromText, zeroValue, type LeafMeta } from './leaf-values';
import { mmsTypeOfBType } from './mms-types';

/**
 * The order of the FCs inside an LN structure. IEC 61850-8-1 fixes none; this is the order of the
 * servers we compared with (data FCs first, control blocks, added later, last).
 */
export const FC_ORDER: readonly Fc[] = ['ST', 'MX', 'SP', 'SV', 'CF', 'DC', 'SG', 'SE', 'SR', 'OR', 'BL', 'EX', 'CO'];

/*
 * Every LN of one LNodeType has the same node tree: the same FCs, data objects and attributes, with the
 * same MMS types, triggers and template values. Only the DOI/DAI instance values differ. So the tree is
 * worked out once per LNodeType (a template) and each LN is a copy of it: the copy shares the MMS type
 * descriptions and the template's values (MMS values are never changed in place), and only the leaves
 * an instance value names are read from text. A station of 50 IEDs has a few dozen LNodeTypes for tens
 * of thousands of LNs.
 */

interface TemplateLeaf {
  readonly kind: 'leaf';
  readonly name: string;
  readonly spec: MmsTypeSpec;
  readonly triggers: number;
  readonly meta: LeafMeta;
  /** The path below the LN that DAI values are kept by (`Pos.ctlModel`, `A.phsA.cVal.mag.f`). */
  readonly key: string;
  /** The template's value (its `Val`), else the zero value; undefined for the start time (a time's zero value). */
  readonly value: MmsValue | undefined;
  /** Why the template's `Val` could not be read (each LN copy is warned of it, and starts at zero). */
  readonly problem: string | undefined;
  /** The last instance text read for this leaf and its value: instances often repeat one (units, ctlModel). */
  last?: { readonly text: string; readonly value: MmsValue };
}

interface TemplateInner {
  readonly kind: 'struct' | 'array';
  readonly name: string;
  readonly children: readonly TemplateNode[];
  readonly spec: MmsTypeSpec;
}

type TemplateNode = TemplateLeaf | TemplateInner;

/** An LN's tree: one structure per FC holding the DOs (and SDOs, DAs) of that FC, in SCL order. */
export interface LnTemplate {
  readonly fcs: readonly TemplateInner[];
  readonly spec: MmsTypeSpec;
}

/** What a copy of a template needs of its LN: the DAI values, where it is (for warnings) and the start time. */
export interface LnInstance {
  readonly values: ReadonlyMap<string, { readonly value?: string }>;
  /** `LD/LN`, for warnings. */
  readonly where: string;
  /** The start time, the zero value of every time leaf. */
  readonly now: MmsValue;
  readonly warnings: string[];
}

const structure = (components: readonly TemplateNode[]): MmsTypeSpec => ({
  type: 'structure',
  packed: false,
  components: components.map((c) => ({ name: c.name, spec: c.spec })),
});

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const metas = new WeakMap<SclDataAttribute, LeafMeta>();

function metaOf(a: SclDataAttribute): LeafMeta {
  let meta = metas.get(a);
  if (!meta) {
    meta = { bType: a.bType, ...(a.enumType ? { enumNames: enumNames(a.enumType.values) } : {}) };
    metas.set(a, meta);
  }
  return meta;
}

const EMPTY: LnTemplate = { fcs: [], spec: structure([]) };

/** Templates by LNodeType: without and with setting groups (whose SG attributes get an SE copy). */
const templates = [new WeakMap<SclLnType, LnTemplate>(), new WeakMap<SclLnType, LnTemplate>()] as const;

/**
 * The template of an LNodeType, made on first use and kept as long as the resolved type is (an
 * `SclFile` shares its types between the IEDs it reads). In an LD with setting groups, every SG
 * attribute also appears under SE, the editable copy (IEC 61850-7-2 §16).
 */
export function lnTemplate(type: SclLnType | undefined, withSettingGroups: boolean): LnTemplate {
  if (!type) return EMPTY;
  const cache = templates[withSettingGroups ? 1 : 0];
  let template = cache.get(type);
  if (!template) cache.set(type, (template = compile(type, withSettingGroups)));
  return template;
}

function compile(type: SclLnType, withSettingGroups: boolean): LnTemplate {
  const fcs: TemplateInner[] = [];
  for (const fc of FC_ORDER) {
    const dos: TemplateNode[] = [];
    for (const d of type.dataObjects) {
      // A DO that declares no SE of its own gets the editable copy of its SG attributes.
      const node = dataObject(d, fc, [d.name]) ?? (fc === 'SE' && withSettingGroups ? dataObject(d, 'SG', [d.name]) : undefined);
      if (node) dos.push(node);
    }
    if (dos.length > 0) fcs.push(inner('struct', fc, dos));
  }
  return { fcs, spec: structure(fcs) };
}

function inner(kind: 'struct' | 'array', name: string, children: TemplateNode[]): TemplateInner {
  const spec: MmsTypeSpec =
    kind === 'struct' ? structure(children) : { type: 'array', packed: false, elementCount: children.length, element: children[0]!.spec };
  return { kind, name, children, spec };
}

function dataObject(d: SclDataObject, fc: Fc, path: readonly string[]): TemplateNode | undefined {
  const build = (prefix: readonly string[]): TemplateNode[] => {
    const out: TemplateNode[] = [];
    for (const c of d.children) {
      const node = isDataObject(c) ? dataObject(c, fc, [...prefix, c.name]) : c.fc === fc ? attribute(c, [...prefix, c.name], 0) : undefined;
      if (node) out.push(node);
    }
    return out;
  };
  if (d.count === undefined) {
    const children = build(path);
    return children.length > 0 ? inner('struct', d.name, children) : undefined;
  }
  const elements = Array.from({ length: Math.max(1, d.count) }, (_, i) => inner('struct', d.name, build([...path.slice(0, -1), `${d.name}(${i})`])));
  return elements[0]!.children.length > 0 ? inner('array', d.name, elements) : undefined;
}

function attribute(a: SclDataAttribute, path: readonly string[], inherited: number): TemplateNode | undefined {
  const triggers = a.kind === 'DA' ? (a.dchg ? TRIGGER.dchg : 0) | (a.qchg ? TRIGGER.qchg : 0) | (a.dupd ? TRIGGER.dupd : 0) : inherited;
  const one = (p: readonly string[]): TemplateNode | undefined => {
    if (a.bType !== 'Struct') return leaf(a, p, triggers);
    const children: TemplateNode[] = [];
    for (const b of a.children) {
      const node = attribute(b, [...p, b.name], triggers);
      if (node) children.push(node);
    }
    return children.length > 0 ? inner('struct', a.name, children) : undefined;
  };
  if (a.count === undefined) return one(path);
  const elements: TemplateNode[] = [];
  for (let i = 0; i < Math.max(1, a.count); i++) {
    const e = one([...path.slice(0, -1), `${a.name}(${i})`]);
    if (!e) return undefined;
    elements.push(e);
  }
  return inner('array', a.name, elements);
}

function leaf(a: SclDataAttribute, path: readonly string[], triggers: number): TemplateLeaf | undefined {
  const meta = metaOf(a);
  const maxOrd = a.enumType ? Math.max(0, ...a.enumType.values.map((v) => v.ord)) : 0;
  const spec = mmsTypeOfBType(a.bType, maxOrd);
  if (!spec) return undefined;
  const zero = spec.type === 'utc-time' ? undefined : zeroValue(spec, meta, 0);
  let value = zero;
  let problem: string | undefined;
  if (a.defaultValue !== undefined) {
    try {
      value = valueFromText(a.defaultValue, spec, meta);
    } catch (err) {
      problem = messageOf(err);
    }
  }
  return { kind: 'leaf', name: a.name, spec, triggers, meta, key: path.join('.'), value, problem };
}

/** A copy of the template for one LN: its own nodes, the template's types, the LN's DAI values. */
export function instantiate(template: LnTemplate, name: string, ln: LnInstance): StructNode {
  return struct(name, template.fcs, ln, template.spec);
}

function struct(name: string, children: readonly TemplateNode[], ln: LnInstance, spec: MmsTypeSpec): StructNode {
  const node: StructNode = { kind: 'struct', name, children: children.map((c) => copy(c, ln)), parent: undefined, specCache: spec };
  for (const c of node.children) c.parent = node;
  return node;
}

function copy(t: TemplateNode, ln: LnInstance): DataNode {
  if (t.kind === 'leaf') return copyLeaf(t, ln);
  if (t.kind === 'struct') return struct(t.name, t.children, ln, t.spec);
  const node: ArrayNode = { kind: 'array', name: t.name, elements: t.children.map((c) => copy(c, ln)), parent: undefined, specCache: t.spec };
  for (const e of node.elements) e.parent = node;
  return node;
}

function copyLeaf(t: TemplateLeaf, ln: LnInstance): LeafNode {
  return { kind: 'leaf', name: t.name, spec: t.spec, value: leafValue(t, ln), triggers: t.triggers, parent: undefined, meta: t.meta };
}

/** The DAI value of the LN, else the template's; a value that cannot be read is a warning, and zero. */
function leafValue(t: TemplateLeaf, ln: LnInstance): MmsValue {
  const text = ln.values.get(t.key)?.value;
  if (text === undefined) {
    if (t.problem !== undefined) ln.warnings.push(`${ln.where}.${t.key}: ${t.problem}; starts at its zero value`);
    return t.problem === undefined ? (t.value ?? ln.now) : zeroOf(t, ln);
  }
  if (t.last?.text === text) return t.last.value;
  try {
    const value = valueFromText(text, t.spec, t.meta);
    t.last = { text, value };
    return value;
  } catch (err) {
    ln.warnings.push(`${ln.where}.${t.key}: ${messageOf(err)}; starts at its zero value`);
    return zeroOf(t, ln);
  }
}

function zeroOf(t: TemplateLeaf, ln: LnInstance): MmsValue {
  return t.spec.type === 'utc-time' ? ln.now : zeroValue(t.spec, t.meta, 0);
}
