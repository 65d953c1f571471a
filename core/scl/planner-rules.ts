import { isDataObject, type LeafView } from './leaves';
import type { SclDataNode, SclDataObject, SclLogicalNode } from './model';

/**
 * The rules that pick points, by what a leaf means to an HMI engineer. Each rule looks at one leaf
 * (an ST or MX basic attribute) of an LN and, when it picks it, says why in one line and in which
 * category. The planner (planner.ts) asks the essential rules first, then whether an RCB reports the
 * leaf (station), then the extended rules; every other ST/MX leaf is in the `all` tier.
 */

export type PointCategory = 'position' | 'protection' | 'measurement' | 'health' | 'indication' | 'other';

export interface Picked {
  readonly category: PointCategory;
  readonly reason: string;
  /** A measured magnitude's unit, when the rule looked it up for its reason. */
  readonly unit?: Unit;
}

export interface Unit {
  readonly siUnit?: string;
  readonly multiplier?: string;
}

/** Looks up the unit of a measured magnitude leaf (called only for the leaves a measurement rule takes). */
export type UnitOf = (leaf: LeafView) => Unit | undefined;

const inUnit = (u: Unit | undefined) => (u ? ` in ${u.multiplier ?? ''}${u.siUnit ?? ''}` : '');

/** What the rules know about the IED beyond the leaf. */
export interface RuleContext {
  /** The IED has XCBR or XSWI: then CSWI positions (controller mirrors) are not essential. */
  readonly hasSwitchgear: boolean;
}

const SWITCHGEAR: Readonly<Record<string, string>> = { XCBR: 'circuit breaker', XSWI: 'switch/disconnector', CSWI: 'switch controller' };
const HEALTH_LNS = new Set(['LLN0', 'LPHD']);
const HEALTH_DOS: Readonly<Record<string, string>> = {
  Mod: 'mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted',
  Beh: 'behaviour (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted',
  Health: 'health (Ok, Warning, Alarm) of the logical device',
  PhyHealth: 'physical device health (Ok, Warning, Alarm)',
};
const BREAKER_FAILURE: Readonly<Record<string, string>> = { OpEx: 'breaker failure trip (external)', OpIn: 'breaker failure retrip (internal)', Op: 'breaker failure operate' };
const PROTECTION_DOS: Readonly<Record<string, string>> = { Op: 'operate', Str: 'start (pickup)', Tr: 'trip' };
const MEASUREMENT_LNS = new Set(['MMXU', 'MMXN', 'MSQI']);
/** A feeder's key measurements: total P and Q, and the phase currents. */
const KEY_MEASUREMENTS: Readonly<Record<string, string>> = {
  'TotW.mag.f': 'total active power',
  'TotVAr.mag.f': 'total reactive power',
  'A.phsA.cVal.mag.f': 'phase current phsA',
  'A.phsB.cVal.mag.f': 'phase current phsB',
  'A.phsC.cVal.mag.f': 'phase current phsC',
};
const MEASURANDS: Readonly<Record<string, string>> = {
  TotW: 'total active power',
  TotVAr: 'total reactive power',
  TotVA: 'total apparent power',
  TotPF: 'average power factor',
  Hz: 'frequency',
  PPV: 'phase-to-phase voltage',
  PhV: 'phase-to-ground voltage',
  A: 'phase current',
  W: 'active power',
  VAr: 'reactive power',
  VA: 'apparent power',
  PF: 'power factor',
  Z: 'impedance',
  Amp: 'current',
  Vol: 'voltage',
  SeqA: 'sequence current',
  SeqV: 'sequence voltage',
  ImbA: 'current imbalance',
  ImbV: 'voltage imbalance',
};
const STATUS_CDCS = new Set(['SPS', 'DPS', 'SPC', 'DPC']);

/** The pre-selected points: what every HMI shows of a protection relay or bay controller. */
export function essential(ln: SclLogicalNode, leaf: LeafView, ctx: RuleContext, unitOf: UnitOf): Picked | undefined {
  const cls = ln.lnClass;
  const path = leaf.path;
  const doName = path[0] ?? '';
  // Every essential leaf but the measurements is one DA directly below its DO: `Pos.stVal`, `Op.general`.
  const da = path.length === 2 ? path[1] : undefined;
  const switchgear = SWITCHGEAR[cls];
  if (switchgear !== undefined && doName === 'Pos' && da === 'stVal' && (cls !== 'CSWI' || !ctx.hasSwitchgear)) {
    return { category: 'position', reason: `${switchgear} position (${cls} Pos.stVal)` };
  }
  if (cls === 'RBRF' && da === 'general' && BREAKER_FAILURE[doName] !== undefined) {
    return { category: 'protection', reason: `${BREAKER_FAILURE[doName]} (RBRF ${doName}.general)` };
  }
  if (da === 'general' && cls.startsWith('P') && (doName === 'Op' || (cls === 'PTRC' && doName === 'Tr'))) {
    return { category: 'protection', reason: `${doName === 'Tr' ? 'trip' : 'protection operate, any phase'} (${cls} ${doName}.general)` };
  }
  const health = HEALTH_DOS[doName];
  if (da === 'stVal' && health !== undefined && HEALTH_LNS.has(cls)) return { category: 'health', reason: `${cls} ${health}` };
  if (cls === 'MMXU' && path[path.length - 1] === 'f' && (doName === 'TotW' || doName === 'TotVAr' || doName === 'A')) {
    const key = KEY_MEASUREMENTS[path.join('.')];
    if (key === undefined) return undefined;
    const unit = unitOf(leaf);
    return { category: 'measurement', reason: `${key} magnitude${inUnit(unit)} (MMXU ${path.join('.')})`, ...(unit ? { unit } : {}) };
  }
  return undefined;
}

