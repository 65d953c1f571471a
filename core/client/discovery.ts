import {
  FCS,
  formatObjectReference,
  isFc,
  parseRcbState,
  referenceOfVariable,
  type Fc,
  type RcbState,
  type TypeName,
} from '../iec61850';
import {
  domainName,
  formatAlternateAccess,
  formatObjectName,
  type AccessResult,
  type MmsTypeSpec,
  type ObjectClassName,
  type VariableName,
} from '../mms';
import { errorMessage } from '../shared';
import { DiscoveryBudget, type DiscoveryCounters } from './discovery-budget';
import { isClientError } from './errors';
import type { IedClient } from './ied-client';
import type { DiscoveryLimits } from './limits';
import { leavesOf } from './leaves';
import { TimeSlice } from './sliced-queue';

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
  /** What the discovery used against its limits. */
  counters?: DiscoveryCounters;
}

export interface DiscoveryProgress {
  phase: 'logical-devices' | 'names' | 'types' | 'data-sets' | 'report-controls';
  detail: string;
  /** LDs whose LN names have been listed, of every LD (known once the LD list is in). */
  lds?: { done: number; total: number };
  /** LNs whose type has been described (or refused), of every LN listed so far. */
  lns?: { done: number; total: number };
}

export interface DiscoveryOptions {
  onProgress?: (p: DiscoveryProgress) => void;
  /** Budgets of this discovery (requests, LNs, type components, data set members, warnings kept). */
  limits?: Partial<DiscoveryLimits>;
  /** Cancels the discovery: every request queued or in flight is cancelled. */
  signal?: AbortSignal;
}

/** Everything a discovery step needs: the client, its budget, the signal to pass on, progress. */
interface Run {
  client: IedClient;
  budget: DiscoveryBudget;
  call: { signal: AbortSignal };
  progress: (p: DiscoveryProgress) => void;
}

/**
 * Browses an IED: LDs (GetNameList domain), LNs (GetNameList named variables), each LN's type by
 * GetVariableAccessAttributes — or per FC when the whole LN does not fit a PDU — then data sets
 * (GetNamedVariableListAttributes) and RCBs (read as whole structures). Requests of one phase are
 * issued together, so the association's pipelining does the waiting. Everything the IED can make it
 * hold or send is counted against DiscoveryLimits; the first limit passed ends the discovery with a
 * LimitError naming it, and long loops over the model yield so timers and signals keep their turn.
 */
export async function discoverModel(
  client: IedClient,
  options: DiscoveryOptions | ((p: DiscoveryProgress) => void) = {},
): Promise<DiscoveredModel> {
  const { onProgress, limits, signal } = typeof options === 'function' ? { onProgress: options } : options;
  const budget = new DiscoveryBudget(client, limits, signal);
  const run: Run = { client, budget, call: { signal: budget.signal }, progress: onProgress ?? (() => {}) };
  try {
    return await discover(run);
  } catch (err) {
    // Passing a limit cancels what was queued; those cancellations must not hide the limit.
    throw budget.failure ?? err;
  }
}

async function discover(run: Run): Promise<DiscoveredModel> {
  const { budget } = run;
  run.progress({ phase: 'logical-devices', detail: '' });
  const logicalDevices = await listNames(run, 'domain', undefined);
  // Counts for a progress bar: requests of a phase are issued together, so "started" says nothing.
  const lds = { done: 0, total: logicalDevices.length };
  const lns = { done: 0, total: 0 };
  const counted = (phase: DiscoveryProgress['phase'], detail: string): void =>
    run.progress({ phase, detail, lds: { ...lds }, lns: { ...lns } });
  const lnNames = await Promise.all(
    logicalDevices.map(async (ld) => {
      const found = await lnsOf(run, ld);
      lds.done++;
      lns.total += found.lns.size;
      counted('names', ld);
      return found;
    }),
  );
  const logicalNodes = (
    await Promise.all(
      logicalDevices.flatMap((ld, i) => {
        const found = lnNames[i];
        return [...(found?.lns ?? [])].map(async (ln) => {
          const typed = await typeOfLn(run, ld, ln, found?.fcsByLn.get(ln));
          lns.done++;
          counted('types', `${ld}/${ln}`);
          return typed;
        });
      }),
    )
  ).filter((x): x is DiscoveredLn => x !== undefined);
  const leaves = await leavesOf(logicalNodes, budget.signal);
  const dataSets = (await Promise.all(logicalDevices.map((ld) => dataSetsOf(run, ld)))).flat();
  run.progress({ phase: 'report-controls', detail: '' });
  const reportControls = await rcbsOf(run, logicalNodes);
  return {
    logicalDevices,
    logicalNodes,
    leaves,
    dataSets,
    reportControls,
    warnings: budget.finalWarnings(),
    counters: budget.counters,
  };
}

