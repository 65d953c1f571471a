import type { Fc, TypeName } from '../iec61850';
import { CoverageIndex, type PointCoverage, type PointTriggers } from './coverage';
import { isDataObject, serverLogicalDevices } from './leaves';
import type { SclDataAttribute, SclDataNode, SclDataObject, SclEnumValue, SclIed, SclLogicalNode } from './model';

export type PointCategory = 'position' | 'protection' | 'measurement' | 'health' | 'indication';

export interface RecommendedPoint {
  /** `LD/LN.DO[.SDO].DA[.BDA]`, without FC. */
  readonly ref: string;
  readonly fc: Fc;
  readonly type: TypeName;
  readonly category: PointCategory;
  /** Why this point: what it means and the rule that picked it. */
  readonly reason: string;
  readonly ld: string;
  readonly ln: string;
  readonly lnClass: string;
  readonly path: readonly string[];
  /** CDC of the DO or SDO holding the attribute, when the template names it. */
  readonly cdc: string | undefined;
  /** For measurements: SIUnit and multiplier from DAI values or template defaults. */
  readonly unit?: { readonly siUnit?: string; readonly multiplier?: string };
  /** For enums: the EnumType's ordinals and names. */
  readonly enumValues?: readonly SclEnumValue[];
  readonly coverage: PointCoverage;
}

export interface IedPlan {
  readonly ied: string;
  readonly points: readonly RecommendedPoint[];
}

