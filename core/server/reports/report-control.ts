import {
  entryTimeToFields,
  optFldsFromBits,
  ownerOctets,
  trgOpsFromBits,
  type OptField,
  type ReasonCode,
  type TriggerOption,
} from '../../iec61850';
import { typeMismatch, type MmsValue, type WriteResult } from '../../mms';
import type { ClientContext } from '../client-context';
import { refused, WRITE_OK } from '../model/write-results';
import { specOf, valueOf, type LeafNode, type StructNode } from '../model/data-node';
import type { ServerDataModel } from '../model/data-model';
import type { DataSet } from '../model/data-sets';
import { READ_ONLY_ATTRIBUTES } from './rcb-attributes';
import { ReportBuffer, entryIdOf, type BufferedEntry } from './report-buffer';
import { buildReports, type IncludedMember, type ReportHeaderFields } from './report-builder';
import { ReportGatherer, type GatheredMembers } from './report-gatherer';

/** What an RCB needs from the engine that owns it. */
export interface RcbHost {
  readonly model: ServerDataModel;
  /** Reports are held back (URCB reports are lost, BRCB reports stay buffered). */
  readonly paused: boolean;
  now(): number;
  nextEntryKey(): bigint;
  /** The data set a DatSet value names (`LD/LN$DS`, or `@DS` of the client), if it exists. */
  resolveDataSet(datSet: string, ctx: ClientContext | undefined): DataSet | undefined;
  /** The RCB's data set changed: watch its new members. */
  rewatch(rcb: ReportControl): void;
}


/**
 * One RCB instance (URCB or BRCB) as an IED runs it (IEC 61850-7-2 §17, 8-1 §17.2): its attributes are
 * leaves of the model that clients read; client writes come through {@link write} under the access
 * rules of the standard; triggers from the data set are gathered (BufTm) into reports sent to the
 * owning client, or buffered (BRCB) while it is away.
 */
export class ReportControl {
  readonly buffered: boolean;
  readonly buffer: ReportBuffer | undefined;
  dataSet: DataSet | undefined;
  private readonly attrs = new Map<string, LeafNode>();
  private owner: ClientContext | undefined;
  /** BRCB reserved with ResvTms for a client that went away: its address and until when. */
  private reservedFor: { ip: string; until: number } | undefined;
  private enabledFlag = false;
  private buffering = false;
  private sqNum = 0;
  private integrityTimer: ReturnType<typeof setInterval> | undefined;
  private readonly gatherer: ReportGatherer;

  constructor(
    private readonly host: RcbHost,
    readonly node: StructNode,
    readonly domain: string,
    /** MMS item of the RCB, e.g. `LLN0$BR$brcbStatus01`. */
    readonly item: string,
  ) {
    for (const c of node.children) if (c.kind === 'leaf') this.attrs.set(c.name, c);
    this.buffered = item.split('$')[1] === 'BR';
    this.buffer = this.buffered ? new ReportBuffer() : undefined;
    this.gatherer = new ReportGatherer(
      (i) => this.memberValue(i),
      () => this.number('BufTm'),
      (members) => this.onGathered(members, false),
    );
    node.hooks = { write: (value, ctx, path) => this.write(value, ctx, path) };
    this.dataSet = host.resolveDataSet(this.text('DatSet'), undefined);
  }

  get enabled(): boolean {
    return this.enabledFlag;
  }

  /** The 7-2 reference, e.g. `LD0/LLN0.brcbStatus01`. */
  get ref(): string {
    const [ln, , name] = this.item.split('$');
    return `${this.domain}/${ln}.${name}`;
  }

  get triggerOptions(): readonly TriggerOption[] {
    return trgOpsFromBits(this.bits('TrgOps'));
  }

  /** A member of the data set raised a trigger. */
  trigger(index: number, reason: ReasonCode): void {
    if (!this.enabledFlag && !this.buffering) return;
    if (!(this.triggerOptions as readonly string[]).includes(reason)) return;
    this.gatherer.trigger(index, reason);
  }

  /** General interrogation: every member, reason gi (7-2 §17.2.2.x); the waiting report goes first. */
  generalInterrogation(): void {
    if (!this.triggerOptions.includes('gi')) return;
    this.gatherer.flush();
    this.onGathered(this.allMembers(), 'gi');
  }

  /** Sends what a BRCB holds for its client, oldest first (after a resume, or when reports resume). */
  deliver(): void {
    const owner = this.owner;
    if (!this.buffer || !this.enabledFlag || !owner || owner.closed || this.host.paused) return;
    for (let e = this.buffer.next(); e; e = this.buffer.next()) {
      this.send(owner, e.members, e);
      this.buffer.delivered(e);
      this.set('EntryID', { type: 'octet-string', value: e.entryId });
      this.set('TimeofEntry', { type: 'binary-time', ...entryTimeToFields(e.timeMs) });
    }
  }

  /** ConfRev + 1, as after a reconfiguration of the IED. */
  bumpConfRev(): void {
    this.set('ConfRev', { type: 'unsigned', value: this.number('ConfRev') + 1 });
  }

