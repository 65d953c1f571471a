import { enumNames, type Fc } from '../iec61850';
import { TRIGGER, arrayNode, leafNode, structNode, type DataNode, type StructNode } from '../server';
import { isDataObject, type SclDataAttribute, type SclDataObject, type SclLogicalNode } from '../scl';
import { valueFromText, zeroValue, type LeafMeta } from './leaf-values';
import { mmsTypeOfBType } from './mms-types';

/**
 * The order of the FCs inside an LN structure. IEC 61850-8-1 fixes none; this is the order of the
 * servers we compared with (data FCs first, control blocks, added later, last).
 */
export const FC_ORDER: readonly Fc[] = ['ST', 'MX', 'SP', 'SV', 'CF', 'DC', 'SG', 'SE', 'SR', 'OR', 'BL', 'EX', 'CO'];

/** Builds LN node trees from resolved SCL templates and instance values. */
export class LnBuilder {
  private readonly metas = new WeakMap<SclDataAttribute, LeafMeta>();
  /** Values that could not be read, one line each; the leaf then starts at its zero value. */
  readonly warnings: string[] = [];

  constructor(private readonly nowMs: number) {}

  /**
   * An LN: one structure per FC holding the DOs (and SDOs, DAs) of that FC, in SCL order. In an LD with
   * setting groups, every SG attribute also appears under SE, the editable copy (IEC 61850-7-2 §16).
   */
  ln(ln: SclLogicalNode, where: string, withSettingGroups = false): StructNode {
    const byFc = new Map<Fc, DataNode[]>();
    for (const fc of FC_ORDER) {
      const dos = (ln.type?.dataObjects ?? [])
        .map((d) => {
          const own = this.dataObject(d, fc, [d.name], ln, where);
          // A DO that declares no SE of its own gets the editable copy of its SG attributes.
          return own ?? (fc === 'SE' && withSettingGroups ? this.dataObject(d, 'SG', [d.name], ln, where) : undefined);
        })
        .filter((n): n is DataNode => n !== undefined);
      if (dos.length > 0) byFc.set(fc, dos);
    }
    return structNode(ln.name, [...byFc].map(([fc, dos]) => structNode(fc, dos)));
  }

  private dataObject(d: SclDataObject, fc: Fc, path: string[], ln: SclLogicalNode, where: string): DataNode | undefined {
    const build = (prefix: string[]): DataNode[] =>
      d.children
        .map((c) =>
          isDataObject(c)
            ? this.dataObject(c, fc, [...prefix, c.name], ln, where)
            : c.fc === fc
              ? this.attribute(c, [...prefix, c.name], 0, ln, where)
              : undefined,
        )
        .filter((n): n is DataNode => n !== undefined);
    if (d.count === undefined) {
      const children = build(path);
      return children.length > 0 ? structNode(d.name, children) : undefined;
    }
    const elements = Array.from({ length: Math.max(1, d.count) }, (_, i) => structNode(d.name, build([...path.slice(0, -1), `${d.name}(${i})`])));
    return elements[0]!.children.length > 0 ? arrayNode(d.name, elements) : undefined;
  }

  private attribute(a: SclDataAttribute, path: string[], inherited: number, ln: SclLogicalNode, where: string): DataNode | undefined {
    const triggers = a.kind === 'DA' ? (a.dchg ? TRIGGER.dchg : 0) | (a.qchg ? TRIGGER.qchg : 0) | (a.dupd ? TRIGGER.dupd : 0) : inherited;
    const one = (p: string[]): DataNode | undefined => {
      if (a.bType === 'Struct') {
        const children = a.children
          .map((b) => this.attribute(b, [...p, b.name], triggers, ln, where))
          .filter((n): n is DataNode => n !== undefined);
        return children.length > 0 ? structNode(a.name, children) : undefined;
      }
      return this.leaf(a, p, triggers, ln, where);
    };
    if (a.count === undefined) return one(path);
    const elements = Array.from({ length: Math.max(1, a.count) }, (_, i) => one([...path.slice(0, -1), `${a.name}(${i})`]));
    return elements.every((e) => e !== undefined) ? arrayNode(a.name, elements as DataNode[]) : undefined;
  }

  private leaf(a: SclDataAttribute, path: string[], triggers: number, ln: SclLogicalNode, where: string): DataNode | undefined {
    const meta = this.metaOf(a);
    const maxOrd = a.enumType ? Math.max(0, ...a.enumType.values.map((v) => v.ord)) : 0;
    const spec = mmsTypeOfBType(a.bType, maxOrd);
    if (!spec) return undefined;
    const key = path.join('.');
    const text = ln.values.get(key)?.value ?? a.defaultValue;
    let value = zeroValue(spec, meta, this.nowMs);
    if (text !== undefined) {
      try {
        value = valueFromText(text, spec, meta);
      } catch (err) {
        this.warnings.push(`${where}.${key}: ${err instanceof Error ? err.message : String(err)}; starts at its zero value`);
      }
    }
    return leafNode(a.name, spec, value, triggers, meta);
  }

  private metaOf(a: SclDataAttribute): LeafMeta {
    let meta = this.metas.get(a);
    if (!meta) {
      meta = { bType: a.bType, ...(a.enumType ? { enumNames: enumNames(a.enumType.values) } : {}) };
      this.metas.set(a, meta);
    }
    return meta;
  }
}
