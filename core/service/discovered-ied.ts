import type { DiscoveredDataSet, DiscoveredModel, DiscoveredRcb } from '../client';
import { parseObjectReference } from '../iec61850';
import { findNode, type SclDataSet, type SclDataSetMember, type SclIed, type SclLogicalDevice, type SclLogicalNode, type SclReportControl } from '../scl';
import { DiscoveredTypes } from './discovered-types';

/** What Identify said about the IED, when it answered. */
export interface DiscoveredIdentity {
  readonly vendor: string;
  readonly model: string;
  readonly revision: string;
}

/** The LN class of an LN name: prefix + class (4 capitals) + instance (`Q0XCBR1` → Q0, XCBR, 1). */
export function lnNameParts(ln: string): { prefix: string; lnClass: string; inst: string } {
  if (ln === 'LLN0') return { prefix: '', lnClass: 'LLN0', inst: '' };
  const m = /^(.*?)([A-Z]{4})(\d*)$/.exec(ln);
  return m ? { prefix: m[1] ?? '', lnClass: m[2] ?? ln, inst: m[3] ?? '' } : { prefix: '', lnClass: ln, inst: '' };
}

/** LD names are the IED name plus the LD instance: the IED name is what all LDs share at the start. */
export function iedNameOf(lds: readonly string[]): string | undefined {
  if (lds.length < 2) return lds[0];
  let prefix = lds[0] as string;
  for (const ld of lds) while (!ld.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length > 0 ? prefix : undefined;
}

/**
 * A discovered model as an SCL IED with one server access point at the address it was found at:
 * templates regrouped from the MMS types (discovered-types.ts), data sets as the IED listed them, and
 * RCBs with their configuration as read (indexed instances `urcbA01…` grouped under their base name).
 * The planner (tiers, reasons, coverage) and the SCL DTOs then work on it unchanged.
 */
export function discoveredIed(model: DiscoveredModel, where: { host: string; port: number }, identity?: DiscoveredIdentity): SclIed {
  const name = iedNameOf(model.logicalDevices) ?? identity?.model ?? 'IED';
  const types = new DiscoveredTypes();
  const lnsByLd = new Map<string, SclLogicalNode[]>(model.logicalDevices.map((ld) => [ld, []]));
  const lnIndex = new Map<string, SclLogicalNode>();
  for (const ln of model.logicalNodes) {
    const parts = lnNameParts(ln.ln);
    const type = types.lnType(ln, parts.lnClass);
    const node: SclLogicalNode = {
      name: ln.ln,
      ...parts,
      lnType: type.id,
      desc: undefined,
      isLn0: ln.ln === 'LLN0',
      type,
      values: new Map(),
      dataSets: [],
      reportControls: [],
      gseControls: [],
      sampledValueControls: [],
    };
    lnsByLd.get(ln.ld)?.push(node);
    lnIndex.set(`${ln.ld}/${ln.ln}`, node);
  }
  attachDataSets(model.dataSets, lnIndex);
  attachReportControls(model.reportControls, lnIndex);
  const logicalDevices: SclLogicalDevice[] = model.logicalDevices.map((ld) => ({
    inst: ld.startsWith(name) && ld.length > name.length ? ld.slice(name.length) : ld,
    ldName: ld,
    name: ld,
    desc: undefined,
    logicalNodes: lnsByLd.get(ld) ?? [],
  }));
  return {
    name,
    desc: undefined,
    type: identity?.model,
    manufacturer: identity?.vendor,
    configVersion: identity?.revision,
    services: {},
    accessPoints: [
      {
        name: 'discovered',
        desc: undefined,
        hasServer: true,
        connection: {
          subNetwork: '',
          ip: where.host,
          ipSubnet: undefined,
          ipGateway: undefined,
          port: where.port,
          tsel: undefined,
          ssel: undefined,
          psel: undefined,
          apTitle: undefined,
          aeQualifier: undefined,
          parameters: {},
        },
        logicalDevices,
      },
    ],
  };
}

/** Data sets hang on the LN that holds them; a member that names nothing the IED described says so. */
function attachDataSets(sets: readonly DiscoveredDataSet[], lns: Map<string, SclLogicalNode>): void {
  for (const ds of sets) {
    const dot = ds.ref.lastIndexOf('.');
    const holder = ds.ref.slice(0, dot);
    const ln = lns.get(holder);
    if (!ln) continue;
    const [ld = ''] = holder.split('/');
    const dataSet: SclDataSet = { name: ds.ref.slice(dot + 1), ref: ds.ref, ld, ln: ln.name, desc: undefined, members: ds.members.map((m) => memberOf(m, lns)) };
    (ln.dataSets as SclDataSet[]).push(dataSet);
  }
}

function memberOf(m: DiscoveredDataSet['members'][number], lns: Map<string, SclLogicalNode>): SclDataSetMember {
  const unresolved = (problem: string): SclDataSetMember => ({
    ldInst: '', prefix: '', lnClass: '', lnInst: '', doName: undefined, daName: undefined, fc: m.fc, ix: undefined,
    ref: `${m.ref}${m.fc ? `[${m.fc}]` : ''}`, resolved: false, problem, ld: '', ln: '', path: [], arrayElement: false,
  });
  let ref;
  try {
    ref = parseObjectReference(m.ref);
  } catch {
    return unresolved('not an IEC 61850 object reference');
  }
  const path = ref.path.map((p) => p.replace(/\(\d+\)$/, ''));
  const arrayElement = ref.path.some((p) => p.endsWith(')'));
  const ln = lns.get(`${ref.ld}/${ref.ln}`);
  const parts = lnNameParts(ref.ln);
  const found = ln !== undefined && findNode(ln, path) !== undefined;
  return {
    ldInst: ref.ld,
    ...parts,
    lnInst: parts.inst,
    doName: path[0],
    daName: path.length > 1 ? path.slice(1).join('.') : undefined,
    fc: m.fc,
    ix: undefined,
    ref: `${m.ref}${m.fc ? `[${m.fc}]` : ''}`,
    resolved: found && m.fc !== undefined,
    problem: found ? (m.fc === undefined ? 'no functional constraint' : undefined) : `${ref.ld}/${ref.ln}.${path.join('.')} is not in the model the IED described`,
    ld: ref.ld,
    ln: ref.ln,
    path,
    arrayElement,
  };
}

/** `urcbA01` … `urcbA05` are instances of `urcbA`: grouped when two or more share the base name. */
function groupInstances(rcbs: readonly DiscoveredRcb[]): Map<string, DiscoveredRcb[]> {
  const groups = new Map<string, DiscoveredRcb[]>();
  const baseOf = (ref: string): string => /^(.*\D)\d{2}$/.exec(ref)?.[1] ?? ref;
  const counts = new Map<string, number>();
  for (const r of rcbs) counts.set(baseOf(r.ref), (counts.get(baseOf(r.ref)) ?? 0) + 1);
  for (const r of rcbs) {
    const base = (counts.get(baseOf(r.ref)) ?? 0) > 1 ? baseOf(r.ref) : r.ref;
    const list = groups.get(base) ?? [];
    list.push(r);
    groups.set(base, list);
  }
  return groups;
}

function attachReportControls(rcbs: readonly DiscoveredRcb[], lns: Map<string, SclLogicalNode>): void {
  for (const [ref, instances] of groupInstances(rcbs)) {
    const first = instances[0] as DiscoveredRcb;
    const dot = ref.lastIndexOf('.');
    const ln = lns.get(ref.slice(0, dot));
    if (!ln) continue;
    const [ld = ''] = ref.split('/');
    const s = first.state;
    const trg = new Set(s?.trgOps ?? []);
    const opt = new Set(s?.optFlds ?? []);
    const names = instances.map((i) => i.ref.slice(i.ref.lastIndexOf('.') + 1));
    const rc: SclReportControl = {
      name: ref.slice(dot + 1),
      ref,
      ld,
      ln: ln.name,
      desc: undefined,
      rptID: first.rptId,
      datSet: first.dataSet?.slice(first.dataSet.lastIndexOf('.') + 1),
      dataSetRef: first.dataSet,
      buffered: first.buffered,
      bufTime: s?.bufTm ?? 0,
      intgPd: s?.intgPd ?? 0,
      confRev: s?.confRev,
      indexed: instances.length > 1 || names[0] !== ref.slice(dot + 1),
      trgOps: { dchg: trg.has('dchg'), qchg: trg.has('qchg'), dupd: trg.has('dupd'), period: trg.has('period'), gi: trg.has('gi') },
      optFields: {
        seqNum: opt.has('seqNum'), timeStamp: opt.has('timeStamp'), dataSet: opt.has('dataSet'), reasonCode: opt.has('reasonCode'),
        dataRef: opt.has('dataRef'), entryID: opt.has('entryID'), configRef: opt.has('confRev'), bufOvfl: opt.has('bufOvfl'), segmentation: opt.has('segmentation'),
      },
      max: instances.length,
      clients: [],
      instances: names,
      instanceRefs: names.map((n) => `${ref.slice(0, dot)}.${n}[${first.buffered ? 'BR' : 'RP'}]`),
    };
    (ln.reportControls as SclReportControl[]).push(rc);
  }
}
