import { ClientError } from './errors';

/** What a confirmed service call needs from its caller. */
export interface CallSpec<R> {
  /**
   * One line naming the call, used in timeout and cancel errors (e.g. `read 3 variables`). A function is
   * called only when an error needs it, so the hot path builds no strings.
   */
  label: string | (() => string);
  /** Encodes the whole request PDU for the invoke id the engine assigns. */
  encode: (invokeId: number) => Uint8Array;
  /** Turns the answer for this invoke id into the caller's result, or throws. */
  complete: (answer: unknown) => R;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface InFlight {
  label: string | (() => string);
  timeoutMs: number;
  timer: ReturnType<typeof setTimeout>;
  resolve: (answer: unknown) => void;
  reject: (err: Error) => void;
  cleanup: () => void;
}

interface Queued {
  spec: CallSpec<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  cleanup: () => void;
}

export interface RequestEngineOptions {
  /** Sends one encoded PDU. Throwing here fails only the call that tried to send. */
  send: (pdu: Uint8Array) => void;
  /** Requests in flight at once: the negotiated MMS outstanding-calls limit. */
  maxOutstanding: number;
  /** Default per-request timeout (CONVENTIONS: 5 s). */
  timeoutMs: number;
  /** Called for an answer whose invoke id is not in flight (late after a timeout, or a peer bug). */
  onUnmatched?: (invokeId: number) => void;
}

/** MMS invokeID is Unsigned32; we wrap well below that so ids stay small and positive. */
const MAX_INVOKE_ID = 0x7fffffff;

/**
 * Invoke-id correlation for a pipelined confirmed-service protocol: up to `maxOutstanding` requests in
 * flight, the rest queued in call order; each with its own timeout and AbortSignal. Answers are matched
 * by invoke id, never by arrival order. When the connection ends, `failAll` rejects every call, in
 * flight and queued, with one error, so no promise is left hanging.
 */
export class RequestEngine {
  private readonly inFlight = new Map<number, InFlight>();
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private failure: Error | undefined;
  private maxOutstandingValue: number;

  constructor(private readonly options: RequestEngineOptions) {
    this.maxOutstandingValue = Math.max(1, options.maxOutstanding);
  }

  get outstanding(): number {
    return this.inFlight.size;
  }

  get queued(): number {
    return this.queue.length;
  }

  get maxOutstanding(): number {
    return this.maxOutstandingValue;
  }

  call<R>(spec: CallSpec<R>): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    if (spec.signal?.aborted) return Promise.reject(cancelled(labelText(spec.label)));
    return new Promise<R>((resolve, reject) => {
      const entry: Queued = {
        spec: spec as CallSpec<unknown>,
        resolve: resolve as (v: unknown) => void,
        reject,
        cleanup: () => {},
      };
      const onAbort = (): void => this.abortQueued(entry);
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      entry.cleanup = () => spec.signal?.removeEventListener('abort', onAbort);
      this.queue.push(entry);
      this.pump();
    });
  }

  /** Routes the answer (a response, error or reject PDU, already decoded) for an invoke id. */
  answer(invokeId: number, answer: unknown): void {
    const entry = this.inFlight.get(invokeId);
    if (!entry) {
      this.options.onUnmatched?.(invokeId);
      return;
    }
    this.finish(invokeId, entry);
    entry.resolve(answer);
    this.pump();
  }

  /** Fails the one call with this invoke id (e.g. a reject PDU that names it). */
  failOne(invokeId: number, err: Error): boolean {
    const entry = this.inFlight.get(invokeId);
    if (!entry) return false;
    this.finish(invokeId, entry);
    entry.reject(err);
    this.pump();
    return true;
  }

  /** The connection is gone: every call, in flight or queued, and every later call gets `err`. */
  failAll(err: Error): void {
    this.failure ??= err;
    const inFlight = [...this.inFlight.entries()];
    const queued = this.queue.splice(0);
    for (const [id, entry] of inFlight) {
      this.finish(id, entry);
      entry.reject(err);
    }
    for (const entry of queued) {
      entry.cleanup();
      entry.reject(err);
    }
  }

  private pump(): void {
    while (!this.failure && this.inFlight.size < this.maxOutstandingValue && this.queue.length > 0) {
      const entry = this.queue.shift() as Queued;
      entry.cleanup();
      this.dispatch(entry);
    }
  }

  private dispatch(entry: Queued): void {
    const { spec } = entry;
    const id = this.allocateId();
    let pdu: Uint8Array;
    try {
      pdu = spec.encode(id);
    } catch (err) {
      entry.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    const timer = setTimeout(() => this.expire(id), timeoutMs);
    const onAbort = (): void => {
      const current = this.inFlight.get(id);
      if (!current) return;
      this.finish(id, current);
      current.reject(cancelled(labelText(spec.label)));
      this.pump();
    };
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    this.inFlight.set(id, {
      label: spec.label,
      timeoutMs,
      timer,
      resolve: (answer) => {
        try {
          entry.resolve(spec.complete(answer));
        } catch (err) {
          entry.reject(err instanceof Error ? err : new Error(String(err)));
        }
      },
      reject: entry.reject,
      cleanup: () => spec.signal?.removeEventListener('abort', onAbort),
    });
    try {
      this.options.send(pdu);
    } catch (err) {
      const current = this.inFlight.get(id);
      if (current) {
        this.finish(id, current);
        current.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  private expire(id: number): void {
    const entry = this.inFlight.get(id);
    if (!entry) return;
    this.finish(id, entry);
    entry.reject(
      new ClientError(
        'timeout',
        `no answer to ${labelText(entry.label)} (invoke id ${id}) within ${entry.timeoutMs} ms`,
      ),
    );
    this.pump();
  }

  private finish(id: number, entry: InFlight): void {
    clearTimeout(entry.timer);
    entry.cleanup();
    this.inFlight.delete(id);
  }

  private abortQueued(entry: Queued): void {
    const index = this.queue.indexOf(entry);
    if (index < 0) return;
    this.queue.splice(index, 1);
    entry.cleanup();
    entry.reject(cancelled(labelText(entry.spec.label)));
  }

  private allocateId(): number {
    // Skip ids still in flight after a wrap (a long-lived association can wrap 2^31 ids).
    do {
      const id = this.nextId;
      this.nextId = id >= MAX_INVOKE_ID ? 1 : id + 1;
      if (!this.inFlight.has(id)) return id;
    } while (true);
  }
}

function labelText(label: string | (() => string)): string {
  return typeof label === 'string' ? label : label();
}

function cancelled(label: string): ClientError {
  return new ClientError('cancelled', `${label} was cancelled`);
}