/** A whole name list, each page counted as a request of this discovery. */
async function listNames(
  run: Run,
  objectClass: ObjectClassName,
  domain: string | undefined,
): Promise<string[]> {
  const names: string[] = [];
  run.budget.request();
  const keep = (page: readonly string[]): void => {
    run.budget.request();
    for (const name of page) names.push(name);
  };
  await run.client.nameListPages(objectClass, domain, keep, run.call);
  return names;
}

/** The LNs of an LD, and the FCs the name list shows for each, kept page by page (not every name). */
async function lnsOf(run: Run, ld: string): Promise<{ lns: Set<string>; fcsByLn: Map<string, Fc[]> }> {
  run.progress({ phase: 'names', detail: ld });
  const lns = new Set<string>();
  const fcsByLn = new Map<string, Fc[]>();
  run.budget.request();
  await run.client.nameListPages(
    'namedVariable',
    ld,
    (page) => {
      run.budget.request();
      const before = lns.size;
      for (const name of page) {
        const [ln = '', fc = '', ...rest] = name.split('$');
        if (name === ln) lns.add(ln);
        else if (rest.length === 0 && isFc(fc)) {
          const fcs = fcsByLn.get(ln);
          if (!fcs) fcsByLn.set(ln, [fc]);
          else if (!fcs.includes(fc)) fcs.push(fc);
        }
      }
      run.budget.logicalNodes(lns.size - before);
    },
    run.call,
  );
  return { lns, fcsByLn };
}

/** Errors after which nothing else of this discovery is worth asking. */
function isFatal(err: unknown): boolean {
  if (!isClientError(err)) return true;
  return ['connection-lost', 'not-connected', 'timeout', 'cancelled', 'limit-exceeded'].includes(err.code);
}

/** The LN itself is not there: asking for its FCs one by one cannot find more. */
function isMissing(err: unknown): boolean {
  return isClientError(err, 'object-non-existent') || isClientError(err, 'object-undefined');
}

async function typeOfLn(
  run: Run,
  ld: string,
  ln: string,
  knownFcs: Fc[] | undefined,
): Promise<DiscoveredLn | undefined> {
  const { client, budget, call } = run;
  run.progress({ phase: 'types', detail: `${ld}/${ln}` });
  try {
    budget.request();
    const spec = await client.typeOf(domainName(ld, ln), call);
    budget.typeDescription(spec);
    if (spec.type !== 'structure') {
      budget.warn(`${ld}/${ln}: the type is ${spec.type}, not a structure of FCs`);
      return undefined;
    }
    return {
      ld,
      ln,
      fcs: spec.components.filter((c) => isFc(c.name)).map((c) => ({ fc: c.name as Fc, type: c.spec })),
    };
  } catch (err) {
    if (isFatal(err)) throw err;
    // One refusal of a missing LN ends it. A whole LN can be too big for one PDU: then ask FC by FC,
    // with the FCs the name list showed (all FCs only when it showed none and the LN was too big).
    if (isMissing(err) || (!knownFcs && !isClientError(err, 'too-large'))) {
      budget.warn(`${ld}/${ln}: no type description (${errorMessage(err)})`);
      return undefined;
    }
    return typeOfLnByFc(run, ld, ln, knownFcs, err);
  }
}

