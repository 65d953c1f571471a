import {
  ReportAssembler,
  formatObjectReference,
  isReportAccess,
  parseDataSetReference,
  parseRcbState,
  parseReport,
  referenceOfVariable,
  startWrites,
  stopWrites,
  type OptField,
  type ReassemblyCounters,
  type ReassemblyLimits,
  type RcbRef,
  type RcbState,
  type Report,
  type TriggerOption,
} from '../iec61850';
import { domainName, type InformationReport } from '../mms';
import { TypedEmitter, errorMessage } from '../shared';
import { dataAccessErrorCode } from './error-mapping';
import { ClientError, isClientError } from './errors';
import type { IedClient } from './ied-client';
import { resolveRcbCandidates, type RcbCandidate } from './rcb-resolve';

export interface SubscriptionOptions {
  trgOps?: readonly TriggerOption[];
  optFlds?: readonly OptField[];
  /** Integrity period in ms (0 = none). */
  intgPd?: number;
  bufTm?: number;
  gi?: boolean;
  /** BRCB: resume after this EntryID instead of replaying the buffer. */
  resumeEntryId?: Uint8Array;
  /** BRCB: discard the buffered reports before enabling (ignored when resuming). */
  purge?: boolean;
  /**
   * Bounds on segmented reports (segments, entries and octets per report, reports in progress); the
   * defaults are core/iec61850's DEFAULT_REASSEMBLY_LIMITS. A report over a limit is dropped and said.
   */
  reassembly?: Partial<ReassemblyLimits>;
  /**
   * Receives every report, from the first one: the GI report can arrive before `start` resolves, so a
   * listener added afterwards would miss it.
   */
  onReport?: (report: Report) => void;
}

export interface SubscriptionEvents extends Record<string, unknown> {
  report: Report;
  /** A report that could not be decoded (its reason); counted, never fatal. */
  undecodable: string;
  /** A segmented report dropped (a gap, no progress, a limit): shown, never fatal. */
  warning: string;
}

/** What one subscription saw, for diagnostics. */
export interface SubscriptionCounters {
  /** Reports delivered (a segmented report counts once). */
  reports: number;
  /** Reports that could not be decoded as IEC 61850 reports. */
  undecodable: number;
  /** Reports of another RptID on the same association, ignored. */
  otherRcb: number;
  /** Segmented reports completed, dropped, and dropped for a limit or a segment without progress. */
  segmented: Readonly<ReassemblyCounters>;
}

/**
 * Report sources the subscription listens to: an MMS connection's `report` event. A source that can
 * keep a verdict on the PDU being routed (MmsConnection: counted and kept on its traffic-tap record)
 * offers `undecodableReport`; `where` names the peer in messages.
 */
export interface ReportSource {
  on(event: 'report', listener: (r: InformationReport) => void): () => void;
  undecodableReport?(reason: string): void;
  readonly where?: string;
}

/** What we ask for by default: every optional field we can use, and every trigger a gateway wants. */
const DEFAULT_OPT_FLDS: readonly OptField[] = [
  'seqNum',
  'timeStamp',
  'reasonCode',
  'dataSet',
  'bufOvfl',
  'entryID',
  'confRev',
];
/** Data update (dupd) is left off: on a busy IED it reports every refresh, not every change. */
const DEFAULT_TRG_OPS: readonly TriggerOption[] = ['dchg', 'qchg', 'period', 'gi'];

/**
 * One enabled RCB: finds whether the reference is a URCB or BRCB, reads its state and its data set's
 * members, then reserves, configures, enables and asks for a GI in the order IEC 61850 requires.
 * Reports are parsed, reassembled when segmented, and mapped back to data set members. `stop` disables
 * and releases it, so the next client finds it free.
 */
export class ReportSubscription extends TypedEmitter<SubscriptionEvents> {
  private readonly assembler: ReportAssembler;
  private unsubscribe: (() => void) | undefined;
  private lastEntryId: Uint8Array | undefined;
  private readonly countersValue = { reports: 0, undecodable: 0, otherRcb: 0 };

  private constructor(
    private readonly client: IedClient,
    private readonly source: ReportSource,
    readonly rcb: RcbRef,
    readonly state: RcbState,
    readonly members: readonly string[],
    reassembly: Partial<ReassemblyLimits> | undefined,
  ) {
    super();
    const where = source.where ?? 'the IED';
    this.assembler = new ReportAssembler({
      ...(reassembly ? { limits: reassembly } : {}),
      onDrop: (drop) => this.emit('warning', `${where}: ${drop.message}`),
    });
  }

  get counters(): SubscriptionCounters {
    return { ...this.countersValue, segmented: { ...this.assembler.counters } };
  }

