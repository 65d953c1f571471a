import type { SclGseControl, SclOptFields, SclReportControl, SclSampledValueControl, SclSettingControl, SclTrgOps } from './model';
import type { Warnings } from './warnings';
import { childrenNamed, firstChild, type XmlElement } from './xml';

/** Where a control block sits and what it can refer to. */
export interface ControlContext {
  readonly ied: string;
  readonly ldInst: string;
  readonly ld: string;
  readonly ln: string;
  /** Names of the data sets of the same LN (datSet refers to those). */
  readonly dataSets: ReadonlySet<string>;
  /** SCL 2007 or later: changes the default of OptFields bufOvfl. */
  readonly edition2: boolean;
}

function flag(el: XmlElement | undefined, name: string, fallback: boolean): boolean {
  const v = el?.attrs[name];
  return v === undefined ? fallback : v === 'true' || v === '1';
}

function int(el: XmlElement, name: string, fallback: number | undefined, where: string, warnings: Warnings): number | undefined {
  const raw = el.attrs[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0) return n;
  warnings.add('bad-attribute', `${where}: ${name}='${raw}' is not a whole number; ${fallback === undefined ? 'left out' : `using ${fallback}`}`);
  return fallback;
}

/**
 * RCB instance names as servers expose them (IEC 61850-6 §9.3.8, as libiec61850 and the IEDs we know
 * do): indexed (the default) → name + two-digit index 01 … max, even for max = 1; indexed="false" →
 * the name alone, one instance. Indices beyond 99 get as many digits as they need.
 */
export function rcbInstanceNames(name: string, indexed: boolean, max: number): string[] {
  if (!indexed) return [name];
  const names: string[] = [];
  for (let i = 1; i <= max; i++) names.push(`${name}${String(i).padStart(2, '0')}`);
  return names;
}

function dataSetRef(ctx: ControlContext, datSet: string | undefined, what: string, warnings: Warnings): string | undefined {
  if (datSet === undefined || datSet === '') return undefined;
  if (ctx.dataSets.has(datSet)) return `${ctx.ld}/${ctx.ln}.${datSet}`;
  warnings.add('missing-dataset', `${what} names data set '${datSet}', which ${ctx.ld}/${ctx.ln} does not define`, { ied: ctx.ied, ids: [datSet] });
  return undefined;
}

export function readReportControl(el: XmlElement, ctx: ControlContext, warnings: Warnings): SclReportControl {
  const name = el.attrs.name ?? '';
  const ref = `${ctx.ld}/${ctx.ln}.${name}`;
  const where = `ReportControl ${ref}`;
  const trg = firstChild(el, 'TrgOps');
  const opt = firstChild(el, 'OptFields');
  const enabled = firstChild(el, 'RptEnabled');
  const trgOps: SclTrgOps = {
    dchg: flag(trg, 'dchg', false),
    qchg: flag(trg, 'qchg', false),
    dupd: flag(trg, 'dupd', false),
    period: flag(trg, 'period', false),
    gi: flag(trg, 'gi', true),
  };
  const optFields: SclOptFields = {
    seqNum: flag(opt, 'seqNum', false),
    timeStamp: flag(opt, 'timeStamp', false),
    dataSet: flag(opt, 'dataSet', false),
    reasonCode: flag(opt, 'reasonCode', false),
    dataRef: flag(opt, 'dataRef', false),
    entryID: flag(opt, 'entryID', false),
    configRef: flag(opt, 'configRef', false),
    bufOvfl: flag(opt, 'bufOvfl', ctx.edition2),
    segmentation: flag(opt, 'segmentation', false),
  };
  const buffered = flag(el, 'buffered', false);
  const indexed = flag(el, 'indexed', true);
  const max = enabled ? (int(enabled, 'max', 1, where, warnings) ?? 1) : 1;
  if (!indexed && max > 1) {
    warnings.add('rcb-not-indexed', `${where} is not indexed but RptEnabled max is ${max}; a non-indexed RCB has one instance, named ${name}`, { ied: ctx.ied });
  }
  const instances = rcbInstanceNames(name, indexed, max);
  const fc = buffered ? 'BR' : 'RP';
  return {
    name,
    ref,
    ld: ctx.ld,
    ln: ctx.ln,
    desc: el.attrs.desc,
    rptID: el.attrs.rptID,
    datSet: el.attrs.datSet,
    dataSetRef: dataSetRef(ctx, el.attrs.datSet, where, warnings),
    buffered,
    bufTime: int(el, 'bufTime', 0, where, warnings) ?? 0,
    intgPd: int(el, 'intgPd', 0, where, warnings) ?? 0,
    confRev: int(el, 'confRev', undefined, where, warnings),
    indexed,
    trgOps,
    optFields,
    max,
    clients: enabled ? childrenNamed(enabled, 'ClientLN').map(clientText) : [],
    instances,
    instanceRefs: instances.map((i) => `${ctx.ld}/${ctx.ln}.${i}[${fc}]`),
  };
}

function clientText(c: XmlElement): string {
  const a = c.attrs;
  return `${a.iedName ?? ''}/${a.ldInst ?? ''}/${a.prefix ?? ''}${a.lnClass ?? ''}${a.lnInst ?? ''}`;
}

export function readGseControl(el: XmlElement, ctx: ControlContext, address: Readonly<Record<string, string>>, warnings: Warnings): SclGseControl {
  const name = el.attrs.name ?? '';
  const ref = `${ctx.ld}/${ctx.ln}.${name}`;
  return {
    name,
    ref,
    type: el.attrs.type ?? 'GOOSE',
    appID: el.attrs.appID,
    datSet: el.attrs.datSet,
    dataSetRef: dataSetRef(ctx, el.attrs.datSet, `GSEControl ${ref}`, warnings),
    confRev: int(el, 'confRev', undefined, `GSEControl ${ref}`, warnings),
    address,
  };
}

export function readSampledValueControl(el: XmlElement, ctx: ControlContext, address: Readonly<Record<string, string>>, warnings: Warnings): SclSampledValueControl {
  const name = el.attrs.name ?? '';
  const ref = `${ctx.ld}/${ctx.ln}.${name}`;
  const where = `SampledValueControl ${ref}`;
  return {
    name,
    ref,
    smvID: el.attrs.smvID,
    datSet: el.attrs.datSet,
    dataSetRef: dataSetRef(ctx, el.attrs.datSet, where, warnings),
    confRev: int(el, 'confRev', undefined, where, warnings),
    smpRate: int(el, 'smpRate', undefined, where, warnings),
    nofASDU: int(el, 'nofASDU', undefined, where, warnings),
    multicast: flag(el, 'multicast', true),
    address,
  };
}

/** SettingControl: numOfSGs (at least 1) and actSG (1 … numOfSGs, default 1). */
export function readSettingControl(el: XmlElement, where: string, warnings: Warnings): SclSettingControl {
  const at = `SettingControl of ${where}`;
  const numOfSGs = Math.max(1, int(el, 'numOfSGs', 1, at, warnings) ?? 1);
  let actSG = int(el, 'actSG', 1, at, warnings) ?? 1;
  if (actSG < 1 || actSG > numOfSGs) {
    warnings.add('bad-attribute', `${at}: actSG ${actSG} is not 1..${numOfSGs}; using 1`);
    actSG = 1;
  }
  return { desc: el.attrs.desc, numOfSGs, actSG };
}
