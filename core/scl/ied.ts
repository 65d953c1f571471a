import { composeLnName } from '../iec61850';
import type { CommunicationIndex } from './communication';
import { readGseControl, readReportControl, readSampledValueControl, readSettingControl, type ControlContext } from './controls';
import { readDataSet, type ServerIndex } from './datasets';
import { SclError } from './errors';
import { readInstanceValues } from './instance-values';
import type { SclLimits } from './limits';
import type { SclAccessPoint, SclIed, SclLogicalDevice, SclLogicalNode } from './model';
import type { TemplateResolver } from './templates';
import type { Warnings } from './warnings';
import { childrenNamed, firstChild, type XmlElement } from './xml';

export interface IedContext {
  readonly resolver: TemplateResolver;
  readonly communication: CommunicationIndex;
  readonly warnings: Warnings;
  readonly limits: SclLimits;
  /** SCL 2007 or later. */
  readonly edition2: boolean;
  /** Told of each LN built, with the element it was built from. */
  readonly onLogicalNode?: (el: XmlElement, ln: SclLogicalNode) => void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The LN0/LN elements of an LDevice, in batches. The importer parses big IEDs LN by LN (so no large
 * tree is ever alive); for a small or unusual IED the LNs are simply the LDevice's children.
 */
export type LnBatches = (ldevice: XmlElement) => Iterable<readonly XmlElement[]>;

export const childLnBatches: LnBatches = (ld) => [ld.children];

/** Children of an LN that the second pass (data sets and control blocks) needs; the rest is dropped early. */
const CONTROL_ELEMENTS = new Set(['DataSet', 'ReportControl', 'GSEControl', 'SampledValueControl', 'SettingControl']);

interface BuiltLd {
  readonly ld: SclLogicalDevice;
  /** Per LN, its DataSet and control block elements. */
  readonly controls: readonly (readonly XmlElement[])[];
}

/** Builds one IED: services, access points, LDs, LNs with resolved types, data sets and control blocks. */
export function buildIed(el: XmlElement, ctx: IedContext, lnBatches: LnBatches = childLnBatches): SclIed {
  const name = el.attrs.name ?? '';
  if (name === '') ctx.warnings.add('bad-attribute', 'an IED without a name is read as ""');
  ctx.resolver.ied = name;
  const accessPoints = childrenNamed(el, 'AccessPoint').map((ap) => buildAccessPoint(ap, name, ctx, lnBatches));
  const leaves = accessPoints.reduce((sum, ap) => sum + ap.logicalDevices.reduce((s, ld) => s + ld.logicalNodes.reduce((n, ln) => n + (ln.type?.leafCount ?? 0), 0), 0), 0);
  if (leaves > ctx.limits.maxLeavesPerIed) {
    throw new SclError('limit', `IED ${name} resolves to ${leaves} leaves, more than ${ctx.limits.maxLeavesPerIed} (maxLeavesPerIed)`);
  }
  return {
    name,
    desc: el.attrs.desc,
    type: el.attrs.type,
    manufacturer: el.attrs.manufacturer,
    configVersion: el.attrs.configVersion,
    services: readServices(firstChild(el, 'Services')),
    accessPoints,
  };
}

/** Services: each capability element's attributes; nested elements as `Parent/Child`. */
function readServices(el: XmlElement | undefined): Record<string, Readonly<Record<string, string>>> {
  const out: Record<string, Readonly<Record<string, string>>> = {};
  for (const c of el?.children ?? []) {
    out[c.name] = attrsOf(c);
    for (const g of c.children) out[`${c.name}/${g.name}`] = attrsOf(g);
  }
  return out;
}

function attrsOf(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(el.attrs)) if (v !== undefined) out[k] = v;
  return out;
}

function buildAccessPoint(ap: XmlElement, ied: string, ctx: IedContext, lnBatches: LnBatches): SclAccessPoint {
  const name = ap.attrs.name ?? '';
  const server = firstChild(ap, 'Server');
  const builtLds = (server ? childrenNamed(server, 'LDevice') : []).map((ld) => buildLogicalDevice(ld, ied, ctx, lnBatches));
  const built = builtLds.map((b) => b.ld);
  checkUnique(built.map((ld) => ld.name), `LD in ${ied}/${name}`, ied, ctx.warnings);
  // Data sets and control blocks refer to LDs by inst anywhere in the server: resolve once all exist.
  const byInst = new Map<string, ReturnType<ServerIndex['ld']>>();
  for (const ld of built) {
    const lns = new Map(ld.logicalNodes.map((ln) => [ln.name, ln] as const));
    if (!byInst.has(ld.inst)) byInst.set(ld.inst, { name: ld.name, ln: (n) => lns.get(n) });
  }
  const names = new Set(built.map((ld) => ld.name));
  const index: ServerIndex = { ld: (inst) => byInst.get(inst), ldNamed: (n) => names.has(n) };
  for (const b of builtLds) fillControls(b, ied, index, ctx);
  return { name, desc: ap.attrs.desc, hasServer: server !== undefined, connection: ctx.communication.connection(ied, name), logicalDevices: built };
}

