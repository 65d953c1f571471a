import { typeMismatch, type MmsValue, type WriteResult } from '../mms';
import {
  WRITE_OK,
  appendChild,
  childOf,
  leafNode,
  leavesBelow,
  pathOf,
  refused,
  selectNode,
  specOf,
  structNode,
  type ClientContext,
  type DataNode,
  type LeafNode,
  type ServerDataModel,
  type StructNode,
} from '../server';
import type { SclSettingControl } from '../scl';
import { utcTime, valueFromText, type LeafMeta } from './leaf-values';
import type { ServedLn } from './scl-model';


interface Setting {
  readonly sg: LeafNode;
  readonly se: LeafNode | undefined;
  /** The value in each group, index 0 = group 1. */
  readonly groups: MmsValue[];
}

/**
 * The setting group control block of one LD (IEC 61850-7-2 §16, 8-1 `LLN0$SP$SGCB`): NumOfSG, ActSG,
 * EditSG, CnfEdit, LActTm. SG shows the active group; a client selects a group for editing with
 * EditSG (one editor at a time), writes the SE copy, and confirms with CnfEdit; ActSG switches groups.
 */
export class SettingGroupControl {
  private readonly settings: Setting[] = [];
  private readonly node: StructNode;
  private editor: ClientContext | undefined;

  constructor(
    private readonly model: ServerDataModel,
    readonly ld: string,
    lns: readonly ServedLn[],
    control: SclSettingControl,
    private readonly now: () => number,
  ) {
    const n = control.numOfSGs;
    const u8 = (name: string, value: number) => leafNode(name, { type: 'unsigned', bits: 8 }, { type: 'unsigned', value });
    this.node = structNode('SGCB', [
      u8('NumOfSG', n),
      u8('ActSG', control.actSG),
      u8('EditSG', 0),
      leafNode('CnfEdit', { type: 'boolean' }, { type: 'boolean', value: false }),
      leafNode('LActTm', { type: 'utc-time' }, utcTime(now())),
    ]);
    const lln0 = model.find(ld, 'LLN0');
    if (lln0?.kind !== 'struct') throw new Error(`no LLN0 in ${ld} for its SGCB`);
    let sp = childOf(lln0, 'SP');
    if (!sp) appendChild(lln0, (sp = structNode('SP', [])));
    if (sp.kind === 'struct') appendChild(sp, this.node);
    model.invalidateNames(ld);
    this.node.hooks = { write: (v, ctx, path) => this.write(v, ctx, path) };
    for (const served of lns) if (served.ld === ld) this.collect(served, n);
    this.activate(control.actSG);
  }

  get activeGroup(): number {
    return this.number('ActSG');
  }

  private collect(served: ServedLn, n: number): void {
    const lnNode = this.model.find(served.ld, served.ln.name);
    const sg = lnNode && childOf(lnNode, 'SG');
    const se = lnNode && childOf(lnNode, 'SE');
    if (!sg || lnNode?.kind !== 'struct') return;
    if (se?.kind === 'struct') se.hooks = { write: (v, ctx, path) => this.writeSe(se, v, ctx, path) };
    for (const leaf of leavesBelow(sg)) {
      const path = pathOf(leaf).slice(2);
      const twin = se && path.reduce<DataNode | undefined>((at, name) => at && childOf(at, name), se);
      const texts = served.ln.values.get(path.join('.'))?.groupValues ?? [];
      const groups = Array.from({ length: n }, (_, i) => {
        const text = texts.find((g) => g.sGroup === i + 1)?.value;
        try {
          return text === undefined ? leaf.value : valueFromText(text, leaf.spec, leaf.meta as LeafMeta | undefined);
        } catch {
          return leaf.value;
        }
      });
      this.settings.push({ sg: leaf, se: twin?.kind === 'leaf' ? twin : undefined, groups });
    }
  }

