import {
  BRCB_ATTRIBUTES,
  URCB_ATTRIBUTES,
  optFldsToBits,
  trgOpsToBits,
  type OptField,
  type RcbAttribute,
  type TriggerOption,
} from '../../iec61850';
import type { MmsTypeSpec, MmsValue } from '../../mms';
import { leafNode, type LeafNode } from '../model/data-node';

/** How an RCB instance starts (from the SCL ReportControl, or a saved model). */
export interface RcbConfig {
  /** Instance name, e.g. `urcbA01`. */
  readonly name: string;
  readonly buffered: boolean;
  readonly rptId: string;
  /** DatSet in MMS form `LD/LLN0$DS1`, or '' for none. */
  readonly datSet: string;
  readonly confRev: number;
  readonly optFlds: readonly OptField[];
  readonly trgOps: readonly TriggerOption[];
  /** ms */
  readonly bufTm: number;
  /** ms */
  readonly intgPd: number;
  /** Ed2 attributes; both default to true. An Ed1 model leaves them out. */
  readonly withResvTms?: boolean;
  readonly withOwner?: boolean;
}

/*
 * MMS types of the RCB attributes (IEC 61850-8-1 Tables 24 and 25), and the values every instance
 * starts with. Type descriptions and MMS values are never changed in place, so the instances of a
 * server (hundreds in a station of IEDs) share them.
 */
const VIS129: MmsTypeSpec = { type: 'visible-string', size: -129 };
const BOOLEAN: MmsTypeSpec = { type: 'boolean' };
const UINT32: MmsTypeSpec = { type: 'unsigned', bits: 32 };
const SPECS: Readonly<Record<Exclude<RcbAttribute, 'SqNum'>, MmsTypeSpec>> = {
  RptID: VIS129,
  DatSet: VIS129,
  RptEna: BOOLEAN,
  Resv: BOOLEAN,
  GI: BOOLEAN,
  PurgeBuf: BOOLEAN,
  ConfRev: UINT32,
  BufTm: UINT32,
  IntgPd: UINT32,
  OptFlds: { type: 'bit-string', size: 10 },
  TrgOps: { type: 'bit-string', size: 6 },
  EntryID: { type: 'octet-string', size: 8 },
  TimeofEntry: { type: 'binary-time', withDate: true },
  ResvTms: { type: 'integer', bits: 16 },
  Owner: { type: 'octet-string', size: -64 },
};
const SQ_NUM: Readonly<Record<'buffered' | 'unbuffered', MmsTypeSpec>> = {
  buffered: { type: 'unsigned', bits: 16 },
  unbuffered: { type: 'unsigned', bits: 8 },
};

function specOf(attribute: RcbAttribute, buffered: boolean): MmsTypeSpec {
  return attribute === 'SqNum' ? SQ_NUM[buffered ? 'buffered' : 'unbuffered'] : SPECS[attribute];
}

const FALSE: MmsValue = { type: 'boolean', value: false };
const ZERO_U: MmsValue = { type: 'unsigned', value: 0 };
const ZERO_I: MmsValue = { type: 'integer', value: 0 };
const NO_TIME: MmsValue = { type: 'binary-time', msOfDay: 0, days: 0 };

function initialValue(attribute: RcbAttribute, c: RcbConfig): MmsValue {
  switch (attribute) {
    case 'RptID':
      return { type: 'visible-string', value: c.rptId };
    case 'DatSet':
      return { type: 'visible-string', value: c.datSet };
    case 'ConfRev':
      return { type: 'unsigned', value: c.confRev };
    case 'OptFlds':
      return { type: 'bit-string', ...optFldsToBits(c.optFlds) };
    case 'TrgOps':
      return { type: 'bit-string', ...trgOpsToBits(c.trgOps) };
    case 'BufTm':
      return { type: 'unsigned', value: c.bufTm };
    case 'IntgPd':
      return { type: 'unsigned', value: c.intgPd };
    case 'SqNum':
      return ZERO_U;
    case 'EntryID':
      return { type: 'octet-string', value: new Uint8Array(8) };
    case 'TimeofEntry':
      return NO_TIME;
    case 'ResvTms':
      return ZERO_I;
    case 'Owner':
      return { type: 'octet-string', value: new Uint8Array(0) };
    default:
      return FALSE;
  }
}

/** The attribute leaves of an RCB instance, in the order of IEC 61850-8-1. */
export function rcbAttributeLeaves(config: RcbConfig): LeafNode[] {
  const names: readonly RcbAttribute[] = config.buffered ? BRCB_ATTRIBUTES : URCB_ATTRIBUTES;
  return names
    .filter((a) => (a !== 'ResvTms' || config.withResvTms !== false) && (a !== 'Owner' || config.withOwner !== false))
    .map((a) => leafNode(a, specOf(a, config.buffered), initialValue(a, config)));
}

/** Attributes only the server sets. */
export const READ_ONLY_ATTRIBUTES: ReadonlySet<string> = new Set(['SqNum', 'ConfRev', 'Owner', 'TimeofEntry']);