function buildLogicalDevice(el: XmlElement, ied: string, ctx: IedContext, lnBatches: LnBatches): BuiltLd {
  const inst = el.attrs.inst ?? '';
  const ldName = el.attrs.ldName;
  const name = ldName ?? `${ied}${inst}`;
  const logicalNodes: SclLogicalNode[] = [];
  const controls: XmlElement[][] = [];
  for (const batch of lnBatches(el)) {
    for (const ln of batch) {
      if (ln.name !== 'LN0' && ln.name !== 'LN') continue;
      const built = buildLogicalNode(ln, ied, name, ctx);
      ctx.onLogicalNode?.(ln, built);
      logicalNodes.push(built);
      controls.push(ln.children.filter((c) => CONTROL_ELEMENTS.has(c.name)));
    }
  }
  checkUnique(logicalNodes.map((ln) => ln.name), `LN in ${name}`, ied, ctx.warnings);
  return { ld: { inst, ldName, name, desc: el.attrs.desc, logicalNodes }, controls };
}

function buildLogicalNode(el: XmlElement, ied: string, ld: string, ctx: IedContext): Mutable<SclLogicalNode> {
  const isLn0 = el.name === 'LN0';
  const prefix = isLn0 ? '' : (el.attrs.prefix ?? '');
  const lnClass = el.attrs.lnClass ?? (isLn0 ? 'LLN0' : '');
  const inst = isLn0 ? '' : (el.attrs.inst ?? '');
  const name = composeLnName(prefix, lnClass, inst);
  const lnType = el.attrs.lnType ?? '';
  return {
    name,
    prefix,
    lnClass,
    inst,
    lnType,
    desc: el.attrs.desc,
    isLn0,
    type: ctx.resolver.lnType(lnType, `${ied} ${ld}/${name}`),
    values: readInstanceValues(el.children),
    dataSets: [],
    reportControls: [],
    gseControls: [],
    sampledValueControls: [],
  };
}

/** Second pass over one LDevice: data sets (resolved against the whole server) and control blocks. */
function fillControls({ ld, controls }: BuiltLd, ied: string, index: ServerIndex, ctx: IedContext): void {
  controls.forEach((lnEl, i) => {
    const ln = ld.logicalNodes[i] as Mutable<SclLogicalNode> | undefined;
    if (!ln) return;
    const at = { ied, ld: ld.name, ln: ln.name };
    const named = (n: string) => lnEl.filter((c) => c.name === n);
    ln.dataSets = named('DataSet').map((ds) => readDataSet(ds, at, index, ctx.warnings));
    checkUnique(ln.dataSets.map((ds) => ds.name), `data set in ${ld.name}/${ln.name}`, ied, ctx.warnings);
    const cc: ControlContext = { ied, ldInst: ld.inst, ld: ld.name, ln: ln.name, dataSets: new Set(ln.dataSets.map((d) => d.name)), edition2: ctx.edition2 };
    ln.reportControls = named('ReportControl').map((rc) => readReportControl(rc, cc, ctx.warnings));
    ln.gseControls = named('GSEControl').map((g) => readGseControl(g, cc, ctx.communication.gse(ied, ld.inst, g.attrs.name ?? ''), ctx.warnings));
    ln.sampledValueControls = named('SampledValueControl').map((s) =>
      readSampledValueControl(s, cc, ctx.communication.smv(ied, ld.inst, s.attrs.name ?? ''), ctx.warnings),
    );
    const sgc = ln.isLn0 ? named('SettingControl')[0] : undefined;
    if (sgc) ln.settingControl = readSettingControl(sgc, `${ld.name}/${ln.name}`, ctx.warnings);
  });
}

function checkUnique(names: readonly string[], what: string, ied: string, warnings: Warnings): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) warnings.add('duplicate-name', `two ${what} are named '${n}'; references to it are ambiguous`, { ied, ids: [n] });
    seen.add(n);
  }
}