async function typeOfLnByFc(
  { client, budget, call }: Run,
  ld: string,
  ln: string,
  knownFcs: Fc[] | undefined,
  refusal: unknown,
): Promise<DiscoveredLn | undefined> {
  const parts = await Promise.all(
    (knownFcs ?? FCS).map(async (fc) => {
      try {
        budget.request();
        const type = await client.typeOf(domainName(ld, `${ln}$${fc}`), call);
        budget.typeDescription(type);
        return { fc, type };
      } catch (e) {
        if (isFatal(e)) throw e;
        if (knownFcs) budget.warn(`${ld}/${ln}$${fc}: ${errorMessage(e)}`);
        return undefined;
      }
    }),
  );
  const found = parts.filter((p): p is { fc: Fc; type: MmsTypeSpec } => p !== undefined);
  if (found.length === 0) budget.warn(`${ld}/${ln}: no type description (${errorMessage(refusal)})`);
  return found.length === 0 ? undefined : { ld, ln, fcs: found };
}

async function dataSetsOf(run: Run, ld: string): Promise<DiscoveredDataSet[]> {
  const { client, budget, call } = run;
  run.progress({ phase: 'data-sets', detail: ld });
  let names: string[];
  try {
    names = await listNames(run, 'namedVariableList', ld);
  } catch (err) {
    if (isFatal(err)) throw err;
    budget.warn(`${ld}: data sets not listed (${errorMessage(err)})`);
    return [];
  }
  const sets = await Promise.all(
    names.map(async (item) => {
      try {
        budget.request();
        const members = await client.dataSetMembers(domainName(ld, item), call);
        budget.dataSetMembers(members.length);
        return { ref: `${ld}/${item.replace('$', '.')}`, members: members.map(memberRef) };
      } catch (err) {
        if (isFatal(err)) throw err;
        budget.warn(`${ld}/${item}: members not read (${errorMessage(err)})`);
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

interface FoundRcb {
  ref: string;
  buffered: boolean;
  item: string;
  ld: string;
  names: string[];
}

/** The RCBs the LNs' RP and BR components declare, with their attribute names. */
function rcbsDeclared(lns: readonly DiscoveredLn[]): FoundRcb[] {
  const found: FoundRcb[] = [];
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
  return found;
}

async function rcbsOf({ client, budget, call }: Run, lns: readonly DiscoveredLn[]): Promise<DiscoveredRcb[]> {
  const found = rcbsDeclared(lns);
  if (found.length === 0) return [];
  let values: AccessResult[] = [];
  try {
    budget.request();
    values = await client.readVariables(
      found.map((f) => domainName(f.ld, f.item)),
      call,
    );
  } catch (err) {
    if (isFatal(err)) throw err;
    budget.warn(`RCB attributes not read (${errorMessage(err)})`);
  }
  const out: DiscoveredRcb[] = [];
  const slice = new TimeSlice();
  for (const [i, f] of found.entries()) {
    out.push(rcbOf(f, values[i], budget));
    if (slice.due) await slice.next();
  }
  return out;
}

function rcbOf(f: FoundRcb, item: AccessResult | undefined, budget: DiscoveryBudget): DiscoveredRcb {
  if (!item?.ok) return { ref: f.ref, buffered: f.buffered, rptId: undefined, dataSet: undefined };
  try {
    const state = parseRcbState(item.value, f.buffered, f.names);
    // The 7-2 form, as dataSets[].ref names data sets; undefined when the RCB has none.
    return { ref: f.ref, buffered: f.buffered, rptId: state.rptId, dataSet: state.dataSet?.ref, state };
  } catch (err) {
    budget.warn(`${f.ref}: ${errorMessage(err)}`);
    return { ref: f.ref, buffered: f.buffered, rptId: undefined, dataSet: undefined };
  }
}
