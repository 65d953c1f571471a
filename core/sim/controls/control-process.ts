import { dbposFromBits, dbposToBits, type Dbpos } from '../../iec61850';
import { typeMismatch, type MmsValue } from '../../mms';
import { childOf, specOf, type DataNode, type LeafNode, type ServerDataModel } from '../../server';
import { utcTime } from '../leaf-values';
import { ADD_CAUSE, type ControlParams } from './control-terms';

/**
 * What an accepted operate does to the process. It resolves when the process has done it (a switch at
 * its end position), with undefined, or with the AddCause it ended with.
 */
export type Process = (params: ControlParams) => Promise<number | undefined>;

function leaf(node: DataNode | undefined, name: string): LeafNode | undefined {
  const c = node && childOf(node, name);
  return c?.kind === 'leaf' ? c : undefined;
}

/** Sets an attribute and the time of its data object. */
export function setWithTime(model: ServerDataModel, target: LeafNode, value: MmsValue, nowMs: number): void {
  model.setLeaf(target, value);
  const t = target.parent && leaf(target.parent, 't');
  if (t) model.setLeaf(t, utcTime(nowMs));
}

/** ctlVal as the status it commands: a boolean commands on (closed) or off (open) of a Dbpos. */
function statusFor(ctlVal: MmsValue, stVal: LeafNode): MmsValue | undefined {
  if (typeMismatch(stVal.spec, ctlVal) === undefined) return ctlVal;
  const dbpos = stVal.spec.type === 'bit-string' && Math.abs(stVal.spec.size) === 2;
  if (dbpos && ctlVal.type === 'boolean') return { type: 'bit-string', ...dbposToBits(ctlVal.value ? 'closed' : 'open') };
  return undefined;
}

/** A data object whose status follows the control at once: SPC, DPC, INC, ENC, APC (mxVal). */
export function followStatus(model: ServerDataModel, st: DataNode | undefined, mx: DataNode | undefined, now: () => number): Process {
  return async (p) => {
    const stVal = leaf(st, 'stVal');
    const mxVal = mx && childOf(mx, 'mxVal');
    const status = stVal && statusFor(p.ctlVal, stVal);
    if (stVal && status) setWithTime(model, stVal, status, now());
    else if (mxVal && typeMismatch(specOf(mxVal), p.ctlVal) === undefined) {
      model.setNode(mxVal, p.ctlVal);
      const t = mx && leaf(mx, 't');
      if (t) model.setLeaf(t, utcTime(now()));
    }
    return undefined;
  };
}

/** The end position a switch control asks for. */
export function commandedPosition(p: ControlParams): Dbpos['name'] | undefined {
  if (p.ctlVal.type === 'boolean') return p.ctlVal.value ? 'closed' : 'open';
  return undefined;
}

export function positionOf(pos: DataNode | undefined): Dbpos['name'] | undefined {
  const stVal = leaf(pos, 'stVal');
  return stVal?.value.type === 'bit-string' ? dbposFromBits(stVal.value)?.name : undefined;
}

/**
 * A switch (XCBR, XSWI, or a CSWI driving one): Pos goes to intermediate at once, and to the commanded
 * end position after the travel time, on the switch and on the CSWI that drives it; a breaker counts
 * the operation in OpCnt.
 */
export function switchTravel(
  model: ServerDataModel,
  positions: readonly DataNode[],
  opCnt: LeafNode | undefined,
  travelMs: () => number,
  now: () => number,
): Process {
  return (p) => {
    const target = commandedPosition(p);
    if (!target) return Promise.resolve(ADD_CAUSE.invalidPosition);
    const set = (name: Dbpos['name']) => {
      for (const pos of positions) {
        const stVal = leaf(pos, 'stVal');
        if (stVal) setWithTime(model, stVal, { type: 'bit-string', ...dbposToBits(name) }, now());
      }
    };
    set('intermediate');
    return new Promise((resolve) => {
      setTimeout(() => {
        set(target);
        if (opCnt && (opCnt.value.type === 'integer' || opCnt.value.type === 'unsigned'))
          setWithTime(model, opCnt, { type: opCnt.value.type, value: Number(opCnt.value.value) + 1 }, now());
        resolve(undefined);
      }, Math.max(0, travelMs()));
    });
  };
}
