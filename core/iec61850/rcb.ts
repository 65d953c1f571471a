import { RelayGateError } from '../shared';
import { bitsFromNames, setBitIndices, type BitString } from './bits';
import type { MmsValue } from '../mms';
import { fromMmsName, toMmsName, type ObjectReference } from './object-reference';

/**
 * Report control blocks as MMS structures (IEC 61850-8-1 §17.2.1, Tables 24 and 25). An RCB is a
 * component of its LN under FC RP (unbuffered, URCB) or BR (buffered, BRCB), e.g. `LLN0$RP$urcbA01`,
 * and each attribute is a component below it, e.g. `LLN0$RP$urcbA01$RptEna`.
 */

/** URCB components in MMS order. Owner is Ed2 and optional. */
export const URCB_ATTRIBUTES = [
  'RptID', // visible-string (VisString129)
  'RptEna', // boolean
  'Resv', // boolean
  'DatSet', // visible-string: `LD/LN$DataSetName`
  'ConfRev', // unsigned 32
  'OptFlds', // bit-string(10)
  'BufTm', // unsigned 32, ms
  'SqNum', // unsigned 8
  'TrgOps', // bit-string(6)
  'IntgPd', // unsigned 32, ms
  'GI', // boolean
  'Owner', // octet-string (Ed2, optional)
] as const;

/** BRCB components in MMS order. ResvTms and Owner are Ed2 and optional (either may be absent). */
export const BRCB_ATTRIBUTES = [
  'RptID',
  'RptEna',
  'DatSet',
  'ConfRev',
  'OptFlds',
  'BufTm',
  'SqNum', // unsigned 16
  'TrgOps',
  'IntgPd',
  'GI',
  'PurgeBuf', // boolean
  'EntryID', // octet-string(8)
  'TimeofEntry', // binary-time(6)
  'ResvTms', // integer 16 (Ed2, optional)
  'Owner', // octet-string (Ed2, optional)
] as const;

export type RcbAttribute = (typeof URCB_ATTRIBUTES)[number] | (typeof BRCB_ATTRIBUTES)[number];

/** The MMS type of each attribute. */
export const RCB_ATTRIBUTE_TYPES: Readonly<Record<RcbAttribute, MmsValue['type']>> = {
  RptID: 'visible-string',
  RptEna: 'boolean',
  Resv: 'boolean',
  DatSet: 'visible-string',
  ConfRev: 'unsigned',
  OptFlds: 'bit-string',
  BufTm: 'unsigned',
  SqNum: 'unsigned',
  TrgOps: 'bit-string',
  IntgPd: 'unsigned',
  GI: 'boolean',
  PurgeBuf: 'boolean',
  EntryID: 'octet-string',
  TimeofEntry: 'binary-time',
  ResvTms: 'integer',
  Owner: 'octet-string',
};

/** Ed2 attributes a server may leave out. */
export const OPTIONAL_RCB_ATTRIBUTES: ReadonlySet<RcbAttribute> = new Set(['ResvTms', 'Owner']);

/** OptFlds bits (IEC 61850-8-1 §17.2.1): bit 0 reserved, then these in order. 10 bits on the wire. */
export const OPT_FIELDS = [
  'reserved',
  'seqNum', // sequence-number
  'timeStamp', // report-time-stamp
  'reasonCode', // reason-for-inclusion
  'dataSet', // data-set-name
  'dataRef', // data-reference
  'bufOvfl', // buffer-overflow
  'entryID', // entryID
  'confRev', // conf-revision
  'segmentation', // segmentation
] as const;
export type OptField = Exclude<(typeof OPT_FIELDS)[number], 'reserved'>;

/** TrgOps bits: bit 0 reserved, then these in order. 6 bits on the wire. */
export const TRIGGER_OPTIONS = [
  'reserved',
  'dchg', // data-change
  'qchg', // quality-change
  'dupd', // data-update
  'period', // integrity
  'gi', // general-interrogation
] as const;
export type TriggerOption = Exclude<(typeof TRIGGER_OPTIONS)[number], 'reserved'>;

export function optFldsToBits(fields: Iterable<OptField>): BitString {
  return bitsOfNames(OPT_FIELDS, fields);
}

/** Set OptFlds, in bit order; bits beyond the 10 defined ones are ignored. */
export function optFldsFromBits(bits: BitString): OptField[] {
  return namesOfBits(OPT_FIELDS, bits);
}

export function trgOpsToBits(options: Iterable<TriggerOption>): BitString {
  return bitsOfNames(TRIGGER_OPTIONS, options);
}

/** Like bitsFromNames, but the reserved bit 0 is not a name a caller may set. */
function bitsOfNames<N extends string>(names: readonly N[], set: Iterable<N>): BitString {
  const list = [...set];
  if (list.includes('reserved' as N)) throw new RangeError('the reserved bit cannot be set');
  return bitsFromNames(names, list);
}

