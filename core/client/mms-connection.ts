import {
  decodeMmsPdu,
  defaultInitiateRequest,
  encodeConclude,
  encodeConfirmedRequest,
  encodeInitiateRequest,
  negotiatedLimits,
  peekInvokeId,
  summarizeMmsPdu,
  summarizeRequest,
  type ConfirmedRequest,
  type ConfirmedResponse,
  type InitiateParameters,
  type MmsPdu,
} from '../mms';
import { TypedEmitter, errorMessage } from '../shared';
import { describeClose, type ByteLink } from '../transport';
import { rejectToClient, serviceErrorToClient } from './error-mapping';
import { ClientError } from './errors';
import { RequestEngine } from './request-engine';
import { SlicedQueue } from './sliced-queue';
import type {
  ConnectionCounters,
  IsoStack,
  IsoStackEvent,
  MmsConnectionEvents,
  MmsConnectionOptions,
  Negotiated,
} from './mms-connection-types';
import type { FrameHead, TrafficRecord } from './traffic-tap';

/** MMSpdu ::= CHOICE { ..., unconfirmed-PDU [3] IMPLICIT Unconfirmed-PDU, ... }: an InformationReport. */
const UNCONFIRMED_PDU_TAG = 0xa3;

/**
 * An MMS association over a byte link: associates (ISO + Initiate), then runs confirmed services with
 * pipelining up to the negotiated outstanding limit, routes InformationReports apart from responses,
 * and on any loss rejects every pending call with one error.
 */
export class MmsConnection extends TypedEmitter<MmsConnectionEvents> {
  private engine: RequestEngine | undefined;
  private negotiatedValue: Negotiated | undefined;
  private closedError: ClientError | undefined;
  private concludeWaiter: ((ok: boolean) => void) | undefined;
  private releaseWaiter: (() => void) | undefined;
  private inbound: SlicedQueue<IsoStackEvent> | undefined;
  /** The tap record of the PDU being routed, so a subscriber's verdict on it can be kept with it. */
  private routing: TrafficRecord | undefined;
  private readonly countersValue: ConnectionCounters = {
    bytesReceived: 0,
    pdusReceived: 0,
    reports: 0,
    undecodablePdus: 0,
    undecodableReports: 0,
    inboundYields: 0,
  };

  private constructor(
    private readonly link: ByteLink,
    private readonly iso: IsoStack,
    private readonly options: MmsConnectionOptions,
  ) {
    super();
  }

  /** Associates over an open link. Rejects with a ClientError (association-rejected, timeout, ...). */
  static open(link: ByteLink, iso: IsoStack, options: MmsConnectionOptions): Promise<MmsConnection> {
    const connection = new MmsConnection(link, iso, options);
    return connection.associate();
  }

  get negotiated(): Negotiated {
    if (!this.negotiatedValue) throw new ClientError('not-connected', 'the association is not established');
    return this.negotiatedValue;
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  /** The peer, for messages: `10.0.0.5:102`. */
  get where(): string {
    return this.options.where;
  }

  get counters(): Readonly<ConnectionCounters> {
    return { ...this.countersValue, inboundYields: this.inbound?.yields ?? 0 };
  }

  /**
   * A `report` listener found the report it was given undecodable (e.g. an IEC 61850 report whose
   * fields do not add up): counted, the reason kept on its traffic-tap record, and `undecodable-report`
   * emitted. Call it from inside the listener, while the report is being routed.
   */
  undecodableReport(reason: string): void {
    this.countersValue.undecodableReports++;
    const record = this.routing;
    if (record) record.problem = reason;
    this.emit('undecodable-report', record ? { reason, record } : { reason });
  }

  get outstanding(): number {
    return this.engine?.outstanding ?? 0;
  }

  request(
    request: ConfirmedRequest,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<ConfirmedResponse> {
    const engine = this.engine;
    if (!engine || this.closedError)
      return Promise.reject(
        this.closedError ?? new ClientError('not-connected', `no association with ${this.options.where}`),
      );
    const label = (): string => summarizeRequest(request);
    return engine.call({
      label,
      ...options,
      encode: (invokeId) => {
        const pdu = encodeConfirmedRequest(invokeId, request);
        if (pdu.length > this.negotiated.maxPduSize) {
          throw new ClientError(
            'too-large',
            `${label()} needs a ${pdu.length}-octet PDU, more than the negotiated ${this.negotiated.maxPduSize}`,
          );
        }
        const frame = this.iso.send(pdu);
        this.options.tap?.record(
          'sent',
          pdu,
          () => summarizeMmsPdu({ kind: 'confirmed-request', invokeId, request }),
          frame,
        );
        return frame;
      },
      complete: (answer) => {
        const response = answer as ConfirmedResponse;
        if (response.service !== request.service) {
          throw new ClientError(
            'protocol-error',
            `${label()}: the server answered with a ${response.service} response`,
          );
        }
        return response;
      },
    });
  }

  /** Orderly end: MMS Conclude, then ACSE release, then TCP close. Falls back to abort on failure. */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closedError) return;
    try {
      await this.withTimeout(timeoutMs, (done) => {
        this.concludeWaiter = done;
        this.sendMms(encodeConclude('request'), () => 'conclude-request');
      });
      await this.withTimeout(timeoutMs, (done) => {
        this.releaseWaiter = () => done(true);
        this.link.write(this.iso.release());
      });
      this.shutdown(new ClientError('not-connected', `association with ${this.options.where} was released`));
      this.link.close();
    } catch {
      this.abort();
    }
  }