  /** Makes a group active: SG shows its values, LActTm the time. */
  activate(group: number): void {
    for (const s of this.settings) {
      const v = s.groups[group - 1];
      if (v) this.model.setLeaf(s.sg, v);
    }
    this.set('ActSG', { type: 'unsigned', value: group });
    this.set('LActTm', utcTime(this.now()));
  }

  private write(value: MmsValue, ctx: ClientContext, path: readonly string[]): WriteResult {
    const [attribute, ...rest] = path;
    const leaf = attribute === undefined ? undefined : childOf(this.node, attribute);
    if (!leaf || leaf.kind !== 'leaf' || rest.length > 0) return refused(attribute === undefined ? 'object-access-denied' : 'object-non-existent');
    if (attribute === 'NumOfSG' || attribute === 'LActTm') return refused('object-access-denied');
    if (typeMismatch(leaf.spec, value) !== undefined) return refused('type-inconsistent');
    const n = value.type === 'unsigned' ? Number(value.value) : -1;
    switch (attribute) {
      case 'ActSG':
        if (n < 1 || n > this.number('NumOfSG')) return refused('object-value-invalid');
        this.activate(n);
        return WRITE_OK;
      case 'EditSG':
        return this.edit(n, ctx);
      case 'CnfEdit':
        return value.type === 'boolean' && value.value ? this.confirm(ctx) : WRITE_OK;
      default:
        return refused('object-access-denied');
    }
  }

  /** EditSG: 0 ends editing; 1 … NumOfSG loads that group into SE for this client alone. */
  private edit(group: number, ctx: ClientContext): WriteResult {
    if (this.editor && this.editor !== ctx && !this.editor.closed) return refused('temporarily-unavailable');
    if (group < 0 || group > this.number('NumOfSG')) return refused('object-value-invalid');
    if (group === 0) {
      this.editor = undefined;
      this.set('EditSG', { type: 'unsigned', value: 0 });
      return WRITE_OK;
    }
    if (this.editor !== ctx)
      ctx.onClose(() => {
        if (this.editor === ctx) {
          this.editor = undefined;
          this.set('EditSG', { type: 'unsigned', value: 0 });
        }
      });
    this.editor = ctx;
    for (const s of this.settings) {
      const v = s.groups[group - 1];
      if (s.se && v) this.model.setLeaf(s.se, v);
    }
    this.set('EditSG', { type: 'unsigned', value: group });
    return WRITE_OK;
  }

  /** CnfEdit: the SE values become the values of the edited group (and SG when it is active). */
  private confirm(ctx: ClientContext): WriteResult {
    const group = this.number('EditSG');
    if (this.editor !== ctx || group === 0) return refused(this.editor && this.editor !== ctx ? 'temporarily-unavailable' : 'object-access-denied');
    for (const s of this.settings) if (s.se) s.groups[group - 1] = s.se.value;
    if (group === this.number('ActSG')) this.activate(group);
    return WRITE_OK;
  }

  /** SE writes: only by the client editing, and only while a group is selected for editing. */
  private writeSe(se: StructNode, value: MmsValue, ctx: ClientContext, path: readonly string[]): WriteResult {
    if (this.editor !== ctx || this.number('EditSG') === 0) return refused(this.editor && this.editor !== ctx ? 'temporarily-unavailable' : 'object-access-denied');
    const target = path.length === 0 ? se : selectNode(se, path.map((name) => ({ kind: 'component' as const, name })));
    if (!target) return refused('object-non-existent');
    if (typeMismatch(specOf(target), value) !== undefined) return refused('type-inconsistent');
    this.model.setNode(target, value);
    return WRITE_OK;
  }

  private number(name: string): number {
    const leaf = childOf(this.node, name);
    return leaf?.kind === 'leaf' && leaf.value.type === 'unsigned' ? Number(leaf.value.value) : 0;
  }

  private set(name: string, value: MmsValue): void {
    const leaf = childOf(this.node, name);
    if (leaf?.kind === 'leaf') this.model.setLeaf(leaf, value);
  }
}
