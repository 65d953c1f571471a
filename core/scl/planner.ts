import type { Fc, TypeName } from '../iec61850';
import { CoverageIndex, type PointCoverage } from './coverage';
import { forEachPointLeaf, isDataObject, serverLogicalDevices, type LeafView } from './leaves';
import type { SclDataObject, SclEnumValue, SclIed, SclLogicalNode } from './model';
import { categoryOf, child, essential, extended, type PointCategory, type Picked, type RuleContext, type Unit, type UnitOf } from './planner-rules';

export type { PointCategory } from './planner-rules';

/**
 * How much of an IED a plan takes, from what every HMI shows to everything:
 * - `essential` (pre-selected by `init` and the wizard): breaker and switch positions; the trip of
 *   PTRC and the operate signal of each protection function; breaker failure; each LD's Mod, Beh and
 *   Health and LPHD's PhyHealth; per feeder (MMXU) total P and Q and the phase currents;
 * - `station`: the members of the IED's own data sets that an RCB reports — what the integrator chose
 *   for the station SCADA;
 * - `extended`: the other protection starts and directions, status indications and measurements;
 * - `all`: every other ST/MX leaf.
 * A point is in the first tier that takes it.
 */
export type PointTier = 'essential' | 'station' | 'extended' | 'all';
export const POINT_TIERS: readonly PointTier[] = ['essential', 'station', 'extended', 'all'];
/** What `planIed` returns without options: every tier but `all`. */
export const DEFAULT_TIERS: readonly PointTier[] = ['essential', 'station', 'extended'];

export interface PlanOptions {
  /** The tiers to return (default DEFAULT_TIERS); each point says which one it is in. */
  readonly tiers?: readonly PointTier[];
}

export interface RecommendedPoint {
  /** `LD/LN.DO[.SDO].DA[.BDA]`, without FC. */
  readonly ref: string;
  readonly fc: Fc;
  readonly type: TypeName;
  readonly tier: PointTier;
  readonly category: PointCategory;
  /** Why this point: what it means and the rule that picked it. */
  readonly reason: string;
  readonly ld: string;
  readonly ln: string;
  readonly lnClass: string;
  readonly path: readonly string[];
  /** CDC of the DO or SDO holding the attribute, when the template names it. */
  readonly cdc: string | undefined;
  /** For measured magnitudes: SIUnit and multiplier from DAI values or template defaults. */
  readonly unit?: { readonly siUnit?: string; readonly multiplier?: string };
  /** For enums: the EnumType's ordinals and names. */
  readonly enumValues?: readonly SclEnumValue[];
  readonly coverage: PointCoverage;
}

export interface IedPlan {
  readonly ied: string;
  readonly points: readonly RecommendedPoint[];
}

/**
 * The points of one IED in the tiers asked for, in model order (LD, LN, then SCL order within the
 * LN), each with its tier, its reason and its report coverage. Only ST and MX leaves are points; a leaf
 * inside an array is not (an array element is read by index). Give the IED with its instance values
 * (SclFile.details): units come from them.
 */
