import { RelayGateError } from '../shared';
import { bitsToFlags, setBitIndices, type BitString } from './bits';
import type { AccessResult, DataAccessError, MmsValue, ObjectName } from '../mms';
import { formatObjectReference, fromMmsName } from './object-reference';
import { optFldsFromBits, type OptField } from './rcb';
import { entryTimeFromFields, type EntryTime } from './timestamp';
import { ofType, stringOf, unsignedOf } from './value-access';

/**
 * IEC 61850 reports as MMS InformationReports (IEC 61850-8-1 §17.2.3): variableListName "RPT" and a
 * listOfAccessResult laid out as
 *
 *   RptID                           visible-string
 *   OptFlds                         bit-string(10)
 *   SeqNum                          unsigned          if OptFlds.sequence-number
 *   TimeOfEntry                     binary-time       if OptFlds.report-time-stamp
 *   DatSet                          visible-string    if OptFlds.data-set-name
 *   BufOvfl                         boolean           if OptFlds.buffer-overflow
 *   EntryID                         octet-string(8)   if OptFlds.entryID
 *   ConfRev                         unsigned          if OptFlds.conf-revision
 *   SubSeqNum, MoreSegmentsFollow   unsigned, boolean if OptFlds.segmentation
 *   Inclusion                       bit-string(number of data set members)
 *   data-reference × n              visible-string    if OptFlds.data-reference
 *   value × n                       Data (or a DataAccessError)
 *   ReasonCode × n                  bit-string        if OptFlds.reason-for-inclusion
 *
 * where n is the number of bits set in Inclusion.
 */

/** ReasonCode bits: bit 0 reserved, then these (application-trigger is Ed2). */
export const REASON_CODES = ['reserved', 'dchg', 'qchg', 'dupd', 'integrity', 'gi', 'appTrigger'] as const;
export type ReasonCode = Exclude<(typeof REASON_CODES)[number], 'reserved'>;

/** Everything before the inclusion bit string; enough to find the data set the report is about. */
export interface ReportHeader {
  readonly rptId: string;
  readonly optFlds: readonly OptField[];
  readonly seqNum?: number;
  readonly timeOfEntry?: EntryTime;
  /** As sent: MMS form `LD/LLN0$DS1`. */
  readonly datSet?: string;
  readonly bufOvfl?: boolean;
  readonly entryId?: Uint8Array;
  readonly confRev?: number;
  readonly subSeqNum?: number;
  readonly moreSegmentsFollow?: boolean;
}

export interface ReportEntry {
  /** Position of the member in the data set. */
  readonly index: number;
  /** The member's FCDA reference from the data set member list, when that list was given. */
  readonly member?: string;
  /** The data-reference the server sent (MMS form `LD/LN$FC$DO$DA`), when OptFlds asks for it. */
  readonly dataRef?: string;
  /** The value, or absent when the server sent a DataAccessError instead. */
  readonly value?: MmsValue;
  readonly accessError?: DataAccessError;
  /** Why the member is in this report, when OptFlds asks for reason codes. */
  readonly reasons?: readonly ReasonCode[];
}

export interface Report extends ReportHeader {
  /** Number of members of the data set (the inclusion bit string's length). */
  readonly dataSetSize: number;
  readonly entries: readonly ReportEntry[];
}

/** Data set members in order, or a function that finds them from the header (by RptID or DatSet). */
export type MemberSource = readonly string[] | ((header: ReportHeader) => readonly string[] | undefined);

export interface ReportOptions {
  readonly members?: MemberSource;
}

/** A malformed report. `field` names the report field, `index` is its position in listOfAccessResult. */
export class ReportError extends RelayGateError {
  readonly field: string;
  readonly index: number;

  constructor(field: string, index: number, message: string) {
    super('iec61850', 'bad-report', `report ${field} (item ${index}): ${message}`);
    this.name = 'ReportError';
    this.field = field;
    this.index = index;
  }
}

/** Reads the items one by one, so each error names the field and its index. */
class Cursor {
  index = 0;
  constructor(private readonly items: readonly AccessResult[]) {}

  get remaining(): number {
    return this.items.length - this.index;
  }

  next(field: string): AccessResult {
    const item = this.items[this.index];
    if (item === undefined) throw new ReportError(field, this.index, 'missing: the report ends here');
    this.index++;
    return item;
  }

  /** The next item as a value of `type`; a DataAccessError or another type is malformed. */
  take<T extends MmsValue['type']>(field: string, type: T): Extract<MmsValue, { type: T }> {
    const item = this.next(field);
    const value = item.ok ? ofType(item.value, type) : undefined;
    if (value === undefined)
      throw new ReportError(field, this.index - 1, `expected ${type}, got ${describe(item)}`);
    return value;
  }

  text(field: string): string {
    const item = this.next(field);
    const value = item.ok ? stringOf(item.value) : undefined;
    if (value === undefined)
      throw new ReportError(field, this.index - 1, `expected visible-string, got ${describe(item)}`);
    return value;
  }

  unsigned(field: string): number {
    const item = this.next(field);
    const value = item.ok ? unsignedOf(item.value) : undefined;
    if (value === undefined)
      throw new ReportError(field, this.index - 1, `expected unsigned, got ${describe(item)}`);
    return value;
  }
}