const POSITION_LNS: Readonly<Record<string, string>> = { XCBR: 'circuit breaker', XSWI: 'switch/disconnector', CSWI: 'switch controller' };
const MEASUREMENT_LNS = new Set(['MMXU', 'MMXN', 'MSQI']);
const HEALTH_LNS = new Set(['LLN0', 'LPHD']);
const PROTECTION_DOS: Readonly<Record<string, string>> = { Op: 'operate', Str: 'start (pickup)', Tr: 'trip' };
const HEALTH_DOS: Readonly<Record<string, string>> = {
  Mod: 'mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted',
  Beh: 'behaviour (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted',
  Health: 'health (Ok, Warning, Alarm) of the logical device',
  PhyHealth: 'physical device health (Ok, Warning, Alarm)',
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

/**
 * Recommends the points an HMI needs from one IED, each with the reason it was picked and its report
 * coverage. Rules, in priority order (a point is listed once, under the first rule that picks it):
 * 1. position: XCBR, XSWI, CSWI Pos.stVal;
 * 2. protection: general and dirGeneral of Op, Str and Tr in every P-group LN (PTOC, PDIS, PTRC …);
 * 3. measurement: MMXU, MMXN, MSQI magnitudes, `mag.f` of MV and `cVal.mag.f` of CMV (also inside
 *    WYE, DEL and SEQ), with units and multipliers; and the analogue inputs AnIn* of GGIO;
 * 4. health: Mod, Beh, Health and PhyHealth stVal of LLN0 and LPHD, to see Test or Test/Blocked first;
 * 5. indication: GGIO Ind*, Alm*; and stVal of every other SPS, DPS, SPC or DPC (by CDC, or by the type
 *    of stVal when the template names no CDC).
 */
export function planIed(ied: SclIed): IedPlan {
  const coverage = new CoverageIndex(ied);
  const points: RecommendedPoint[] = [];
  const seen = new Set<string>();
  for (const ld of serverLogicalDevices(ied)) {
    for (const ln of ld.logicalNodes) {
      for (const d of ln.type?.dataObjects ?? []) {
        for (const p of pick(ln, d)) {
          const ref = `${ld.name}/${ln.name}.${p.path.join('.')}`;
          if (seen.has(`${ref}[${p.fc}]`)) continue;
          seen.add(`${ref}[${p.fc}]`);
          const attribute = p.attribute;
          points.push({
            ref,
            fc: p.fc,
            type: attribute.type,
            category: p.category,
            reason: p.reason,
            ld: ld.name,
            ln: ln.name,
            lnClass: ln.lnClass,
            path: p.path,
            cdc: p.cdc,
            ...(p.unit ? { unit: p.unit } : {}),
            ...(attribute.enumType ? { enumValues: attribute.enumType.values } : {}),
            coverage: coverage.coverage(ld.name, ln.name, p.path, p.fc, p.triggers),
          });
        }
      }
    }
  }
  return { ied: ied.name, points };
}

interface Pick {
  readonly path: readonly string[];
  readonly fc: Fc;
  readonly attribute: SclDataAttribute;
  readonly triggers: PointTriggers;
  readonly category: PointCategory;
  readonly reason: string;
  readonly cdc: string | undefined;
  readonly unit?: { readonly siUnit?: string; readonly multiplier?: string };
}

function* pick(ln: SclLogicalNode, d: SclDataObject): Generator<Pick> {
  const cls = ln.lnClass;
  const position = POSITION_LNS[cls];
  if (position !== undefined && d.name === 'Pos') {
    const p = attributePick(d, [d.name], 'stVal', 'ST', 'position', `${position} position (${cls} Pos.stVal)`);
    if (p) yield p;
  }
  const protection = PROTECTION_DOS[d.name];
  if (cls.startsWith('P') && protection !== undefined) {
    const p1 = attributePick(d, [d.name], 'general', 'ST', 'protection', `protection ${protection}, any phase (${cls} ${d.name}.general)`);
    if (p1) yield p1;
    const p2 = attributePick(d, [d.name], 'dirGeneral', 'ST', 'protection', `protection ${protection} direction (${cls} ${d.name}.dirGeneral)`);
    if (p2) yield p2;
  }
  if (MEASUREMENT_LNS.has(cls)) yield* measurements(ln, d, [d.name], MEASURANDS[d.name] ?? d.name);
  if (cls === 'GGIO' && /^AnIn\d*$/.test(d.name)) yield* measurements(ln, d, [d.name], `generic analogue input ${d.name}`);
  const health = HEALTH_DOS[d.name];
  if (HEALTH_LNS.has(cls) && health !== undefined) {
    const p = attributePick(d, [d.name], 'stVal', 'ST', 'health', `${cls} ${health}`);
    if (p) yield p;
  }
  if (cls === 'GGIO' && /^(Ind|Alm)\d*$/.test(d.name)) {
    const kind = d.name.startsWith('Alm') ? 'alarm' : 'indication';
    const p = attributePick(d, [d.name], 'stVal', 'ST', 'indication', `generic ${kind} ${d.name} (GGIO ${d.name}.stVal)`);
    if (p) yield p;
  }
  const cdc = statusCdc(d);
  if (cdc !== undefined) {
    const p = attributePick(d, [d.name], 'stVal', 'ST', 'indication', `${cdc} status ${d.name} of ${cls} (stVal)`);
    if (p) yield p;
  }
}

function child(node: { readonly children: readonly SclDataNode[] }, name: string): SclDataNode | undefined {
  return node.children.find((c) => c.name === name);
}

function triggersOf(da: SclDataAttribute): PointTriggers {
  return { dchg: da.dchg, qchg: da.qchg, dupd: da.dupd };
}

function attributePick(d: SclDataObject, path: string[], daName: string, fc: Fc, category: PointCategory, reason: string): Pick | undefined {
  const da = child(d, daName);
  if (!da || isDataObject(da) || da.fc !== fc || da.bType === 'Struct') return undefined;
  return { path: [...path, daName], fc, attribute: da, triggers: triggersOf(da), category, reason, cdc: d.cdc };
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

/** MV `mag.f` and CMV `cVal.mag.f` below a DO, through SDOs (WYE phsA…, DEL phsAB…, SEQ c1…). */
function* measurements(ln: SclLogicalNode, node: SclDataObject, path: string[], what: string): Generator<Pick> {
  const where = path.slice(1).join('.');
  for (const daName of ['mag', 'cVal'] as const) {
    const da = child(node, daName);
    if (!da || isDataObject(da) || da.fc !== 'MX') continue;
    const mag = daName === 'cVal' ? child(da, 'mag') : da;
    const f = mag && !isDataObject(mag) ? child(mag, 'f') : undefined;
    if (!f || isDataObject(f)) continue;
    const leafPath = daName === 'cVal' ? [...path, 'cVal', 'mag', 'f'] : [...path, 'mag', 'f'];
    const unit = unitOf(ln, node, path);
    const unitText = unit ? ` in ${unit.multiplier ?? ''}${unit.siUnit ?? ''}` : '';
    yield {
      path: leafPath,
      fc: 'MX',
      attribute: f,
      triggers: triggersOf(da),
      category: 'measurement',
      reason: `${what}${where === '' ? '' : ` ${where}`} magnitude${unitText} (${ln.lnClass} ${leafPath.join('.')})`,
      cdc: node.cdc,
      ...(unit ? { unit } : {}),
    };
  }
  for (const c of node.children) if (isDataObject(c)) yield* measurements(ln, c, [...path, c.name], what);
}

/** units.SIUnit and units.multiplier of an MV/CMV: the DAI value when the LN gives one, else the template's. */
function unitOf(ln: SclLogicalNode, node: SclDataObject, path: readonly string[]): { siUnit?: string; multiplier?: string } | undefined {
  const units = child(node, 'units');
  if (!units || isDataObject(units)) return undefined;
  const value = (name: string): string | undefined => {
    const instance = ln.values.get(`${path.join('.')}.units.${name}`)?.value;
    if (instance !== undefined && instance !== '') return instance;
    const bda = child(units, name);
    return bda && !isDataObject(bda) && bda.defaultValue !== '' ? bda.defaultValue : undefined;
  };
  const siUnit = value('SIUnit');
  const multiplier = value('multiplier');
  if (siUnit === undefined && multiplier === undefined) return undefined;
  return { ...(siUnit === undefined ? {} : { siUnit }), ...(multiplier === undefined ? {} : { multiplier }) };
}