export function planIed(ied: SclIed, options: PlanOptions = {}): IedPlan {
  const wanted = new Set(options.tiers ?? DEFAULT_TIERS);
  const coverage = new CoverageIndex(ied);
  const lds = serverLogicalDevices(ied);
  const ctx: RuleContext = { hasSwitchgear: lds.some((ld) => ld.logicalNodes.some((ln) => ln.lnClass === 'XCBR' || ln.lnClass === 'XSWI')) };
  const points: RecommendedPoint[] = [];
  for (const ld of lds) {
    for (const ln of ld.logicalNodes) {
      const lnCoverage = coverage.forLn(ld.name, ln.name);
      const unitOf: UnitOf = (leaf) => magnitudeUnit(ln, leaf);
      forEachPointLeaf(ln, (leaf) => {
        const fc = leaf.fc;
        let cover: PointCoverage | undefined;
        let tier: PointTier = 'essential';
        let picked: Picked | undefined = essential(ln, leaf, ctx, unitOf);
        // Quality and timestamp leaves are not points of their own in the station tier (see station()).
        if (!picked && leaf.type !== 'quality' && leaf.type !== 'timestamp' && lnCoverage.reported(leaf.path, fc)) {
          tier = 'station';
          if (!wanted.has(tier)) return;
          cover = lnCoverage.coverage(leaf.path, fc, leaf.da);
          picked = station(ln, leaf, cover);
        }
        if (!picked) {
          tier = 'extended';
          picked = extended(ln, leaf, ctx, unitOf);
          if (picked && !wanted.has(tier)) return;
        }
        if (!picked) {
          tier = 'all';
          if (!wanted.has(tier)) return;
          picked = { category: categoryOf(ln, leaf), reason: `${fc === 'ST' ? 'status' : 'measured'} attribute ${leaf.path.join('.')} (${leaf.type}) of ${ln.lnClass}` };
        }
        if (!wanted.has(tier)) return;
        const path = [...leaf.path];
        const unit = picked.unit ?? (fc === 'MX' ? magnitudeUnit(ln, leaf) : undefined);
        points.push({
          ref: `${ld.name}/${ln.name}.${path.join('.')}`,
          fc,
          type: leaf.type,
          tier,
          category: picked.category,
          reason: picked.reason,
          ld: ld.name,
          ln: ln.name,
          lnClass: ln.lnClass,
          path,
          cdc: leaf.dataObject.cdc,
          ...(unit ? { unit } : {}),
          ...(leaf.attribute.enumType ? { enumValues: leaf.attribute.enumType.values } : {}),
          coverage: cover ?? lnCoverage.coverage(path, fc, leaf.da),
        });
      });
    }
  }
  return { ied: ied.name, points };
}

/**
 * A leaf a reported data set holds. (Quality and timestamp leaves never get here: they are not points
 * of their own but the companions of the values they come with, even when a member names them.)
 */
function station(ln: SclLogicalNode, leaf: LeafView, coverage: PointCoverage): Picked {
  const reported = coverage.dataSets.filter((d) => d.reportControls.length > 0);
  const first = reported[0] ?? { ref: '?', reportControls: [] };
  const rcbs = first.reportControls.map((r) => `${r.buffered ? 'BRCB' : 'URCB'} ${r.ref}`).join(', ');
  const more = reported.length > 1 ? ` (and ${reported.length - 1} more data set${reported.length > 2 ? 's' : ''})` : '';
  return { category: categoryOf(ln, leaf), reason: `in data set ${first.ref} that ${rcbs} reports${more} (${ln.lnClass} ${leaf.path.join('.')})` };
}

/** units.SIUnit and units.multiplier of the MV/CMV a `mag.f` belongs to: the DAI value when the LN gives one, else the template's. */
function magnitudeUnit(ln: SclLogicalNode, leaf: LeafView): Unit | undefined {
  const p = leaf.path;
  const n = p.length;
  if (n < 3 || p[n - 1] !== 'f' || p[n - 2] !== 'mag') return undefined;
  const holderPath = leaf.da.name === 'cVal' && p[n - 3] === 'cVal' ? p.slice(0, n - 3) : leaf.da.name === 'mag' ? p.slice(0, n - 2) : undefined;
  if (!holderPath) return undefined;
  return unitOf(ln, leaf.dataObject, holderPath);
}

function unitOf(ln: SclLogicalNode, holder: SclDataObject, path: readonly string[]): Unit | undefined {
  const units = child(holder, 'units');
  if (!units || isDataObject(units)) return undefined;
  const base = `${path.join('.')}.units.`;
  const value = (name: string): string | undefined => {
    const instance = ln.values.get(base + name)?.value;
    if (instance !== undefined && instance !== '') return instance;
    const bda = child(units, name);
    return bda && !isDataObject(bda) && bda.defaultValue !== '' ? bda.defaultValue : undefined;
  };
  const siUnit = value('SIUnit');
  const multiplier = value('multiplier');
  if (siUnit === undefined && multiplier === undefined) return undefined;
  return { ...(siUnit === undefined ? {} : { siUnit }), ...(multiplier === undefined ? {} : { multiplier }) };
}
