import type { MmsValue } from '../mms';
import type { StructNode } from '../server';
import type { SclLogicalNode } from '../scl';
import { utcTime } from './leaf-values';
import { instantiate, lnTemplate } from './ln-template';

/** Builds the LN node trees of one IED from the templates of their LNodeTypes and their instance values. */
export class LnBuilder {
  /** Values that could not be read, one line each; the leaf then starts at its zero value. */
  readonly warnings: string[] = [];
  /** The start time: the value of every time leaf the SCL gives none. */
  private readonly now: MmsValue;

  constructor(nowMs: number) {
    this.now = utcTime(nowMs);
  }

  /**
   * An LN: one structure per FC holding the DOs (and SDOs, DAs) of that FC, in SCL order. In an LD with
   * setting groups, every SG attribute also appears under SE, the editable copy (IEC 61850-7-2 §16).
   */
  ln(ln: SclLogicalNode, where: string, withSettingGroups = false): StructNode {
    return instantiate(lnTemplate(ln.type, withSettingGroups), ln.name, { values: ln.values, where, now: this.now, warnings: this.warnings });
  }
}