export function trgOpsFromBits(bits: BitString): TriggerOption[] {
  return namesOfBits(TRIGGER_OPTIONS, bits);
}

function namesOfBits<N extends string>(names: readonly N[], bits: BitString): Exclude<N, 'reserved'>[] {
  const out: Exclude<N, 'reserved'>[] = [];
  for (const i of setBitIndices(bits)) {
    const name = names[i];
    if (name !== undefined && name !== 'reserved') out.push(name as Exclude<N, 'reserved'>);
  }
  return out;
}

// ---- references ----

/** An RCB instance by MMS name: domain `LD0`, item `LLN0$RP$urcbA01`. */
export interface RcbRef {
  readonly domain: string;
  readonly item: string;
  readonly buffered: boolean;
}

function fail(code: string, message: string): never {
  throw new RelayGateError('iec61850', code, message);
}

/** The RCB of `LD/LN.rcbName[RP|BR]` (indexed names such as `urcbA01` are ordinary names here). */
export function rcbRef(ref: ObjectReference): RcbRef {
  if (ref.fc !== 'RP' && ref.fc !== 'BR')
    fail('not-an-rcb', `an RCB reference needs FC RP or BR, not ${ref.fc ?? 'none'}`);
  if (ref.path.length !== 1)
    fail('not-an-rcb', `an RCB reference is LD/LN.rcbName[FC]; got ${ref.path.length} names below the LN`);
  const { domain, item } = toMmsName(ref);
  return { domain, item, buffered: ref.fc === 'BR' };
}

/** The RCB named by an MMS domain and item, e.g. `LD0`, `LLN0$BR$brcbMeas03`. */
export function rcbRefFromMms(domain: string, item: string): RcbRef {
  return rcbRef(fromMmsName(domain, item));
}

/**
 * The MMS DatSet text of a data set reference (IEC 61850-8-1 §17.2.1: `LDname/LNname$DataSetName`).
 * Accepts the 7-2 form `LD/LLN0.DS1`, the MMS form `LD/LLN0$DS1`, an association-specific `@DS1`, and
 * '' (no data set).
 */
export function dataSetMmsReference(text: string): string {
  if (text === '' || /^@[A-Za-z0-9_]{1,64}$/.test(text)) return text;
  const m = /^([A-Za-z0-9_]{1,64})\/([A-Za-z0-9_]{1,64})[.$]([A-Za-z0-9_]{1,64})$/.exec(text);
  if (!m) fail('bad-reference', `'${text}' is not a data set reference (LD/LN.DataSet or LD/LN$DataSet)`);
  return `${m[1]}/${m[2]}$${m[3]}`;
}

/** A DatSet text split for GetNamedVariableListAttributes; association-specific sets have no domain. */
export interface DataSetName {
  /** The 7-2 form `LD/LLN0.DS1`, or `@DS1`. */
  readonly ref: string;
  readonly domain?: string;
  /** `LLN0$DS1`, or `DS1` for an association-specific set. */
  readonly item: string;
}

/**
 * The data set an RCB's DatSet names, or undefined when it names none: '' or, as libiec61850 1.5.3 sends
 * for an RCB configured without a data set, the LN alone (`IED1LD1/LLN0$`).
 */
export function parseDataSetReference(text: string): DataSetName | undefined {
  if (text === '' || /^[A-Za-z0-9_]{1,64}\/[A-Za-z0-9_]{1,64}[.$]$/.test(text)) return undefined;
  const mms = dataSetMmsReference(text);
  if (mms.startsWith('@')) return { ref: mms, item: mms.slice(1) };
  const slash = mms.indexOf('/');
  const domain = mms.slice(0, slash);
  const item = mms.slice(slash + 1);
  return { ref: `${domain}/${item.replace('$', '.')}`, domain, item };
}

// ---- writes ----

/** One attribute write, in the order the control sequence needs it. */
export interface RcbWrite {
  readonly domain: string;
  /** e.g. `LLN0$RP$urcbA01$RptEna`. */
  readonly item: string;
  readonly attribute: RcbAttribute;
  readonly value: MmsValue;
}

export interface RcbConfig {
  readonly rptId?: string;
  readonly datSet?: string;
  readonly trgOps?: readonly TriggerOption[];
  readonly optFlds?: readonly OptField[];
  /** Integrity period, ms. */
  readonly intgPd?: number;
  /** Buffer time, ms. */
  readonly bufTm?: number;
}

export interface RcbStartPlan {
  readonly config?: RcbConfig;
  /** BRCB Ed2: reserve with this ResvTms (s). A URCB always reserves with Resv. */
  readonly resvTms?: number;
  /** BRCB: resume after this EntryID instead of replaying the whole buffer. */
  readonly resumeEntryId?: Uint8Array;
  /** BRCB: purge the buffer before enabling (ignored when resuming). */
  readonly purge?: boolean;
  /** Ask for a general interrogation once enabled. Default true. */
  readonly gi?: boolean;
}