  /** Stops timers (the server is going down). */
  stop(): void {
    this.gatherer.clear();
    this.stopIntegrity();
  }

  /** A client's write to an attribute, under the rules a real IED applies. */
  write(value: MmsValue, ctx: ClientContext, path: readonly string[]): WriteResult {
    const [attribute, ...below] = path;
    if (attribute === undefined) return refused('object-access-denied');
    const leaf = this.attrs.get(attribute);
    if (!leaf || below.length > 0) return refused('object-non-existent');
    if (READ_ONLY_ATTRIBUTES.has(attribute)) return refused('object-access-denied');
    if (typeMismatch(specOf(leaf), value) !== undefined) return refused('type-inconsistent');
    if (this.heldByOther(ctx)) return refused('temporarily-unavailable');
    switch (attribute) {
      case 'RptEna':
        return value.type === 'boolean' && value.value ? this.enable(ctx) : this.disable();
      case 'GI':
        if (this.enabledFlag && value.type === 'boolean' && value.value) this.generalInterrogation();
        return WRITE_OK;
      case 'Resv':
        return this.writeResv(value.type === 'boolean' && value.value, ctx);
      case 'ResvTms':
        return this.writeResvTms(value, ctx);
    }
    // Everything else configures the RCB: refused while it is enabled (7-2 §17.2.2.x).
    if (this.enabledFlag) return refused('temporarily-unavailable');
    const result = this.configure(attribute, value, ctx);
    if (result.ok) this.take(ctx);
    return result;
  }

  private configure(attribute: string, value: MmsValue, ctx: ClientContext): WriteResult {
    switch (attribute) {
      case 'DatSet': {
        const text = value.type === 'visible-string' ? value.value : '';
        const set = text === '' ? undefined : this.host.resolveDataSet(text, ctx);
        if (text !== '' && !set) return refused('object-value-invalid');
        if (text !== this.text('DatSet')) {
          this.set('DatSet', value);
          this.dataSet = set;
          // ConfRev counts changes of the data set reference (7-2 Ed2 §17.2.2.8).
          this.bumpConfRev();
          this.gatherer.clear();
          this.buffer?.purge();
          this.host.rewatch(this);
        }
        return WRITE_OK;
      }
      case 'PurgeBuf':
        if (value.type === 'boolean' && value.value) this.buffer?.purge();
        return WRITE_OK;
      case 'EntryID':
        return value.type === 'octet-string' && this.buffer?.resumeAfter(value.value) ? WRITE_OK : refused('object-value-invalid');
      default:
        this.set(attribute, value);
        return WRITE_OK;
    }
  }

  private enable(ctx: ClientContext): WriteResult {
    // An association-specific data set belongs to the client that defined it: look it up for this one.
    if (this.text('DatSet').startsWith('@')) this.dataSet = this.host.resolveDataSet(this.text('DatSet'), ctx);
    if (!this.dataSet) return refused('object-attribute-inconsistent');
    this.take(ctx);
    if (!this.buffered) this.set('Resv', { type: 'boolean', value: true });
    this.enabledFlag = true;
    this.set('RptEna', { type: 'boolean', value: true });
    if (this.buffer) {
      this.buffering = true;
      this.buffer.startFromOldestUnlessResumed();
      queueMicrotask(() => this.deliver());
    }
    this.startIntegrity();
    return WRITE_OK;
  }

  private disable(): WriteResult {
    if (!this.enabledFlag) return WRITE_OK;
    this.enabledFlag = false;
    this.set('RptEna', { type: 'boolean', value: false });
    this.stopIntegrity();
    // A URCB forgets what was waiting; a BRCB keeps buffering it.
    if (!this.buffered) this.gatherer.clear();
    return WRITE_OK;
  }

  private writeResv(reserve: boolean, ctx: ClientContext): WriteResult {
    if (!reserve && this.enabledFlag) return refused('temporarily-unavailable');
    if (reserve) this.take(ctx);
    else this.release();
    this.set('Resv', { type: 'boolean', value: reserve });
    return WRITE_OK;
  }

  private writeResvTms(value: MmsValue, ctx: ClientContext): WriteResult {
    const seconds = value.type === 'integer' ? Number(value.value) : -1;
    if (seconds < 0) return refused('object-value-invalid');
    if (this.enabledFlag) return refused('temporarily-unavailable');
    this.set('ResvTms', { type: 'integer', value: seconds });
    if (seconds > 0) this.take(ctx);
    else this.release();
    return WRITE_OK;
  }

  /** The client now owns the RCB: reserved, Owner shows its address, and it is freed when it goes. */
  private take(ctx: ClientContext): void {
    if (this.owner === ctx) return;
    this.owner = ctx;
    this.reservedFor = undefined;
    this.set('Owner', { type: 'octet-string', value: ownerOctets(ctx.remote) });
    ctx.onClose(() => {
      if (this.owner === ctx) this.ownerLeft(ctx);
    });
  }

