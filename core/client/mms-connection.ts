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
  type InformationReport,
  type InitiateParameters,
  type MmsPdu,
} from '../mms';
import { TypedEmitter, errorMessage } from '../shared';
import { describeClose, type ByteLink } from '../transport';
import { rejectToClient, serviceErrorToClient } from './error-mapping';
import { ClientError } from './errors';
import { RequestEngine } from './request-engine';
import type { TrafficTap } from './traffic-tap';

/** The events of the ISO association state machine the connection reacts to. */
export type IsoStackEvent =
  | { type: 'output'; bytes: Uint8Array }
  | { type: 'associated'; mmsPdu: Uint8Array }
  | { type: 'rejected'; reason: string }
  | { type: 'data'; mmsPdu: Uint8Array }
  | { type: 'released' }
  | { type: 'aborted'; reason: string }
  | { type: 'disconnected'; reason: string }
  | { type: 'protocol-error'; error: Error };

/** What the connection needs from core/iso: an initiator association, fed bytes, returning bytes. */
export interface IsoStack {
  connect(mmsInitiateRequest: Uint8Array): Uint8Array;
  receive(chunk: Uint8Array): readonly IsoStackEvent[];
  send(mmsPdu: Uint8Array): Uint8Array;
  release(): Uint8Array;
  abort(): Uint8Array;
  close(): void;
}

export interface MmsConnectionOptions {
  /** Where, for messages: `10.0.0.5:102`. */
  where: string;
  /** Association (ISO + MMS initiate) must complete within this. Default 5000 ms. */
  associateTimeoutMs?: number;
  /** Per-request timeout. Default 5000 ms. */
  requestTimeoutMs?: number;
  /** What we propose in the MMS Initiate. */
  initiate?: Partial<InitiateParameters>;
  tap?: TrafficTap;
}

export interface Negotiated {
  maxPduSize: number;
  maxOutstanding: number;
  nestingLevel: number | undefined;
  params: InitiateParameters;
}

export interface MmsConnectionEvents extends Record<string, unknown> {
  report: InformationReport;
  /** A PDU that could not be decoded or routed: the connection stays up, diagnostics should show it. */
  warning: string;
  closed: ClientError;
}

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
        this.options.tap?.record('sent', pdu, () =>
          summarizeMmsPdu({ kind: 'confirmed-request', invokeId, request }),
        );
        return this.iso.send(pdu);
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
      const fail = (err: ClientError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.shutdown(err);
        this.link.destroy();
        reject(err);
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
      this.link.on('data', (chunk) => {
        for (const event of this.iso.receive(chunk)) {
          if (event.type === 'associated' && !settled) {
            try {
              this.onAssociated(event.mmsPdu, proposal);
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
        }
      });
      const initiate = encodeInitiateRequest(proposal);
      this.options.tap?.record('sent', initiate, () =>
        summarizeMmsPdu({ kind: 'initiate-request', params: proposal }),
      );
      this.link.write(this.iso.connect(initiate));
    });
  }

  private onAssociated(bytes: Uint8Array, proposal: InitiateParameters): void {
    const pdu = decodeMmsPdu(bytes);
    this.options.tap?.record('received', bytes, () => summarizeMmsPdu(pdu));
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
        this.onMmsPdu(event.mmsPdu);
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

  private onMmsPdu(bytes: Uint8Array): void {
    let pdu: MmsPdu;
    try {
      pdu = decodeMmsPdu(bytes);
    } catch (err) {
      this.options.tap?.record('received', bytes, () => `undecodable PDU: ${errorMessage(err)}`);
      const id = peekInvokeId(bytes);
      const error = new ClientError(
        'protocol-error',
        `undecodable answer from ${this.options.where}: ${errorMessage(err)}`,
        { cause: err },
      );
      if (id === undefined || !this.engine?.failOne(id, error)) this.emit('warning', error.message);
      return;
    }
    this.options.tap?.record('received', bytes, () => summarizeMmsPdu(pdu));
    this.route(pdu);
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
    this.options.tap?.record('sent', pdu, summary);
    this.link.write(this.iso.send(pdu));
  }

  private shutdown(err: ClientError): void {
    if (this.closedError) return;
    this.closedError = err;
    this.iso.close();
    this.engine?.failAll(err);
    this.emit('closed', err);
  }
}