function write(rcb: RcbRef, attribute: RcbAttribute, value: MmsValue): RcbWrite {
  const names: readonly string[] = rcb.buffered ? BRCB_ATTRIBUTES : URCB_ATTRIBUTES;
  if (!names.includes(attribute)) {
    fail('not-an-rcb-attribute', `${attribute} is not an attribute of a ${rcb.buffered ? 'BRCB' : 'URCB'}`);
  }
  return { domain: rcb.domain, item: `${rcb.item}$${attribute}`, attribute, value };
}

const bool = (value: boolean): MmsValue => ({ type: 'boolean', value });

function u32(name: string, value: number): MmsValue {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
    fail('bad-value', `${name} ${value} is not a 32-bit unsigned integer`);
  return { type: 'unsigned', value };
}

/** URCB: Resv = true. BRCB: ResvTms when given (Ed2); an Ed1 BRCB has no reservation, so nothing. */
export function reserveWrites(rcb: RcbRef, resvTms?: number): RcbWrite[] {
  if (!rcb.buffered) return [write(rcb, 'Resv', bool(true))];
  if (resvTms === undefined) return [];
  if (!Number.isInteger(resvTms) || resvTms < 1 || resvTms > 0x7fff)
    fail('bad-value', `ResvTms ${resvTms} is not 1..32767 s`);
  return [write(rcb, 'ResvTms', { type: 'integer', value: resvTms })];
}

/** RptID, DatSet, TrgOps, OptFlds, IntgPd, BufTm, each only when set, in that order. */
export function configureWrites(rcb: RcbRef, config: RcbConfig): RcbWrite[] {
  const out: RcbWrite[] = [];
  if (config.rptId !== undefined)
    out.push(write(rcb, 'RptID', { type: 'visible-string', value: config.rptId }));
  if (config.datSet !== undefined) {
    out.push(write(rcb, 'DatSet', { type: 'visible-string', value: dataSetMmsReference(config.datSet) }));
  }
  if (config.trgOps !== undefined)
    out.push(write(rcb, 'TrgOps', { type: 'bit-string', ...trgOpsToBits(config.trgOps) }));
  if (config.optFlds !== undefined)
    out.push(write(rcb, 'OptFlds', { type: 'bit-string', ...optFldsToBits(config.optFlds) }));
  if (config.intgPd !== undefined) out.push(write(rcb, 'IntgPd', u32('IntgPd', config.intgPd)));
  if (config.bufTm !== undefined) out.push(write(rcb, 'BufTm', u32('BufTm', config.bufTm)));
  return out;
}

export const enableWrites = (rcb: RcbRef): RcbWrite[] => [write(rcb, 'RptEna', bool(true))];
export const giWrites = (rcb: RcbRef): RcbWrite[] => [write(rcb, 'GI', bool(true))];
export const disableWrites = (rcb: RcbRef): RcbWrite[] => [write(rcb, 'RptEna', bool(false))];

/** URCB: Resv = false. BRCB reserved with ResvTms: ResvTms = 0. Otherwise nothing to release. */
export function releaseWrites(rcb: RcbRef, reservedWithResvTms = false): RcbWrite[] {
  if (!rcb.buffered) return [write(rcb, 'Resv', bool(false))];
  return reservedWithResvTms ? [write(rcb, 'ResvTms', { type: 'integer', value: 0 })] : [];
}

/** BRCB: EntryID = the last entry received, written while disabled, so reports resume after it. */
export function resumeWrites(rcb: RcbRef, entryId: Uint8Array): RcbWrite[] {
  if (entryId.length !== 8) fail('bad-value', `EntryID is 8 octets, got ${entryId.length}`);
  return [write(rcb, 'EntryID', { type: 'octet-string', value: entryId })];
}

/** BRCB: PurgeBuf = true, written while disabled, discards the buffered reports. */
export const purgeWrites = (rcb: RcbRef): RcbWrite[] => [write(rcb, 'PurgeBuf', bool(true))];

/**
 * The whole start sequence (IEC 61850-7-2 §17, DESIGN.md): reserve, configure, purge or resume (BRCB),
 * enable, then GI. Each write depends on the ones before it, so send them one by one and stop at the
 * first failure.
 */
export function startWrites(rcb: RcbRef, plan: RcbStartPlan = {}): RcbWrite[] {
  const out = [...reserveWrites(rcb, plan.resvTms), ...configureWrites(rcb, plan.config ?? {})];
  if (plan.resumeEntryId !== undefined) out.push(...resumeWrites(rcb, plan.resumeEntryId));
  else if (plan.purge === true) out.push(...purgeWrites(rcb));
  out.push(...enableWrites(rcb));
  if (plan.gi ?? true) out.push(...giWrites(rcb));
  return out;
}

/** Disable, then release. */
export function stopWrites(rcb: RcbRef, reservedWithResvTms = false): RcbWrite[] {
  return [...disableWrites(rcb), ...releaseWrites(rcb, reservedWithResvTms)];
}