  private release(): void {
    this.owner = undefined;
    this.reservedFor = undefined;
    this.set('Owner', { type: 'octet-string', value: new Uint8Array(0) });
  }

  /** The owner's association ended: disabled; a URCB is freed, a BRCB keeps buffering (and its ResvTms). */
  private ownerLeft(ctx: ClientContext): void {
    this.disable();
    this.owner = undefined;
    if (!this.buffered) {
      this.set('Resv', { type: 'boolean', value: false });
      this.release();
      return;
    }
    const resvTms = this.number('ResvTms');
    if (resvTms > 0) this.reservedFor = { ip: ipOf(ctx.remote), until: this.host.now() + resvTms * 1000 };
    else this.release();
  }

  private heldByOther(ctx: ClientContext): boolean {
    if (this.reservedFor && this.host.now() > this.reservedFor.until) this.release();
    if (this.owner && this.owner !== ctx && !this.owner.closed) return true;
    return this.reservedFor !== undefined && this.reservedFor.ip !== ipOf(ctx.remote);
  }

  private startIntegrity(): void {
    this.stopIntegrity();
    const period = this.number('IntgPd');
    if (period <= 0 || !this.triggerOptions.includes('period')) return;
    this.integrityTimer = setInterval(() => {
      if (!this.enabledFlag) return;
      this.gatherer.flush();
      this.onGathered(this.allMembers(), 'integrity');
    }, period);
  }

  private stopIntegrity(): void {
    if (this.integrityTimer !== undefined) clearInterval(this.integrityTimer);
    this.integrityTimer = undefined;
  }

  private allMembers(): GatheredMembers {
    const out = new Map<number, { reasons: ReasonCode[]; value: MmsValue }>();
    this.dataSet?.members.forEach((_, i) => {
      const value = this.memberValue(i);
      if (value) out.set(i, { reasons: [], value });
    });
    return out;
  }

  /** A report's members: sent now (URCB), or buffered and then sent (BRCB). */
  private onGathered(members: GatheredMembers, reason: ReasonCode | false): void {
    const included: IncludedMember[] = [...members].map(([index, m]) => ({
      index,
      dataRef: this.dataRef(index),
      value: m.value,
      reasons: reason ? [reason] : m.reasons,
    }));
    if (included.length === 0) return;
    if (this.buffer) {
      const key = this.host.nextEntryKey();
      this.buffer.append({ key, entryId: entryIdOf(key), timeMs: this.host.now(), members: included });
      this.deliver();
      return;
    }
    const owner = this.owner;
    if (this.enabledFlag && owner && !owner.closed && !this.host.paused) this.send(owner, included, undefined);
  }

  private send(owner: ClientContext, members: readonly IncludedMember[], entry: BufferedEntry | undefined): void {
    const opt = new Set<OptField>(optFldsFromBits(this.bits('OptFlds')));
    const header: ReportHeaderFields = {
      rptId: this.text('RptID') || `${this.domain}/${this.item}`,
      optFlds: opt,
      sqNum: this.sqNum,
      timeOfEntryMs: entry?.timeMs ?? this.host.now(),
      datSet: this.text('DatSet'),
      bufOvfl: this.buffer?.takeOverflow() ?? false,
      ...(entry ? { entryId: entry.entryId } : {}),
      confRev: this.number('ConfRev'),
      memberCount: this.dataSet?.members.length ?? 0,
    };
    for (const report of buildReports(header, members, owner.maxPduSize)) owner.sendReport(report);
    this.sqNum = (this.sqNum + 1) % (this.buffered ? 0x10000 : 0x100);
    this.set('SqNum', { type: 'unsigned', value: this.sqNum });
  }

  private memberValue(index: number): MmsValue | undefined {
    const member = this.dataSet?.members[index];
    return member && valueOf(member.node);
  }

  private dataRef(index: number): string {
    const name = this.dataSet?.members[index]?.name;
    return name?.scope === 'domain' ? `${name.domain}/${name.item}` : (name?.item ?? '');
  }

  private set(attribute: string, value: MmsValue): void {
    const leaf = this.attrs.get(attribute);
    if (leaf) this.host.model.setLeaf(leaf, value);
  }

  private text(attribute: string): string {
    const v = this.attrs.get(attribute)?.value;
    return v?.type === 'visible-string' ? v.value : '';
  }

  private number(attribute: string): number {
    const v = this.attrs.get(attribute)?.value;
    return v && (v.type === 'unsigned' || v.type === 'integer') ? Number(v.value) : 0;
  }

  private bits(attribute: string): { bitLength: number; bytes: Uint8Array } {
    const v = this.attrs.get(attribute)?.value;
    return v?.type === 'bit-string' ? v : { bitLength: 0, bytes: new Uint8Array(0) };
  }
}

/** The address part of `address:port`: a BRCB reservation outlives the connection, not the client. */
function ipOf(remote: string): string {
  return remote.replace(/:\d+$/, '');
}
