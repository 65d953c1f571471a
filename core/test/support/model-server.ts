import { IsoAssociation } from '../../iso';
import { REASON_CODES, bitsFromNames, optFldsFromBits, optFldsToBits, type ReasonCode } from '../../iec61850';
import {
  decodeMmsPdu,
  encodeConclude,
  encodeConfirmedError,
  encodeConfirmedResponse,
  encodeInformationReport,
  encodeInitiateResponse,
  type AccessResult,
  type MmsValue,
} from '../../mms';
import { TcpListener, type ByteLink } from '../../transport';
import type { ModelIed } from './model-ied';

export interface ModelServerOptions {
  /** ACSE password; a wrong or missing one is refused with authentication-failure. */
  password?: string;
  maxPduSize?: number;
  maxOutstanding?: number;
  /** Delay every answer by this many ms (to test timeouts and pipelining). */
  answerDelayMs?: number;
  /** Items whose read is never answered (to test timeouts). */
  silentItems?: string[];
}

interface Session {
  link: ByteLink;
  iso: IsoAssociation;
  associated: boolean;
}

interface EnabledRcb {
  session: Session;
  domain: string;
  item: string;
  sqNum: number;
}

/**
 * A scripted IEC 61850 server over real TCP on 127.0.0.1: the project's own ISO responder and MMS codec
 * in front of a ModelIed, with a small report engine (RptEna, GI, data changes) so the client, the CLI
 * and the benchmarks run end to end without any external server.
 */
export class ModelServer {
  readonly sessions = new Set<Session>();
  private readonly enabled: EnabledRcb[] = [];

  private constructor(
    private readonly listener: TcpListener,
    readonly ied: ModelIed,
    private readonly options: ModelServerOptions,
  ) {
    listener.on('connection', (link) => this.attach(link));
  }

  static async start(ied: ModelIed, options: ModelServerOptions = {}): Promise<ModelServer> {
    return new ModelServer(await TcpListener.listen(0, '127.0.0.1'), ied, options);
  }

  get port(): number {
    return this.listener.port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await this.listener.close();
  }

  /** Drops every association at the TCP level, as a crashing IED would. */
  killConnections(): void {
    for (const s of this.sessions)
      s.link.destroy({ kind: 'error', code: 'test', message: 'killed by the test' });
  }

  /** Changes a leaf value and reports it (reason dchg) through every enabled RCB whose data set has it. */
  update(domain: string, item: string, value: MmsValue): void {
    const written = this.ied.answer({
      service: 'write',
      access: { kind: 'list', variables: [{ scope: 'domain', domain, item }] },
      values: [value],
    });
    if ('error' in written) throw new Error(`cannot update ${domain}/${item}`);
    for (const rcb of this.enabled) {
      const members = this.membersOf(rcb);
      const index = members.findIndex((m) => item === m || item.startsWith(`${m}$`));
      if (index >= 0) this.sendReport(rcb, new Set([index]), 'dchg');
    }
  }

  /** Serves one association over any byte link (TCP, or an in-memory pair in state-machine tests). */
  attach(link: ByteLink): void {
    const session: Session = {
      link,
      iso: new IsoAssociation({ role: 'responder', maxMmsPduSize: this.options.maxPduSize ?? 65000 }),
      associated: false,
    };
    this.sessions.add(session);
    link.on('close', () => {
      this.sessions.delete(session);
      session.iso.close();
      for (let i = this.enabled.length - 1; i >= 0; i--)
        if (this.enabled[i]?.session === session) this.enabled.splice(i, 1);
    });
    link.on('data', (chunk) => {
      for (const event of session.iso.receive(chunk)) {
        if (event.type === 'send') link.write(event.bytes);
        else if (event.type === 'associate-request')
          this.onAssociate(session, event.request.password, event.request.mmsPdu);
        else if (event.type === 'data') this.onPdu(session, event.mmsPdu);
        else if (event.type === 'protocol-error' || event.type === 'aborted' || event.type === 'released')
          link.close();
      }
    });
  }

  private onAssociate(session: Session, password: string | undefined, initiate: Uint8Array): void {
    if (this.options.password !== undefined && password !== this.options.password) {
      session.link.write(
        session.iso.reject({ source: 'acse-service-user', reason: 'authentication-failure' }),
      );
      session.link.close();
      return;
    }
    const pdu = decodeMmsPdu(initiate);
    if (pdu.kind !== 'initiate-request') throw new Error('expected an initiate request');
    const p = pdu.params;
    const response = encodeInitiateResponse({
      ...p,
      maxPduSize: Math.min(p.maxPduSize ?? 65000, this.options.maxPduSize ?? 65000),
      maxServOutstandingCalling: Math.min(p.maxServOutstandingCalling, this.options.maxOutstanding ?? 10),
      maxServOutstandingCalled: Math.min(p.maxServOutstandingCalled, this.options.maxOutstanding ?? 10),
    });
    session.link.write(session.iso.accept(response));
    session.associated = true;
  }

