import { parseObjectReference, variableOfReference, type OptField, type TriggerOption } from '../iec61850';
import { ReportEngine, ServerDataModel, type RcbConfig, type ReportEngineOptions } from '../server';
import { serverLogicalDevices, type SclDocument, type SclIed, type SclLogicalNode, type SclReportControl } from '../scl';
import { RelayGateError, errorMessage } from '../shared';
import { LnBuilder } from './scl-ln';

/**
 * One served LN and what the simulator's behaviour needs to know of it: its name parts (controls link a
 * CSWI to its switch, dynamics find protection and breakers by class), the SCL instance values (setting
 * group values) and its SettingControl. A model cloned from a live IED has no SCL: its values are empty.
 */
export interface ServedLn {
  readonly ld: string;
  readonly ln: Pick<SclLogicalNode, 'name' | 'prefix' | 'lnClass' | 'inst' | 'values' | 'settingControl'>;
}

export interface BuiltModel {
  readonly iedName: string;
  readonly model: ServerDataModel;
  readonly reports: ReportEngine;
  readonly lns: readonly ServedLn[];
  /** What could not be served as the SCL says, one line each. */
  readonly warnings: readonly string[];
}

/** IEDs of a document that have a server access point, i.e. that can be served over MMS. */
export function servableIeds(doc: SclDocument): SclIed[] {
  return doc.ieds.filter((ied) => ied.accessPoints.some((ap) => ap.hasServer));
}

/**
 * The IED to serve: the one named, or the only servable one. Throws sim/no-such-ied or
 * sim/ambiguous-ied naming the IEDs there are.
 */
export function pickIed(doc: SclDocument, name: string | undefined): SclIed {
  const servable = servableIeds(doc);
  const names = servable.map((i) => i.name).join(', ') || 'none';
  if (name !== undefined) {
    const ied = servable.find((i) => i.name === name);
    if (!ied) throw new RelayGateError('sim', 'no-such-ied', `no IED named '${name}' with a server in ${doc.fileName ?? 'the SCL'}; it has ${names}`);
    return ied;
  }
  if (servable.length === 1) return servable[0]!;
  throw new RelayGateError(
    'sim',
    servable.length === 0 ? 'no-such-ied' : 'ambiguous-ied',
    servable.length === 0 ? `${doc.fileName ?? 'the SCL'} has no IED with a server access point` : `${doc.fileName ?? 'the SCL'} has several IEDs (${names}); pick one`,
  );
}

/**
 * The server model of one SCL IED: every LD of its server access points as a domain, every LN with
 * its DOs grouped by FC and the DAI values as initial values, the data sets, and the RCB instances of
 * every ReportControl (indexed ones as `name01` … `nameNN`, IEC 61850-6 §9.3.8).
 */
