import { RelayGateError } from '../shared';
import type { MmsValue } from '../mms';
import {
  BRCB_ATTRIBUTES,
  OPTIONAL_RCB_ATTRIBUTES,
  RCB_ATTRIBUTE_TYPES,
  optFldsFromBits,
  parseDataSetReference,
  trgOpsFromBits,
  URCB_ATTRIBUTES,
  type DataSetName,
  type OptField,
  type RcbAttribute,
  type TriggerOption,
} from './rcb';
import { entryTimeFromFields, type EntryTime } from './timestamp';
import { ofType, safeNumber, stringOf, unsignedOf } from './value-access';

/** An RCB as read in one piece (`LLN0$RP$urcbA01`), attribute by attribute. */
export interface RcbState {
  readonly buffered: boolean;
  readonly rptId: string;
  readonly rptEna: boolean;
  /** URCB only. */
  readonly resv?: boolean;
  /** BRCB Ed2 only: -1 reserved by configuration, 0 free, > 0 reserved for that many seconds. */
  readonly resvTms?: number;
  /** DatSet as the server sent it (MMS form `LD/LLN0$DS1`, or '' for none). */
  readonly datSet: string;
  /** DatSet split for GetNamedVariableListAttributes; absent when empty or not a reference. */
  readonly dataSet?: DataSetName;
  readonly confRev: number;
  readonly optFlds: readonly OptField[];
  readonly bufTm: number;
  readonly sqNum: number;
  readonly trgOps: readonly TriggerOption[];
  readonly intgPd: number;
  readonly gi: boolean;
  readonly purgeBuf?: boolean;
  readonly entryId?: Uint8Array;
  readonly timeOfEntry?: EntryTime;
  /** Ed2: the owner's address; all zero when free. */
  readonly owner?: Uint8Array;
}

const MAX_MEMBERS = 32;

function fail(message: string): never {
  throw new RelayGateError('iec61850', 'bad-rcb', message);
}

/** Loose type match: servers send integer for unsigned and MMS strings for visible ones. */
function typeFits(attribute: RcbAttribute, value: MmsValue): boolean {
  const want = RCB_ATTRIBUTE_TYPES[attribute];
  if (want === value.type) return true;
  if (want === 'unsigned' || want === 'integer') return value.type === 'unsigned' || value.type === 'integer';
  return want === 'visible-string' && value.type === 'mms-string';
}

/** Names members by the type description's component names (`TimeOfEntry` is accepted too). */
function byNames(
  members: readonly MmsValue[],
  names: readonly string[],
  known: readonly RcbAttribute[],
): Map<RcbAttribute, MmsValue> {
  if (names.length !== members.length)
    fail(`the type description names ${names.length} components, the value has ${members.length}`);
  const out = new Map<RcbAttribute, MmsValue>();
  names.forEach((raw, i) => {
    const name = raw === 'TimeOfEntry' ? 'TimeofEntry' : raw;
    const member = members[i];
    if (member !== undefined && (known as readonly string[]).includes(name))
      out.set(name as RcbAttribute, member);
  });
  return out;
}

/**
 * Names members by position. The Ed2 attributes are optional and may be absent independently (a
 * 14-member BRCB ends with ResvTms or with Owner), so an optional attribute whose type does not fit the
 * member is skipped.
 */
function byPosition(
  members: readonly MmsValue[],
  known: readonly RcbAttribute[],
): Map<RcbAttribute, MmsValue> {
  const out = new Map<RcbAttribute, MmsValue>();
  let k = 0;
  members.forEach((member, i) => {
    while (k < known.length && OPTIONAL_RCB_ATTRIBUTES.has(known[k]!) && !typeFits(known[k]!, member)) k++;
    const attribute = known[k++];
    if (attribute === undefined) fail(`member ${i} is past the last RCB attribute`);
    out.set(attribute, member);
  });
  return out;
}

