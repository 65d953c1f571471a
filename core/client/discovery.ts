import {
  CONTROL_BLOCK_FCS,
  FCS,
  formatObjectReference,
  isFc,
  parseRcbState,
  referenceOfVariable,
  type Fc,
  type RcbState,
  valueTypeFromMmsType,
  type TypeName,
} from '../iec61850';
import {
  domainName,
  formatAlternateAccess,
  formatObjectName,
  type AccessResult,
  type MmsTypeSpec,
  type VariableName,
} from '../mms';
import { errorMessage } from '../shared';
import { isClientError } from './errors';
import type { IedClient } from './ied-client';

export interface DiscoveredLeaf {
  /** 7-2 object reference without the FC, e.g. `LD0/XCBR1.Pos.stVal`. */
  ref: string;
  fc: Fc;
  type: TypeName | 'unknown';
}

export interface DiscoveredLn {
  ld: string;
  ln: string;
  /** The LN's type by FC, as GetVariableAccessAttributes described it. */
  fcs: { fc: Fc; type: MmsTypeSpec }[];
}

export interface DiscoveredDataSet {
  ref: string;
  members: { ref: string; fc: Fc | undefined }[];
}

export interface DiscoveredRcb {
  ref: string;
  buffered: boolean;
  rptId: string | undefined;
  dataSet: string | undefined;
  state?: RcbState;
}

export interface DiscoveredModel {
  logicalDevices: string[];
  logicalNodes: DiscoveredLn[];
  leaves: DiscoveredLeaf[];
  dataSets: DiscoveredDataSet[];
  reportControls: DiscoveredRcb[];
  /** What could not be browsed, one line each; the rest of the model is still returned. */
  warnings: string[];
}

export interface DiscoveryProgress {
  phase: 'logical-devices' | 'names' | 'types' | 'data-sets' | 'report-controls';
  detail: string;
}

/**
 * Browses an IED: LDs (GetNameList domain), LNs (GetNameList named variables), each LN's type by
 * GetVariableAccessAttributes — or per FC when the whole LN does not fit a PDU — then data sets
 * (GetNamedVariableListAttributes) and RCBs (read as whole structures). Requests of one phase are
 * issued together, so the association's pipelining does the waiting.
 */
export async function discoverModel(
  client: IedClient,
  onProgress?: (p: DiscoveryProgress) => void,
): Promise<DiscoveredModel> {
  const warnings: string[] = [];
  onProgress?.({ phase: 'logical-devices', detail: '' });
  const logicalDevices = await client.logicalDevices();
  const lnNames = await Promise.all(logicalDevices.map((ld) => lnsOf(client, ld, onProgress)));
  const logicalNodes = (
    await Promise.all(
      logicalDevices.flatMap((ld, i) =>
        (lnNames[i]?.lns ?? []).map((ln) =>
          typeOfLn(client, ld, ln, lnNames[i]?.fcsByLn.get(ln), warnings, onProgress),
        ),
      ),
    )
  ).filter((x): x is DiscoveredLn => x !== undefined);
  const leaves = logicalNodes.flatMap(leavesOfLn);
  const dataSets = (
    await Promise.all(logicalDevices.map((ld) => dataSetsOf(client, ld, warnings, onProgress)))
  ).flat();
  onProgress?.({ phase: 'report-controls', detail: '' });
  const reportControls = await rcbsOf(client, logicalNodes, warnings);
  return { logicalDevices, logicalNodes, leaves, dataSets, reportControls, warnings };
}

async function lnsOf(
  client: IedClient,
  ld: string,
  onProgress?: (p: DiscoveryProgress) => void,
): Promise<{ lns: string[]; fcsByLn: Map<string, Fc[]> }> {
  onProgress?.({ phase: 'names', detail: ld });
  const names = await client.nameList('namedVariable', ld);
  const lns: string[] = [];
  const fcsByLn = new Map<string, Fc[]>();
  for (const name of names) {
    const [ln = '', fc = '', ...rest] = name.split('$');
    if (name === ln) lns.push(ln);
    else if (rest.length === 0 && isFc(fc)) fcsByLn.set(ln, [...(fcsByLn.get(ln) ?? []), fc]);
  }
  return { lns, fcsByLn };
}

async function typeOfLn(
  client: IedClient,
  ld: string,
  ln: string,
  knownFcs: Fc[] | undefined,
  warnings: string[],
  onProgress?: (p: DiscoveryProgress) => void,
): Promise<DiscoveredLn | undefined> {
  onProgress?.({ phase: 'types', detail: `${ld}/${ln}` });
  try {
    const spec = await client.typeOf(domainName(ld, ln));
    if (spec.type !== 'structure') {
      warnings.push(`${ld}/${ln}: the type is ${spec.type}, not a structure of FCs`);
      return undefined;
    }
    return {
      ld,
      ln,
      fcs: spec.components.filter((c) => isFc(c.name)).map((c) => ({ fc: c.name as Fc, type: c.spec })),
    };
  } catch (err) {
    // A whole LN can be too big for one PDU: ask FC by FC, with the FCs the name list showed.
    if (!isClientError(err) || err.code === 'connection-lost' || err.code === 'timeout') throw err;
    const fcs = knownFcs ?? [...FCS];
    const parts = await Promise.all(
      fcs.map(async (fc) => {
        try {
          return { fc, type: await client.typeOf(domainName(ld, `${ln}$${fc}`)) };
        } catch (e) {
          if (knownFcs) warnings.push(`${ld}/${ln}$${fc}: ${errorMessage(e)}`);
          return undefined;
        }
      }),
    );
    const found = parts.filter((p): p is { fc: Fc; type: MmsTypeSpec } => p !== undefined);
    if (found.length === 0) warnings.push(`${ld}/${ln}: no type description (${errorMessage(err)})`);
    return found.length === 0 ? undefined : { ld, ln, fcs: found };
  }
}