  /** Immediate end: ACSE abort and TCP close. */
  abort(): void {
    if (this.closedError) return;
    try {
      const bytes = this.iso.abort();
      if (bytes.length > 0) this.link.write(bytes);
    } finally {
      this.shutdown(
        new ClientError('not-connected', `association with ${this.options.where} was aborted locally`),
      );
      this.link.close();
    }
  }

  private withTimeout(ms: number, start: (done: (ok: boolean) => void) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ClientError('timeout', `no answer from ${this.options.where} within ${ms} ms`)),
        ms,
      );
      start((ok) => {
        clearTimeout(timer);
        if (ok) resolve();
        else reject(new ClientError('service-error', 'refused'));
      });
    });
  }

  private associate(): Promise<MmsConnection> {
    const { where } = this.options;
    const timeoutMs = this.options.associateTimeoutMs ?? 5000;
    const proposal = defaultInitiateRequest(this.options.initiate);
    return new Promise<MmsConnection>((resolve, reject) => {
      let settled = false;
      // During the association this rejects open(); afterwards (a peer abort, an undecodable frame) it
      // ends the association all the same, failing every request, instead of leaving them to time out.
      const fail = (err: ClientError): void => {
        const wasSettled = settled;
        settled = true;
        clearTimeout(timer);
        this.shutdown(err);
        this.link.destroy();
        if (!wasSettled) reject(err);
      };
      const timer = setTimeout(
        () => fail(new ClientError('timeout', `no association with ${where} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.link.on('close', (reason) => {
        if (!settled) {
          // libiec61850 and some IEDs answer a wrong password or a full association table by closing TCP.
          const why = `${where} closed the connection during association (${describeClose(reason)})`;
          fail(
            new ClientError(
              'association-failed',
              `${why}; some IEDs do this on a wrong password or a full association table`,
            ),
          );
        } else
          this.shutdown(
            new ClientError('connection-lost', `connection to ${where} lost: ${describeClose(reason)}`),
          );
      });
      const onEvent = (event: IsoStackEvent): void => {
        if (event.type === 'associated' && !settled) {
          try {
            this.onAssociated(event.mmsPdu, proposal, event.frame);
            settled = true;
            clearTimeout(timer);
            resolve(this);
          } catch (err) {
            fail(
              err instanceof ClientError
                ? err
                : new ClientError('association-failed', `${where}: ${errorMessage(err)}`),
            );
          }
        } else if (event.type === 'rejected') {
          fail(new ClientError('association-rejected', `${where}: ${event.reason}`));
        } else {
          this.onIsoEvent(event, fail);
        }
      };
      this.inbound = new SlicedQueue<IsoStackEvent>({
        handle: onEvent,
        onBehind: () => this.link.pause?.(),
        onCaughtUp: () => this.link.resume?.(),
      });
      this.link.on('data', (chunk) => this.onData(chunk));
      const initiate = encodeInitiateRequest(proposal);
      this.options.tap?.record('sent', initiate, () =>
        summarizeMmsPdu({ kind: 'initiate-request', params: proposal }),
      );
      this.link.write(this.iso.connect(initiate));
    });
  }

  /**
   * Bytes from the link: the ISO stack frames them at once (cheap, bounded by the chunk), and the
   * events are handled in time slices, so a flood of PDUs never holds the event loop.
   */
  private onData(chunk: Uint8Array): void {
    this.countersValue.bytesReceived += chunk.length;
    this.inbound?.push(this.iso.receive(chunk));
  }

  private onAssociated(bytes: Uint8Array, proposal: InitiateParameters, frame?: FrameHead): void {
    const pdu = decodeMmsPdu(bytes);
    this.options.tap?.record('received', bytes, () => summarizeMmsPdu(pdu), frame);
    if (pdu.kind === 'initiate-error')
      throw new ClientError(
        'association-rejected',
        `${this.options.where}: MMS initiate refused (${pdu.error.name})`,
      );
    if (pdu.kind !== 'initiate-response')
      throw new ClientError(
        'protocol-error',
        `${this.options.where}: expected an MMS initiate response, got ${pdu.kind}`,
      );
    // The response may only lower what we proposed; never trust a larger value.
    const { maxPduSize, maxOutstanding, nestingLevel } = negotiatedLimits(proposal, pdu.params);
    this.negotiatedValue = { maxPduSize, maxOutstanding, nestingLevel, params: pdu.params };
    this.engine = new RequestEngine({
      send: (bytes) => this.link.write(bytes),
      maxOutstanding,
      timeoutMs: this.options.requestTimeoutMs ?? 5000,
      onUnmatched: (id) =>
        this.emit('warning', `answer for invoke id ${id}, which is not in flight (late after a timeout?)`),
    });
  }

  private onIsoEvent(event: IsoStackEvent, fail: (err: ClientError) => void): void {
    const { where } = this.options;
    switch (event.type) {
      case 'output':
        this.link.write(event.bytes);
        return;
      case 'data':
        this.onMmsPdu(event.mmsPdu, event.frame);
        return;
      case 'released':
        this.releaseWaiter?.();
        return;
      case 'aborted':
        fail(new ClientError('connection-lost', `${where}: ${event.reason}`));
        return;
      case 'disconnected':
        fail(new ClientError('connection-lost', `${where}: ${event.reason}`));
        return;
      case 'protocol-error':
        fail(new ClientError('protocol-error', `${where}: ${event.error.message}`, { cause: event.error }));
        return;
      default:
        return;
    }
  }

  private onMmsPdu(bytes: Uint8Array, frame?: FrameHead): void {
    this.countersValue.pdusReceived++;
    let pdu: MmsPdu;
    try {
      pdu = decodeMmsPdu(bytes);
    } catch (err) {
      this.onUndecodable(bytes, err, frame);
      return;
    }
    this.routing = this.options.tap?.record('received', bytes, () => summarizeMmsPdu(pdu), frame);
    try {
      this.route(pdu);
    } finally {
      this.routing = undefined;
    }
  }

  private onUndecodable(bytes: Uint8Array, err: unknown, frame?: FrameHead): void {
    this.countersValue.undecodablePdus++;
    const reason = errorMessage(err);
    const record = this.options.tap?.record('received', bytes, () => `undecodable PDU: ${reason}`, frame);
    if (record) record.problem = reason;
    if (bytes[0] === UNCONFIRMED_PDU_TAG) {
      this.countersValue.undecodableReports++;
      this.emit('undecodable-report', record ? { reason, record } : { reason });
      return;
    }
    const id = peekInvokeId(bytes);
    const error = new ClientError(
      'protocol-error',
      `undecodable answer from ${this.options.where}: ${reason}`,
      {
        cause: err,
      },
    );
    if (id === undefined || !this.engine?.failOne(id, error)) this.emit('warning', error.message);
  }

  private route(pdu: MmsPdu): void {
    switch (pdu.kind) {
      case 'confirmed-response':
        this.engine?.answer(pdu.invokeId, pdu.response);
        return;
      case 'confirmed-error':
        this.engine?.failOne(pdu.invokeId, serviceErrorToClient(pdu.error, `invoke id ${pdu.invokeId}`));
        return;
      case 'reject':
        if (
          pdu.invokeId === undefined ||
          !this.engine?.failOne(pdu.invokeId, rejectToClient(pdu.reason, `invoke id ${pdu.invokeId}`))
        ) {
          this.emit('warning', `the server sent a reject (${pdu.reason.name})`);
        }
        return;
      case 'information-report':
        this.countersValue.reports++;
        this.emit('report', pdu.report);
        return;
      case 'conclude-response':
        this.concludeWaiter?.(true);
        return;
      case 'conclude-error':
        this.concludeWaiter?.(false);
        return;
      default:
        this.emit('warning', `unexpected ${pdu.kind} PDU from the server`);
    }
  }

  private sendMms(pdu: Uint8Array, summary: () => string): void {
    const frame = this.iso.send(pdu);
    this.options.tap?.record('sent', pdu, summary, frame);
    this.link.write(frame);
  }

  private shutdown(err: ClientError): void {
    if (this.closedError) return;
    this.closedError = err;
    this.inbound?.stop();
    this.iso.close();
    this.engine?.failAll(err);
    this.emit('closed', err);
  }
}