/**
 * Parses an RCB read. `componentNames` are the structure's component names from
 * GetVariableAccessAttributes; without them the members are matched to the IEC 61850-8-1 order.
 * Throws iec61850/bad-rcb naming the attribute that is missing or of the wrong type.
 */
export function parseRcbState(
  value: MmsValue,
  buffered: boolean,
  componentNames?: readonly string[],
): RcbState {
  if (value.type !== 'structure') fail(`an RCB is a structure, got ${value.type}`);
  if (value.members.length > MAX_MEMBERS)
    fail(`an RCB has at most ${MAX_MEMBERS} members, got ${value.members.length}`);
  const known = buffered ? BRCB_ATTRIBUTES : URCB_ATTRIBUTES;
  const map = componentNames
    ? byNames(value.members, componentNames, known)
    : byPosition(value.members, known);
  for (const [attribute, member] of map) {
    if (!typeFits(attribute, member))
      fail(`${attribute} should be ${RCB_ATTRIBUTE_TYPES[attribute]}, got ${member.type}`);
  }
  for (const attribute of known) {
    if (!OPTIONAL_RCB_ATTRIBUTES.has(attribute) && !map.has(attribute)) fail(`${attribute} is missing`);
  }
  return buffered
    ? { ...common(map, true), ...brcbPart(map) }
    : { ...common(map, false), resv: bool(map, 'Resv') };
}

// The accessors below run after the type checks, so undefined means absent.
const bool = (m: Map<RcbAttribute, MmsValue>, a: RcbAttribute): boolean =>
  ofType(m.get(a), 'boolean')?.value ?? false;
const text = (m: Map<RcbAttribute, MmsValue>, a: RcbAttribute): string => stringOf(m.get(a)) ?? '';

function unsigned(m: Map<RcbAttribute, MmsValue>, a: RcbAttribute): number {
  const n = unsignedOf(m.get(a));
  if (n === undefined) fail(`${a} is negative or too large`);
  return n;
}

function bits(m: Map<RcbAttribute, MmsValue>, a: RcbAttribute): { bitLength: number; bytes: Uint8Array } {
  return ofType(m.get(a), 'bit-string') ?? { bitLength: 0, bytes: new Uint8Array(0) };
}

function dataSetOf(datSet: string): DataSetName | undefined {
  try {
    return parseDataSetReference(datSet);
  } catch {
    return undefined; // a DatSet we cannot split is still shown as sent
  }
}

function common(m: Map<RcbAttribute, MmsValue>, buffered: boolean): RcbState {
  const datSet = text(m, 'DatSet');
  const dataSet = dataSetOf(datSet);
  const owner = ofType(m.get('Owner'), 'octet-string');
  return {
    buffered,
    rptId: text(m, 'RptID'),
    rptEna: bool(m, 'RptEna'),
    datSet,
    ...(dataSet === undefined ? {} : { dataSet }),
    confRev: unsigned(m, 'ConfRev'),
    optFlds: optFldsFromBits(bits(m, 'OptFlds')),
    bufTm: unsigned(m, 'BufTm'),
    sqNum: unsigned(m, 'SqNum'),
    trgOps: trgOpsFromBits(bits(m, 'TrgOps')),
    intgPd: unsigned(m, 'IntgPd'),
    gi: bool(m, 'GI'),
    ...(owner === undefined ? {} : { owner: owner.value }),
  };
}

function brcbPart(m: Map<RcbAttribute, MmsValue>): Partial<RcbState> {
  const time = ofType(m.get('TimeofEntry'), 'binary-time');
  const resvTms = m.get('ResvTms');
  const resv =
    resvTms?.type === 'integer' || resvTms?.type === 'unsigned' ? safeNumber(resvTms.value) : undefined;
  return {
    purgeBuf: bool(m, 'PurgeBuf'),
    entryId: ofType(m.get('EntryID'), 'octet-string')?.value ?? new Uint8Array(0),
    ...(time === undefined ? {} : { timeOfEntry: entryTimeFromFields(time.msOfDay, time.days) }),
    ...(resv === undefined ? {} : { resvTms: resv }),
  };
}
