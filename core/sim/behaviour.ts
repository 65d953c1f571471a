import { BEHAVIOUR_MODE_NAMES, qualityFromBits, qualityToBits, type EnumNames } from '../iec61850';
import type { MmsValue } from '../mms';
import { childOf, leavesBelow, type DataNode, type LeafNode, type ServerDataModel, type StructNode } from '../server';
import { RelayGateError } from '../shared';
import { utcTime } from './leaf-values';

/** IEC 61850-7-4 BehaviourModeKind, in ordinal order (1 … 5). */
export const BEHAVIOURS = ['on', 'blocked', 'test', 'test/blocked', 'off'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

const ORDINAL: Readonly<Record<Behaviour, number>> = { on: 1, blocked: 2, test: 3, 'test/blocked': 4, off: 5 };
const NAMES: EnumNames = BEHAVIOUR_MODE_NAMES;

const TEST_BIT = 1 << 11;
const VALIDITY_MASK = 3;
/** Raw validity "invalid" (bits 0-1 = 01, i.e. bit 1 set: raw value 2). */
const INVALID = 2;

/**
 * The behaviour of an LN from its LD's mode (LLN0.Mod) and its own (IEC 61850-7-4 Ed2 Annex A): off
 * when either is off; otherwise test when either is in test, blocked when either is blocked.
 */
export function combineBehaviour(ld: Behaviour, ln: Behaviour): Behaviour {
  if (ld === 'off' || ln === 'off') return 'off';
  const test = ld.startsWith('test') || ln.startsWith('test');
  const blocked = ld.endsWith('blocked') || ln.endsWith('blocked');
  return test ? (blocked ? 'test/blocked' : 'test') : blocked ? 'blocked' : 'on';
}

export function parseBehaviour(text: string): Behaviour {
  if ((BEHAVIOURS as readonly string[]).includes(text)) return text as Behaviour;
  throw new RelayGateError('sim', 'bad-value', `'${text}' is not a mode (on, blocked, test, test/blocked, off)`);
}

interface LnState {
  readonly ld: string;
  readonly name: string;
  readonly node: StructNode;
  readonly mod: LeafNode | undefined;
  readonly beh: LeafNode | undefined;
  behaviour: Behaviour;
}

function leafAt(node: DataNode | undefined, ...names: string[]): LeafNode | undefined {
  let at = node;
  for (const n of names) at = at && childOf(at, n);
  return at?.kind === 'leaf' ? at : undefined;
}

/**
 * Mode and Behaviour of every LN: Mod (set by a control or the API) gives Beh down the LD → LN
 * hierarchy, and Beh shows in the quality of the LN's data — the test bit under test and test/blocked,
 * validity invalid under off. The quality a test or the dynamics set is kept as the process quality,
 * and what clients read is that quality with the behaviour applied.
 */
export class ModeBehaviour {
  private readonly lns = new Map<string, LnState>();
  private readonly processQuality = new WeakMap<LeafNode, number>();

  constructor(
    private readonly model: ServerDataModel,
    private readonly now: () => number,
  ) {
    for (const ld of model.domainNames()) {
      const root = model.domain(ld);
      for (const ln of root?.children ?? []) {
        if (ln.kind !== 'struct') continue;
        const mod = leafAt(ln, 'ST', 'Mod', 'stVal');
        this.lns.set(`${ld}/${ln.name}`, { ld, name: ln.name, node: ln, mod, beh: leafAt(ln, 'ST', 'Beh', 'stVal'), behaviour: 'on' });
      }
    }
    for (const ld of model.domainNames()) this.recompute(ld);
  }

  behaviourOf(ld: string, ln: string): Behaviour {
    return this.lns.get(`${ld}/${ln}`)?.behaviour ?? 'on';
  }

  /** The mode an LN's Mod shows ('on' for an LN without Mod). */
  modeOf(ld: string, ln: string): Behaviour {
    const mod = this.lns.get(`${ld}/${ln}`)?.mod;
    return mod ? behaviourOfValue(mod.value) : 'on';
  }

  /** Sets Mod of an LN (of LLN0 for the whole LD) and what follows from it. */
  setMode(ld: string, ln: string, mode: Behaviour): void {
    const state = this.lns.get(`${ld}/${ln}`);
    if (!state) throw new RelayGateError('sim', 'no-such-object', `the simulated IED has no LN ${ld}/${ln}`);
    if (!state.mod) throw new RelayGateError('sim', 'no-such-object', `${ld}/${ln} has no Mod`);
    this.setWithTime(state.mod, { type: 'integer', value: ORDINAL[mode] });
    this.recompute(ld);
  }

  /** A quality set by the process (API, scenario, dynamics): stored, and applied with the behaviour. */
  setProcessQuality(q: LeafNode, raw: number): void {
    this.processQuality.set(q, raw);
    this.model.setLeaf(q, { type: 'bit-string', ...qualityToBits(this.effective(q, raw)) });
  }

  /** Mod stVal changed in the model (a client's control): recompute the LD. */
  modeChanged(ld: string): void {
    this.recompute(ld);
  }

  private effective(q: LeafNode, raw: number): number {
    const ln = this.lnOf(q);
    const beh = ln?.behaviour ?? 'on';
    let out = raw;
    if (beh === 'test' || beh === 'test/blocked') out |= TEST_BIT;
    if (beh === 'off') out = (out & ~VALIDITY_MASK) | INVALID;
    return out;
  }

  private lnOf(node: DataNode): LnState | undefined {
    let at: DataNode = node;
    while (at.parent?.parent) at = at.parent;
    return at.parent ? this.lns.get(`${at.parent.name}/${at.name}`) : undefined;
  }

  private recompute(ld: string): void {
    const ldMode = this.modeOf(ld, 'LLN0');
    for (const state of this.lns.values()) {
      if (state.ld !== ld) continue;
      const before = state.behaviour;
      state.behaviour = state.name === 'LLN0' ? ldMode : combineBehaviour(ldMode, this.modeOf(ld, state.name));
      if (state.beh && behaviourOfValue(state.beh.value) !== state.behaviour)
        this.setWithTime(state.beh, { type: 'integer', value: ORDINAL[state.behaviour] });
      if (before !== state.behaviour) this.requalify(state);
    }
  }

  /** Every quality of the LN again, from its process quality, with the new behaviour. */
  private requalify(state: LnState): void {
    for (const leaf of leavesBelow(state.node)) {
      if (leaf.name !== 'q' || leaf.value.type !== 'bit-string') continue;
      const raw = this.processQuality.get(leaf) ?? qualityFromBits(leaf.value).raw & ~TEST_BIT;
      this.processQuality.set(leaf, raw);
      const bits = qualityToBits(this.effective(leaf, raw));
      if (this.model.setLeaf(leaf, { type: 'bit-string', ...bits })) {
        const t = leaf.parent && childOf(leaf.parent, 't');
        if (t?.kind === 'leaf') this.model.setLeaf(t, utcTime(this.now()));
      }
    }
  }

  private setWithTime(leaf: LeafNode, value: MmsValue): void {
    this.model.setLeaf(leaf, value);
    const t = leaf.parent && childOf(leaf.parent, 't');
    if (t?.kind === 'leaf') this.model.setLeaf(t, utcTime(this.now()));
  }
}

function behaviourOfValue(v: MmsValue): Behaviour {
  const n = v.type === 'integer' || v.type === 'unsigned' ? Number(v.value) : 1;
  return (NAMES.get(n) as Behaviour | undefined) ?? 'on';
}