export function buildModel(doc: Pick<SclDocument, 'edition'>, ied: SclIed, nowMs: number, reportOptions: ReportEngineOptions = {}): BuiltModel {
  const steps = modelSteps(doc, ied, nowMs, reportOptions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Instance values of an LN outside an LD with setting groups: none are needed once its nodes are built. */
const NO_VALUES: ServedLn['ln']['values'] = new Map();

/**
 * buildModel one LN at a time: the generator stops after each LN it builds, each LN's data sets and
 * each LN's RCBs, so a caller can give the event loop its turn between steps (a big IED takes a while).
 */
export function* modelSteps(doc: Pick<SclDocument, 'edition'>, ied: SclIed, nowMs: number, reportOptions: ReportEngineOptions = {}): Generator<void, BuiltModel> {
  const model = new ServerDataModel({
    vendorName: ied.manufacturer ?? 'RelayGate',
    modelName: ied.type ?? ied.name,
    revision: ied.configVersion ?? '1',
  });
  const builder = new LnBuilder(nowMs);
  const warnings: string[] = [];
  const lns: { ld: string; ln: SclLogicalNode; groups: boolean }[] = [];
  for (const ld of serverLogicalDevices(ied)) {
    if (model.domain(ld.name)) {
      warnings.push(`LD ${ld.name} is defined twice; the first one is served`);
      continue;
    }
    const seen = new Set<string>();
    const groups = ld.logicalNodes.some((ln) => ln.settingControl !== undefined);
    const nodes = [];
    for (const ln of ld.logicalNodes) {
      lns.push({ ld: ld.name, ln, groups });
      if (seen.has(ln.name)) continue;
      seen.add(ln.name);
      nodes.push(builder.ln(ln, `${ld.name}/${ln.name}`, groups));
      yield;
    }
    model.addDomain(ld.name, nodes);
  }
  for (const { ld, ln } of lns) {
    defineDataSets(model, ld, ln, warnings);
    yield;
  }
  const reports = new ReportEngine(model, reportOptions);
  const edition2 = (doc.edition.version ?? '2003') >= '2007';
  for (const { ld, ln } of lns) {
    for (const rc of ln.reportControls) addReportControl(reports, ld, ln.name, rc, edition2, warnings);
    yield;
  }
  // What the simulator's behaviour needs of each LN; the rest of the SCL IED can go.
  const served = lns.map(({ ld, ln, groups }) => ({
    ld,
    ln: { name: ln.name, prefix: ln.prefix, lnClass: ln.lnClass, inst: ln.inst, values: groups ? ln.values : NO_VALUES, settingControl: ln.settingControl },
  }));
  return { iedName: ied.name, model, reports, lns: served, warnings: [...builder.warnings, ...warnings] };
}

function defineDataSets(model: ServerDataModel, ld: string, ln: SclLogicalNode, warnings: string[]): void {
  for (const ds of ln.dataSets) {
    const members = [];
    for (const m of ds.members) {
      try {
        if (!m.resolved) throw new Error(m.problem ?? 'unresolved');
        members.push(variableOfReference(parseObjectReference(m.ref)));
      } catch (err) {
        warnings.push(`data set ${ds.ref}: member ${m.ref} left out (${errorMessage(err)})`);
      }
    }
    const out = model.dataSets.define({ scope: 'domain', domain: ld, item: `${ln.name}$${ds.name}` }, members, undefined, false);
    if (!('members' in out)) warnings.push(`data set ${ds.ref} not served: ${out.additionalDescription ?? out.name}`);
  }
}

const OPT_FIELDS: readonly [keyof SclReportControl['optFields'], OptField][] = [
  ['seqNum', 'seqNum'],
  ['timeStamp', 'timeStamp'],
  ['reasonCode', 'reasonCode'],
  ['dataSet', 'dataSet'],
  ['dataRef', 'dataRef'],
  ['bufOvfl', 'bufOvfl'],
  ['entryID', 'entryID'],
  ['configRef', 'confRev'],
  ['segmentation', 'segmentation'],
];

function addReportControl(reports: ReportEngine, ld: string, ln: string, rc: SclReportControl, edition2: boolean, warnings: string[]): void {
  const fc = rc.buffered ? 'BR' : 'RP';
  const datSet = rc.datSet !== undefined && rc.dataSetRef !== undefined ? `${ld}/${ln}$${rc.datSet}` : '';
  const trgOps = (['dchg', 'qchg', 'dupd', 'period', 'gi'] as const).filter((t) => rc.trgOps[t]) as TriggerOption[];
  for (const name of rc.instances) {
    const config: RcbConfig = {
      name,
      buffered: rc.buffered,
      rptId: rc.rptID ?? `${ld}/${ln}$${fc}$${name}`,
      datSet,
      confRev: rc.confRev ?? 1,
      optFlds: OPT_FIELDS.filter(([scl]) => rc.optFields[scl]).map(([, f]) => f),
      trgOps,
      bufTm: rc.bufTime,
      intgPd: rc.intgPd,
      // Every BRCB can be reserved with ResvTms (Ed2; libiec61850 servers add it to Ed1 models too).
      withResvTms: rc.buffered,
      withOwner: edition2,
    };
    try {
      reports.addRcb(ld, ln, config);
    } catch (err) {
      warnings.push(`RCB ${ld}/${ln}.${name} not served: ${errorMessage(err)}`);
    }
  }
}