  private onPdu(session: Session, bytes: Uint8Array): void {
    const pdu = decodeMmsPdu(bytes);
    if (pdu.kind === 'conclude-request') {
      session.link.write(session.iso.sendData(encodeConclude('response')));
      return;
    }
    if (pdu.kind !== 'confirmed-request') return;
    const { request, invokeId } = pdu;
    if (
      request.service === 'read' &&
      request.access.kind === 'list' &&
      request.access.variables.some((v) => this.options.silentItems?.includes(v.item))
    )
      return;
    const answer = this.ied.answer(request);
    const out =
      'error' in answer
        ? encodeConfirmedError(invokeId, answer.error)
        : encodeConfirmedResponse(invokeId, answer);
    const send = (): void => {
      if (session.iso.state === 'associated') session.link.write(session.iso.sendData(out));
      if (request.service === 'write' && request.access.kind === 'list')
        this.afterWrite(
          session,
          request.access.variables.map((v) => ('domain' in v ? `${v.domain}/${v.item}` : v.item)),
        );
    };
    if (this.options.answerDelayMs) setTimeout(send, this.options.answerDelayMs);
    else send();
  }

  /** RptEna=true enables (and GI=true interrogates) an RCB of the model for this association. */
  private afterWrite(session: Session, names: string[]): void {
    for (const name of names) {
      const m = /^([^/]+)\/(.+\$(?:RP|BR)\$[^$]+)\$(RptEna|GI)$/.exec(name);
      if (!m) continue;
      const [, domain = '', item = '', attribute] = m;
      const value = this.readValue(domain, `${item}$${attribute}`);
      if (attribute === 'RptEna') {
        const i = this.enabled.findIndex((r) => r.domain === domain && r.item === item);
        if (value?.type === 'boolean' && value.value && i < 0)
          this.enabled.push({ session, domain, item, sqNum: 0 });
        if (value?.type === 'boolean' && !value.value && i >= 0) this.enabled.splice(i, 1);
      } else if (value?.type === 'boolean' && value.value) {
        const rcb = this.enabled.find((r) => r.domain === domain && r.item === item);
        if (rcb) this.sendReport(rcb, new Set(this.membersOf(rcb).map((_, k) => k)), 'gi');
      }
    }
  }

  private readValue(domain: string, item: string): MmsValue | undefined {
    const r = this.ied.answer({
      service: 'read',
      access: { kind: 'list', variables: [{ scope: 'domain', domain, item }] },
    });
    if ('error' in r || r.service !== 'read') return undefined;
    const [first] = r.results;
    return first?.ok ? first.value : undefined;
  }

  private membersOf(rcb: EnabledRcb): string[] {
    const datSet = this.readValue(rcb.domain, `${rcb.item}$DatSet`);
    if (datSet?.type !== 'visible-string') return [];
    const [domain = '', item = ''] = datSet.value.split('/');
    // Array-element members are reported as their whole array: the report tests use none.
    return (this.ied.model.dataSets?.[domain]?.[item] ?? []).map((m) => (typeof m === 'string' ? m : m.item));
  }

  /** Builds an IEC 61850-8-1 report: RptID, OptFlds, optional header fields, inclusion, values, reasons. */
  private sendReport(rcb: EnabledRcb, included: Set<number>, reason: ReasonCode): void {
    const rptId = this.readValue(rcb.domain, `${rcb.item}$RptID`);
    const optBits = this.readValue(rcb.domain, `${rcb.item}$OptFlds`);
    const datSet = this.readValue(rcb.domain, `${rcb.item}$DatSet`);
    if (
      rptId?.type !== 'visible-string' ||
      optBits?.type !== 'bit-string' ||
      datSet?.type !== 'visible-string'
    )
      return;
    const buffered = rcb.item.includes('$BR$');
    // A URCB has no buffer: the OptFlds it sends never claim BufOvfl or EntryID.
    const opt = new Set(
      optFldsFromBits(optBits).filter((f) => buffered || (f !== 'bufOvfl' && f !== 'entryID')),
    );
    const members = this.membersOf(rcb);
    const [domain = ''] = datSet.value.split('/');
    const items: AccessResult[] = [
      { ok: true, value: rptId },
      { ok: true, value: { type: 'bit-string', ...optFldsToBits(opt) } },
    ];
    if (opt.has('seqNum')) items.push({ ok: true, value: { type: 'unsigned', value: rcb.sqNum++ } });
    if (opt.has('timeStamp'))
      items.push({ ok: true, value: { type: 'binary-time', msOfDay: 1000, days: 15000 } });
    if (opt.has('dataSet')) items.push({ ok: true, value: datSet });
    if (opt.has('bufOvfl')) items.push({ ok: true, value: { type: 'boolean', value: false } });
    if (opt.has('entryID'))
      items.push({
        ok: true,
        value: { type: 'octet-string', value: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, rcb.sqNum & 0xff) },
      });
    if (opt.has('confRev')) items.push({ ok: true, value: { type: 'unsigned', value: 1 } });
    items.push({
      ok: true,
      value: {
        type: 'bit-string',
        ...bitsFromNames(
          members.map((_, i) => String(i)),
          [...included].map(String),
        ),
      },
    });
    const ordered = members.map((m, i) => ({ m, i })).filter(({ i }) => included.has(i));
    if (opt.has('dataRef'))
      for (const { m } of ordered)
        items.push({ ok: true, value: { type: 'visible-string', value: `${domain}/${m}` } });
    for (const { m } of ordered) {
      const v = this.readValue(domain, m);
      items.push(
        v ? { ok: true, value: v } : { ok: false, error: { code: 10, name: 'object-non-existent' } },
      );
    }
    if (opt.has('reasonCode'))
      for (const _ of ordered)
        items.push({ ok: true, value: { type: 'bit-string', ...bitsFromNames(REASON_CODES, [reason], 7) } });
    const pdu = encodeInformationReport({
      access: { kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } },
      results: items,
    });
    if (rcb.session.iso.state === 'associated') rcb.session.link.write(rcb.session.iso.sendData(pdu));
  }
}
