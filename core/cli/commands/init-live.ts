import { discoverModel, isoStackFor, openIed, type DiscoveredModel, type DiscoveredRcb } from '../../client';
import { standardEnumNames, type TypeName } from '../../iec61850';
import type { DraftCover, DraftIed, DraftPoint } from '../../project';
import { isQualityOrTime, type Tier } from './init-tiers';

/**
 * `init <host[:port]>`: a project from live discovery. Without SCL there is no planner input (CDCs,
 * templates), so the tiers are read from the names the IED serves: the LN class in each LN name
 * (prefix + class + instance) and the data object and attribute names.
 */

/** The LN class of an LN name (`Q0XCBR1` → `XCBR`, `LLN0` → `LLN0`). */
export function lnClassOf(ln: string): string {
  if (ln === 'LLN0') return 'LLN0';
  const m = /([A-Z]{4})\d*$/.exec(ln);
  return m?.[1] ?? ln;
}

const POSITION_CLASSES = new Set(['XCBR', 'XSWI', 'CSWI']);
const HEALTH = new Set(['Mod', 'Beh', 'Health', 'PhyHealth']);

/** The essential tier by name: positions, operate/trip signals, breaker failure, health, key MMXU values. */
function essential(lnClass: string, path: readonly string[]): boolean {
  const [dataObject = '', ...rest] = path;
  const leaf = rest.join('.');
  if (POSITION_CLASSES.has(lnClass)) return dataObject === 'Pos' && leaf === 'stVal';
  if (lnClass === 'LLN0' || lnClass === 'LPHD') return HEALTH.has(dataObject) && leaf === 'stVal';
  if (lnClass.startsWith('P') || lnClass === 'RBRF') return (dataObject === 'Op' || dataObject === 'Tr' || dataObject === 'OpEx') && leaf === 'general';
  if (lnClass === 'MMXU') return (dataObject === 'TotW' || dataObject === 'TotVAr') ? leaf === 'mag.f' : dataObject === 'A' && /^phs[ABC]\.cVal\.mag\.f$/.test(leaf);
  return false;
}

/** The extended tier by name: every start and operate, measurement magnitude, and single/double point state. */
function extended(lnClass: string, path: readonly string[]): boolean {
  const leaf = path.slice(1).join('.');
  return (
    essential(lnClass, path) ||
    ((lnClass.startsWith('P') || lnClass === 'RBRF') && leaf === 'general') ||
    (lnClass.startsWith('M') && /(^|\.)mag\.f$/.test(leaf)) ||
    leaf === 'stVal'
  );
}

/** An indexed instance (`urcbA03`) stands for its base name when its siblings share it: any free one will do. */
function rcbPlanName(rcb: DiscoveredRcb, all: readonly DiscoveredRcb[]): string {
  const m = /^(.*\D)(\d{2})$/.exec(rcb.ref);
  if (!m) return rcb.ref;
  const base = m[1] as string;
  return all.filter((r) => r.ref.startsWith(base) && /^\d{2}$/.test(r.ref.slice(base.length))).length > 1 ? base : rcb.ref;
}

function coversOf(model: DiscoveredModel, ref: string, fc: string): DraftCover[] {
  const out = new Map<string, DraftCover>();
  for (const ds of model.dataSets) {
    const holds = ds.members.some((m) => m.fc === fc && (ref === m.ref || ref.startsWith(`${m.ref}.`)));
    if (!holds) continue;
    for (const rc of model.reportControls) {
      if (rc.dataSet !== ds.ref) continue;
      const trg = rc.state?.trgOps ?? [];
      if (!trg.includes('dchg') && !trg.includes('qchg')) continue;
      const rcb = rcbPlanName(rc, model.reportControls);
      out.set(rcb, { rcb, buffered: rc.buffered, dataSet: ds.ref, intgPd: rc.state?.intgPd ?? 0, ...(rc.state ? { confRev: rc.state.confRev } : {}) });
    }
  }
  return [...out.values()];
}

/** The points of a discovered model for the tiers asked, each with the RCBs that report it. */
export function discoveredDraftPoints(model: DiscoveredModel, tiers: ReadonlySet<Tier>): DraftPoint[] {
  const out: DraftPoint[] = [];
  for (const leaf of model.leaves) {
    if ((leaf.fc !== 'ST' && leaf.fc !== 'MX') || leaf.type === 'unknown' || leaf.type === 'struct' || leaf.type === 'array') continue;
    const slash = leaf.ref.indexOf('/');
    const [ln = '', ...path] = leaf.ref.slice(slash + 1).split('.');
    if (isQualityOrTime(path, leaf.type)) continue;
    if (path.some((p) => p.includes('('))) continue;
    const lnClass = lnClassOf(ln);
    const covers = coversOf(model, leaf.ref, leaf.fc);
    const wanted =
      tiers.has('all') ||
      (tiers.has('essential') && essential(lnClass, path)) ||
      (tiers.has('extended') && extended(lnClass, path)) ||
      (tiers.has('station') && covers.length > 0);
    if (!wanted) continue;
    const names = leaf.type === 'enum' ? standardEnumNames(path[0] ?? '') : undefined;
    out.push({
      ref: leaf.ref,
      fc: leaf.fc,
      type: leaf.type as TypeName,
      covers,
      ...(names ? { enumNames: Object.fromEntries([...names].map(([k, v]) => [String(k), v])) } : {}),
    });
  }
  return out;
}

/** LD names are the IED name plus the LD instance: the IED name is what several LDs share at the start. */
export function iedNameOf(lds: readonly string[]): string | undefined {
  if (lds.length < 2) return lds[0];
  let prefix = lds[0] as string;
  for (const ld of lds) while (!ld.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length > 0 ? prefix : undefined;
}

export interface LiveInitOptions {
  readonly host: string;
  readonly port: number;
  readonly password?: string;
  readonly timeoutMs: number;
  readonly tiers: ReadonlySet<Tier>;
}

/** Associates, discovers the whole model, and drafts the IED. */
export async function liveDraft(options: LiveInitOptions): Promise<{ draft: DraftIed; warnings: string[] }> {
  const session = await openIed(
    {
      host: options.host,
      port: options.port,
      connectTimeoutMs: options.timeoutMs,
      requestTimeoutMs: options.timeoutMs,
      ...(options.password !== undefined ? { password: options.password } : {}),
    },
    isoStackFor,
  );
  try {
    const identity = await session.client.identify().catch(() => undefined);
    const model = await discoverModel(session.client);
    const name = iedNameOf(model.logicalDevices) ?? identity?.modelName ?? 'IED';
    const id = name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || 'IED';
    return {
      draft: {
        id,
        name,
        host: options.host,
        port: options.port,
        origin: { discovered: `${options.host}:${options.port}${identity ? ` (${identity.vendorName} ${identity.modelName} ${identity.revision})` : ''}` },
        points: discoveredDraftPoints(model, options.tiers),
      },
      warnings: model.warnings,
    };
  } finally {
    await session.close();
  }
}