/** Every basic-typed leaf below the data FCs of an LN (control blocks are listed as RCBs instead). */
export function leavesOfLn(ln: DiscoveredLn): DiscoveredLeaf[] {
  const out: DiscoveredLeaf[] = [];
  for (const { fc, type } of ln.fcs) {
    if ((CONTROL_BLOCK_FCS as readonly string[]).includes(fc)) continue;
    const stack: { path: string[]; spec: MmsTypeSpec }[] = [];
    if (type.type === 'structure')
      for (const c of [...type.components].reverse()) stack.push({ path: [c.name], spec: c.spec });
    while (stack.length > 0) {
      const { path, spec } = stack.pop() as { path: string[]; spec: MmsTypeSpec };
      if (spec.type === 'structure') {
        for (const c of [...spec.components].reverse()) stack.push({ path: [...path, c.name], spec: c.spec });
        continue;
      }
      out.push({ ref: `${ln.ld}/${[ln.ln, ...path].join('.')}`, fc, type: leafType(spec, path) });
    }
  }
  return out;
}

/** The CONVENTIONS type name of a leaf; the attribute name decides where MMS types are ambiguous. */
export function leafType(spec: MmsTypeSpec, path: readonly string[]): TypeName | 'unknown' {
  const name = path[path.length - 1] ?? '';
  const doName = path[0] ?? '';
  if (spec.type === 'bit-string') {
    if (name === 'q') return 'quality';
    if (Math.abs(spec.size) === 2 && (name === 'stVal' || name === 'ctlVal')) return 'dbpos';
    return 'bitstring';
  }
  if (spec.type === 'integer' && name === 'stVal' && ['Mod', 'Beh', 'Health'].includes(doName)) return 'enum';
  if (spec.type === 'array') return 'array';
  const type = valueTypeFromMmsType(spec);
  return type?.kind === 'basic' ? type.type : 'unknown';
}

async function dataSetsOf(
  client: IedClient,
  ld: string,
  warnings: string[],
  onProgress?: (p: DiscoveryProgress) => void,
): Promise<DiscoveredDataSet[]> {
  onProgress?.({ phase: 'data-sets', detail: ld });
  let names: string[];
  try {
    names = await client.nameList('namedVariableList', ld);
  } catch (err) {
    warnings.push(`${ld}: data sets not listed (${errorMessage(err)})`);
    return [];
  }
  const sets = await Promise.all(
    names.map(async (item) => {
      try {
        const members = await client.dataSetMembers(domainName(ld, item));
        return { ref: `${ld}/${item.replace('$', '.')}`, members: members.map(memberRef) };
      } catch (err) {
        warnings.push(`${ld}/${item}: members not read (${errorMessage(err)})`);
        return undefined;
      }
    }),
  );
  return sets.filter((s): s is DiscoveredDataSet => s !== undefined);
}

/** A member as `LD/LN.DO.DA` and its FC; an array element in 7-2 notation, `LD/MHAI1.HA.phsAHar(9).cVal`. */
function memberRef(name: VariableName): { ref: string; fc: Fc | undefined } {
  try {
    const ref = referenceOfVariable(name);
    return { ref: formatObjectReference(ref, false), fc: ref.fc };
  } catch {
    // Not an IEC 61850 reference: shown as the MMS name (and alternate access) it came as.
    const access = name.alternateAccess ? formatAlternateAccess(name.alternateAccess) : '';
    return { ref: `${formatObjectName(name)}${access}`, fc: undefined };
  }
}

async function rcbsOf(
  client: IedClient,
  lns: readonly DiscoveredLn[],
  warnings: string[],
): Promise<DiscoveredRcb[]> {
  const found: { ref: string; buffered: boolean; item: string; ld: string; names: string[] }[] = [];
  for (const ln of lns) {
    for (const { fc, type } of ln.fcs) {
      if ((fc !== 'RP' && fc !== 'BR') || type.type !== 'structure') continue;
      for (const c of type.components) {
        const names = c.spec.type === 'structure' ? c.spec.components.map((m) => m.name) : [];
        found.push({
          ref: `${ln.ld}/${ln.ln}.${c.name}`,
          buffered: fc === 'BR',
          ld: ln.ld,
          item: `${ln.ln}$${fc}$${c.name}`,
          names,
        });
      }
    }
  }
  if (found.length === 0) return [];
  let values: AccessResult[] = [];
  try {
    values = await client.readVariables(found.map((f) => domainName(f.ld, f.item)));
  } catch (err) {
    warnings.push(`RCB attributes not read (${errorMessage(err)})`);
  }
  return found.map((f, i) => {
    const item = values[i];
    if (!item?.ok) return { ref: f.ref, buffered: f.buffered, rptId: undefined, dataSet: undefined };
    try {
      const state = parseRcbState(item.value, f.buffered, f.names);
      // The 7-2 form, as dataSets[].ref names data sets; undefined when the RCB has none.
      return { ref: f.ref, buffered: f.buffered, rptId: state.rptId, dataSet: state.dataSet?.ref, state };
    } catch (err) {
      warnings.push(`${f.ref}: ${errorMessage(err)}`);
      return { ref: f.ref, buffered: f.buffered, rptId: undefined, dataSet: undefined };
    }
  });
}