function describe(item: AccessResult): string {
  return item.ok ? item.value.type : `DataAccessError ${item.error.name} (${item.error.code})`;
}

function checkedBits(cursor: Cursor, field: string): BitString {
  const bits = cursor.take(field, 'bit-string');
  if (bits.bitLength > bits.bytes.length * 8) {
    throw new ReportError(field, cursor.index - 1, `${bits.bitLength} bits in ${bits.bytes.length} octets`);
  }
  return bits;
}

function parseHeader(cursor: Cursor): ReportHeader {
  const rptId = cursor.text('RptID');
  const optFlds = optFldsFromBits(checkedBits(cursor, 'OptFlds'));
  const has = (f: OptField): boolean => optFlds.includes(f);
  const header: { -readonly [K in keyof ReportHeader]: ReportHeader[K] } = { rptId, optFlds };
  if (has('seqNum')) header.seqNum = cursor.unsigned('SeqNum');
  if (has('timeStamp')) {
    const t = cursor.take('TimeOfEntry', 'binary-time');
    header.timeOfEntry = entryTimeFromFields(t.msOfDay, t.days);
  }
  if (has('dataSet')) header.datSet = cursor.text('DatSet');
  if (has('bufOvfl')) header.bufOvfl = cursor.take('BufOvfl', 'boolean').value;
  if (has('entryID')) header.entryId = cursor.take('EntryID', 'octet-string').value;
  if (has('confRev')) header.confRev = cursor.unsigned('ConfRev');
  if (has('segmentation')) {
    header.subSeqNum = cursor.unsigned('SubSeqNum');
    header.moreSegmentsFollow = cursor.take('MoreSegmentsFollow', 'boolean').value;
  }
  return header;
}

/**
 * Whether an InformationReport is an IEC 61850 report: its variableAccessSpecification names the
 * vmd-specific variable list "RPT" (IEC 61850-8-1 §17.2.3). Other reports (e.g. LastApplError after a
 * control, which names a variable list of one variable) are not.
 */
export function isReportAccess(access: { readonly kind: string; readonly name?: ObjectName }): boolean {
  return access.kind === 'named-list' && access.name?.scope === 'vmd' && access.name.item === 'RPT';
}

/** Only the header: for finding the RCB and its data set before parsing the rest. */
export function parseReportHeader(items: readonly AccessResult[]): ReportHeader {
  return parseHeader(new Cursor(items));
}

/**
 * Decodes a report and maps its values back to data set members. Never trusts a count it has not
 * checked against the items actually present; throws {@link ReportError} on anything malformed.
 */
export function parseReport(items: readonly AccessResult[], options: ReportOptions = {}): Report {
  const cursor = new Cursor(items);
  const header = parseHeader(cursor);
  const members = typeof options.members === 'function' ? options.members(header) : options.members;
  const inclusionAt = cursor.index;
  const inclusion = checkedBits(cursor, 'Inclusion');
  if (members !== undefined && inclusion.bitLength !== members.length) {
    throw new ReportError(
      'Inclusion',
      inclusionAt,
      `${inclusion.bitLength} bits for a data set of ${members.length} members`,
    );
  }
  const included = setBitIndices(inclusion);
  const withRefs = header.optFlds.includes('dataRef');
  const withReasons = header.optFlds.includes('reasonCode');
  const expected = included.length * (1 + (withRefs ? 1 : 0) + (withReasons ? 1 : 0));
  if (cursor.remaining !== expected) {
    throw new ReportError(
      'Inclusion',
      inclusionAt,
      `${included.length} members included, so ${expected} items should follow, not ${cursor.remaining}`,
    );
  }
  const refs = withRefs ? included.map(() => cursor.text('data-reference')) : undefined;
  const values = included.map(() => cursor.next('value'));
  const reasons = withReasons ? included.map(() => reasonsOf(checkedBits(cursor, 'ReasonCode'))) : undefined;
  const entries = included.map((index, k): ReportEntry => {
    const item = values[k]!;
    const member = members?.[index];
    return {
      index,
      ...(member === undefined ? {} : { member }),
      ...(refs === undefined ? {} : { dataRef: refs[k] }),
      ...(item.ok ? { value: item.value } : { accessError: item.error }),
      ...(reasons === undefined ? {} : { reasons: reasons[k] }),
    };
  });
  return { ...header, dataSetSize: inclusion.bitLength, entries };
}

function reasonsOf(bits: BitString): ReasonCode[] {
  const flags = bitsToFlags(bits, REASON_CODES.length);
  return REASON_CODES.filter(
    (name, i): name is ReasonCode => name !== 'reserved' && (flags & (1 << i)) !== 0,
  );
}

/**
 * A report data-reference in the 7-2 form: `LD0/MMXU1$MX$TotW$mag$f` → `LD0/MMXU1.TotW.mag.f[MX]`, the
 * form data set members are listed in. Undefined when it is not an MMS variable reference.
 */
export function dataRefToObjectReference(dataRef: string): string | undefined {
  const slash = dataRef.indexOf('/');
  if (slash <= 0) return undefined;
  try {
    return formatObjectReference(fromMmsName(dataRef.slice(0, slash), dataRef.slice(slash + 1)));
  } catch {
    return undefined;
  }
}