/** The other points today's HMIs commonly take: protection starts and directions, indications, measurements. */
export function extended(ln: SclLogicalNode, leaf: LeafView, ctx: RuleContext, unitOf: UnitOf): Picked | undefined {
  const cls = ln.lnClass;
  const path = leaf.path;
  const doName = path[0] ?? '';
  const da = path.length === 2 ? path[1] : undefined;
  const switchgear = SWITCHGEAR[cls];
  if (switchgear !== undefined && doName === 'Pos' && da === 'stVal') return { category: 'position', reason: `${switchgear} position (${cls} Pos.stVal)` };
  const protection = PROTECTION_DOS[doName];
  if (protection !== undefined && (da === 'general' || da === 'dirGeneral') && isProtection(cls)) {
    const what = da === 'general' ? `${protection}, any phase` : `${protection} direction`;
    return { category: 'protection', reason: `protection ${what} (${cls} ${doName}.${da})` };
  }
  const measurand = measurement(ln, leaf);
  if (measurand !== undefined) {
    const where = path.slice(1, path.length - (leaf.da.name === 'cVal' ? 3 : 2)).join('.');
    const unit = unitOf(leaf);
    return { category: 'measurement', reason: `${measurand}${where === '' ? '' : ` ${where}`} magnitude${inUnit(unit)} (${cls} ${path.join('.')})`, ...(unit ? { unit } : {}) };
  }
  if (da !== 'stVal') return undefined;
  if (cls === 'GGIO' && /^(Ind|Alm)\d*$/.test(doName)) {
    return { category: 'indication', reason: `generic ${doName.startsWith('Alm') ? 'alarm' : 'indication'} ${doName} (GGIO ${doName}.stVal)` };
  }
  const cdc = statusCdc(leaf.dataObject);
  if (cdc !== undefined) return { category: 'indication', reason: `${cdc} status ${doName} of ${cls} (stVal)` };
  return undefined;
}

/** What a measured magnitude is: MV `mag.f` and CMV `cVal.mag.f` of MMXU, MMXN, MSQI (through SDOs), and GGIO AnIn. */
function measurement(ln: SclLogicalNode, leaf: LeafView): string | undefined {
  const p = leaf.path;
  const n = p.length;
  const magF = n >= 3 && p[n - 1] === 'f' && p[n - 2] === 'mag' && leaf.fc === 'MX';
  if (!magF || !(leaf.da.name === 'mag' || (leaf.da.name === 'cVal' && p[n - 3] === 'cVal'))) return undefined;
  const doName = p[0] ?? '';
  if (MEASUREMENT_LNS.has(ln.lnClass)) return MEASURANDS[doName] ?? doName;
  if (ln.lnClass === 'GGIO' && /^AnIn\d*$/.test(doName)) return `generic analogue input ${doName}`;
  return undefined;
}

/** A category for a leaf no rule named (the station and all tiers). */
export function categoryOf(ln: SclLogicalNode, leaf: LeafView): PointCategory {
  const doName = leaf.path[0] ?? '';
  if (SWITCHGEAR[ln.lnClass] !== undefined && doName === 'Pos') return 'position';
  if (HEALTH_DOS[doName] !== undefined) return 'health';
  if (isProtection(ln.lnClass)) return 'protection';
  if (leaf.fc === 'MX') return 'measurement';
  return leaf.fc === 'ST' ? 'indication' : 'other';
}

/** Protection functions (P…) and protection-related ones (R…: breaker failure, recloser, …). */
function isProtection(lnClass: string): boolean {
  return lnClass.startsWith('P') || lnClass.startsWith('R');
}

/** The CDC of a status DO (SPS, DPS, SPC, DPC), from the template or, failing that, from stVal's type. */
function statusCdc(d: SclDataObject): string | undefined {
  if (d.cdc !== undefined) return STATUS_CDCS.has(d.cdc) ? d.cdc : undefined;
  const stVal = child(d, 'stVal');
  if (!stVal || isDataObject(stVal) || stVal.fc !== 'ST') return undefined;
  const controllable = child(d, 'ctlModel') !== undefined;
  if (stVal.bType === 'BOOLEAN') return controllable ? 'SPC' : 'SPS';
  if (stVal.bType === 'Dbpos') return controllable ? 'DPC' : 'DPS';
  return undefined;
}

export function child(node: { readonly children: readonly SclDataNode[] }, name: string): SclDataNode | undefined {
  return node.children.find((c) => c.name === name);
}