  /**
   * `LD/LLN0.urcbA01` (FC optional: RP is tried, then BR), or an indexed base name such as
   * `LD/LLN0.EventsIndexed`, for which the first instance no other client holds is taken.
   */
  static async start(
    client: IedClient,
    source: ReportSource,
    text: string,
    options: SubscriptionOptions = {},
  ): Promise<ReportSubscription> {
    const candidates = await resolveRcbCandidates(client, text);
    const busy: string[] = [];
    for (const candidate of candidates) {
      try {
        return await ReportSubscription.startOne(
          client,
          source,
          text,
          candidate,
          options,
          candidates.length > 1,
        );
      } catch (err) {
        if (candidates.length === 1 || !isBusy(err)) throw err;
        busy.push(candidate.rcb.item.split('$').pop() ?? '');
      }
    }
    throw new ClientError(
      'temporarily-unavailable',
      `every instance of ${text} is held by another client (${busy.join(', ')})`,
    );
  }

  private static async startOne(
    client: IedClient,
    source: ReportSource,
    text: string,
    { rcb, spec }: RcbCandidate,
    options: SubscriptionOptions,
    skipHeld: boolean,
  ): Promise<ReportSubscription> {
    const names = spec.type === 'structure' ? spec.components.map((c) => c.name) : undefined;
    const [read] = await client.readVariables([domainName(rcb.domain, rcb.item)]);
    if (!read?.ok) {
      throw new ClientError(
        read ? dataAccessErrorCode(read.error) : 'protocol-error',
        `${text}: the RCB could not be read (${read?.ok === false ? read.error.name : 'no result'})`,
      );
    }
    const state = parseRcbState(read.value, rcb.buffered, names);
    if (skipHeld && (state.rptEna || state.resv === true)) {
      throw new ClientError(
        'temporarily-unavailable',
        `${rcb.item} is enabled or reserved by another client`,
      );
    }
    const dataSet = parseDataSetReference(state.datSet);
    if (!dataSet?.domain)
      throw new ClientError(
        'object-undefined',
        `${text} has no data set configured (DatSet '${state.datSet}')`,
      );
    const members = (await client.dataSetMembers(domainName(dataSet.domain, dataSet.item))).map((m) =>
      m.scope === 'domain' ? formatObjectReference(referenceOfVariable(m)) : m.item,
    );
    const sub = new ReportSubscription(client, source, rcb, state, members, options.reassembly);
    if (options.onReport) sub.on('report', options.onReport);
    sub.unsubscribe = source.on('report', (r) => sub.onReport(r));
    const writes = startWrites(rcb, {
      config: {
        optFlds: options.optFlds ?? DEFAULT_OPT_FLDS,
        trgOps: options.trgOps ?? DEFAULT_TRG_OPS,
        ...(options.intgPd !== undefined ? { intgPd: options.intgPd } : {}),
        ...(options.bufTm !== undefined ? { bufTm: options.bufTm } : {}),
      },
      ...(options.resumeEntryId ? { resumeEntryId: options.resumeEntryId } : {}),
      ...(options.purge ? { purge: true } : {}),
      gi: options.gi ?? true,
    });
    try {
      await client.writeSequence(writes);
    } catch (err) {
      sub.unsubscribe();
      throw err;
    }
    return sub;
  }

  /** The last EntryID seen (BRCB), to resume after a reconnect. */
  get entryId(): Uint8Array | undefined {
    return this.lastEntryId;
  }

  /** Disables and releases the RCB. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.client.writeSequence(stopWrites(this.rcb));
  }

  private isOurs(rptId: string): boolean {
    return rptId === this.state.rptId || this.state.rptId === '';
  }

  private onReport(r: InformationReport): void {
    if (!isReportAccess(r.access)) return;
    let parsed: Report;
    try {
      // Every subscription on the association sees every report: only this RCB's are checked against its
      // data set, so another RCB's report is not called undecodable for having other members.
      parsed = parseReport(r.results, { members: (header) => (this.isOurs(header.rptId) ? this.members : undefined) });
    } catch (err) {
      this.countersValue.undecodable++;
      const reason = errorMessage(err);
      this.source.undecodableReport?.(reason);
      this.emit('undecodable', reason);
      return;
    }
    // Another RCB's reports on this association are not ours to hold, let alone reassemble.
    if (!this.isOurs(parsed.rptId)) {
      this.countersValue.otherRcb++;
      return;
    }
    const report = this.assembler.push(parsed);
    if (!report) return;
    if (report.entryId) this.lastEntryId = report.entryId;
    this.countersValue.reports++;
    this.emit('report', report);
  }
}

function isBusy(err: unknown): boolean {
  return isClientError(err) && (err.code === 'temporarily-unavailable' || err.code === 'access-denied');
}
