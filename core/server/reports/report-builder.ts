import { REASON_CODES, bitsFromNames, entryTimeToFields, optFldsToBits, type OptField, type ReasonCode } from '../../iec61850';
import { encodeData, encodeInformationReport, type AccessResult, type InformationReport, type MmsValue } from '../../mms';

/** The header of one report as the RCB's configuration and state give it at sending time. */
export interface ReportHeaderFields {
  readonly rptId: string;
  readonly optFlds: ReadonlySet<OptField>;
  readonly sqNum: number;
  /** When the entry was made, ms since 1970. */
  readonly timeOfEntryMs: number;
  /** MMS form `LD/LLN0$DS1`. */
  readonly datSet: string;
  readonly bufOvfl: boolean;
  /** BRCB only. */
  readonly entryId?: Uint8Array;
  readonly confRev: number;
  /** Members of the data set: the length of the inclusion bit string. */
  readonly memberCount: number;
}

export interface IncludedMember {
  readonly index: number;
  /** The member's MMS reference `LD/LN$FC$DO$DA`. */
  readonly dataRef: string;
  readonly value: MmsValue;
  readonly reasons: readonly ReasonCode[];
}

const ok = (value: MmsValue): AccessResult => ({ ok: true, value });
const text = (value: string): AccessResult => ok({ type: 'visible-string', value });

/**
 * The InformationReports of one report (IEC 61850-8-1 §17.2.3: variableListName "RPT", then RptID,
 * OptFlds, the optional header fields, inclusion, data-references, values, reason codes). When the
 * report does not fit the client's negotiated PDU size it is split into segments (7-2 §17.2.3.2.3):
 * the same SqNum, SubSeqNum 0, 1, 2 …, MoreSegmentsFollow true on all but the last, and the
 * segmentation bit set in OptFlds. A URCB never claims BufOvfl or EntryID.
 */
export function buildReports(
  header: ReportHeaderFields,
  members: readonly IncludedMember[],
  maxPduSize: number,
): InformationReport[] {
  const whole = report(header, members, undefined);
  if (encodeInformationReport(whole).length <= maxPduSize || members.length <= 1) return [whole];
  const segments = splitMembers(header, members, maxPduSize);
  return segments.map((part, i) => report(header, part, { sub: i, more: i < segments.length - 1 }));
}

/**
 * Greedy split: each segment takes members while its estimated size fits (the empty segment's encoded
 * size plus each member's own items, with room for longer length fields); the estimate is an upper
 * bound, so a segment is only ever short by a few octets.
 */
function splitMembers(
  header: ReportHeaderFields,
  members: readonly IncludedMember[],
  maxPduSize: number,
): IncludedMember[][] {
  const base = encodeInformationReport(report(header, [], { sub: 0, more: true })).length + LENGTH_GROWTH;
  const withRef = header.optFlds.has('dataRef');
  const withReason = header.optFlds.has('reasonCode');
  const segments: IncludedMember[][] = [];
  let current: IncludedMember[] = [];
  let size = base;
  for (const m of members) {
    const cost = encodeData(m.value).length + (withRef ? m.dataRef.length + 4 : 0) + (withReason ? 4 : 0);
    if (size + cost > maxPduSize && current.length > 0) {
      segments.push(current);
      current = [];
      size = base;
    }
    current.push(m);
    size += cost;
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

/** Octets the nested length fields of a report can grow by as members are added (four levels, 4 each). */
const LENGTH_GROWTH = 16;

function report(
  h: ReportHeaderFields,
  members: readonly IncludedMember[],
  segment: { sub: number; more: boolean } | undefined,
): InformationReport {
  const buffered = h.entryId !== undefined;
  const opt = new Set([...h.optFlds].filter((f) => f !== 'segmentation' && (buffered || (f !== 'bufOvfl' && f !== 'entryID'))));
  if (segment) opt.add('segmentation');
  const items: AccessResult[] = [text(h.rptId), ok({ type: 'bit-string', ...optFldsToBits(opt) })];
  if (opt.has('seqNum')) items.push(ok({ type: 'unsigned', value: h.sqNum }));
  if (opt.has('timeStamp')) items.push(ok({ type: 'binary-time', ...entryTimeToFields(h.timeOfEntryMs) }));
  if (opt.has('dataSet')) items.push(text(h.datSet));
  if (opt.has('bufOvfl')) items.push(ok({ type: 'boolean', value: h.bufOvfl }));
  if (opt.has('entryID') && h.entryId) items.push(ok({ type: 'octet-string', value: h.entryId }));
  if (opt.has('confRev')) items.push(ok({ type: 'unsigned', value: h.confRev }));
  if (segment) {
    items.push(ok({ type: 'unsigned', value: segment.sub }));
    items.push(ok({ type: 'boolean', value: segment.more }));
  }
  const indices = members.map((m) => String(m.index));
  const all = Array.from({ length: h.memberCount }, (_, i) => String(i));
  items.push(ok({ type: 'bit-string', ...bitsFromNames(all, indices) }));
  if (opt.has('dataRef')) for (const m of members) items.push(text(m.dataRef));
  for (const m of members) items.push(ok(m.value));
  if (opt.has('reasonCode'))
    for (const m of members) items.push(ok({ type: 'bit-string', ...bitsFromNames(REASON_CODES, m.reasons) }));
  return { access: { kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } }, results: items };
}
