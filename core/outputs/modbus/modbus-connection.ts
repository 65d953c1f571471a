import type { Socket } from 'node:net';
import type { ModbusClient } from '../../contract';
import type { RegisterImage } from './register-map-image';
import { toHex } from '../../shared';
import { frameLength, readArea, type Responder, type Served, type ServeOptions } from './modbus-pdu';
import { registerRange } from './register-map-layout';

/** What the Modbus page of the UI shows per client (core/contract ModbusClientSchema). */
export type ModbusClientInfo = ModbusClient;

export interface ConnectionLimits {
  /** Unsent answers (bytes) before the server stops reading this client's requests. */
  readonly maxBufferedBytes: number;
  /** A client that has not read its answers for this long is disconnected. */
  readonly stalledTimeoutMs: number;
  /** A frame still incomplete after this long closes the connection. */
  readonly frameTimeoutMs: number;
  /** A client that sends nothing for this long is disconnected; 0 = never. */
  readonly idleTimeoutMs: number;
}

/**
 * One client connection: frames the byte stream, answers each request from the image, and counts.
 * Requests are answered in order, synchronously, from the image: a request never waits for an IED.
 *
 * Memory stays bounded per connection: at most one partial frame (< 260 bytes) is kept between reads,
 * and a client that does not read its answers stops being read once `maxBufferedBytes` are queued
 * (TCP flow control then stops it from sending), so it can hold no more than one received chunk.
 * A malformed header, or a frame the responder throws on, closes this connection only.
 */
export class ModbusConnection {
  private pending: Uint8Array | null = null;
  /** Reading is paused until the queued answers drain. */
  private paused = false;
  /** Runs from the first stall until the client has caught up with every answer. */
  private stalledTimer: NodeJS.Timeout | null = null;
  private frameTimer: NodeJS.Timeout | null = null;
  private requests = 0;
  private exceptions = 0;
  private readonly exceptionsByCode: Record<string, number> = {};
  private lastFc = 0;
  private lastStart = 0;
  private lastCount = 0;
  private lastAt = 0;
  readonly connectedAt = Date.now();

  constructor(
    readonly id: number,
    private readonly socket: Socket,
    private readonly image: RegisterImage,
    private readonly options: ServeOptions,
    private readonly limits: ConnectionLimits,
    private readonly onMalformed: (reason: string) => void,
    private readonly serve: Responder,
  ) {
    if (limits.idleTimeoutMs > 0) {
      socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy());
    }
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => this.drained());
  }

  info(): ModbusClientInfo {
    return {
      id: this.id,
      address: normalizeAddress(this.socket.remoteAddress ?? ''),
      port: this.socket.remotePort ?? 0,
      connectedAt: this.connectedAt,
      requests: this.requests,
      exceptions: this.exceptions,
      exceptionsByCode: { ...this.exceptionsByCode },
      lastRead: this.lastRead(),
      stalled: this.paused,
      queuedBytes: this.socket.writableLength,
    };
  }

  private lastRead(): ModbusClient['lastRead'] {
    // Only reads (FC 01-04) answered without an exception are recorded, so the area is always known.
    const area = readArea(this.lastFc);
    if (this.lastAt === 0 || area === null) return null;
    const range = registerRange(area, this.lastStart, this.lastCount);
    return { fc: this.lastFc, area, address: this.lastStart, count: this.lastCount, range, at: this.lastAt };
  }

  destroy(): void {
    this.socket.destroy();
  }

  dispose(): void {
    if (this.stalledTimer) clearTimeout(this.stalledTimer);
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.stalledTimer = null;
    this.frameTimer = null;
  }

  private receive(chunk: Uint8Array): void {
    let buf = chunk;
    if (this.pending !== null) {
      buf = new Uint8Array(this.pending.length + chunk.length);
      buf.set(this.pending);
      buf.set(chunk, this.pending.length);
      this.pending = null;
    }
    this.process(buf, 0);
  }

  /** Answers every whole frame of buf from `at`; keeps a partial frame, or the rest while stalled. */
  private process(buf: Uint8Array, start: number): void {
    let at = start;
    const end = buf.length;
    // One answer (an HMI's usual one request in flight) is written straight away; pipelined requests
    // in one chunk are corked so their answers leave in one writev.
    let answered = 0;
    try {
      while (at < end) {
        if (this.socket.writableLength > this.limits.maxBufferedBytes) {
          this.stall();
          break;
        }
        const length = frameLength(buf, at, end);
        if (length < 0) {
          this.onMalformed(`malformed MBAP header ${toHex(buf.subarray(at, at + 6), ' ')}`);
          this.socket.destroy();
          return;
        }
        if (length === 0) break;
        if (answered++ === 1) this.socket.cork();
        if (!this.answer(buf, at, length)) return;
        at += length;
      }
    } finally {
      if (answered > 1) this.socket.uncork();
    }
    // What is left is one partial frame (< 260 octets), or the unread rest of one chunk while stalled.
    this.pending = at < end ? buf.slice(at, end) : null;
    this.watchPartialFrame();
  }

  /** A frame that stays incomplete (a truncated MBAP, a client gone quiet mid-frame) closes the connection. */
  private watchPartialFrame(): void {
    const partial = this.pending !== null && !this.paused;
    if (partial && this.frameTimer === null) {
      this.frameTimer = setTimeout(() => {
        this.onMalformed(`incomplete frame for ${this.limits.frameTimeoutMs} ms: ${toHex(this.pending ?? new Uint8Array(), ' ')}`);
        this.socket.destroy();
      }, this.limits.frameTimeoutMs);
    } else if (!partial && this.frameTimer !== null) {
      clearTimeout(this.frameTimer);
      this.frameTimer = null;
    }
  }

  /** Answers one frame; false when it could not, and the connection is closed. */
  private answer(buf: Uint8Array, at: number, length: number): boolean {
    let served: Served;
    try {
      served = this.serve(this.image, buf, at, length, this.options);
    } catch (err) {
      // A decoder that throws on a hostile frame ends this connection only, never the process.
      this.onMalformed(`cannot answer ${toHex(buf.subarray(at, at + length), ' ')}: ${err instanceof Error ? err.message : String(err)}`);
      this.socket.destroy();
      return false;
    }
    this.requests++;
    if (served.exception !== 0) {
      this.exceptions++;
      this.exceptionsByCode[served.exception] = (this.exceptionsByCode[served.exception] ?? 0) + 1;
    } else {
      this.lastFc = served.fc;
      this.lastStart = served.start;
      this.lastCount = served.count;
      this.lastAt = Date.now();
    }
    this.socket.write(served.response);
    return true;
  }

  private stall(): void {
    if (this.paused) return;
    this.paused = true;
    this.socket.pause();
    // Not restarted by a drain: a client that never reads lets the kernel's buffers fill in steps, each
    // step a drain; only catching up with every answer clears it.
    this.stalledTimer ??= setTimeout(() => this.socket.destroy(), this.limits.stalledTimeoutMs);
  }

  private drained(): void {
    if (!this.paused) return;
    this.paused = false;
    const rest = this.pending;
    this.pending = null;
    if (rest !== null) this.process(rest, 0);
    else this.watchPartialFrame();
    if (this.paused || this.socket.destroyed) return;
    if (this.stalledTimer !== null) clearTimeout(this.stalledTimer);
    this.stalledTimer = null;
    this.socket.resume();
  }
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) → `127.0.0.1`. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
