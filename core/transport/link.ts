import { TypedEmitter } from '../shared';

/** Why a link closed. `local` is a close we asked for; everything else came from the peer or the OS. */
export type LinkCloseReason =
  | { kind: 'local' }
  | { kind: 'peer-closed' }
  | { kind: 'error'; code: string; message: string };

export interface LinkEvents extends Record<string, unknown> {
  data: Uint8Array;
  close: LinkCloseReason;
}

/**
 * A bidirectional byte stream: a TCP socket in production, an in-memory pair in tests. The ISO/MMS
 * layers above see only this, so the client state machine is tested without sockets.
 */
export interface ByteLink {
  /** The peer's end: `address:port` for TCP. */
  readonly remote: string;
  /**
   * This end: `address:port` for TCP, the address the peer sees (an IED records it as an RCB's Owner);
   * a name for an in-memory link.
   */
  readonly local: string;
  readonly closed: boolean;
  /** Bytes written but not yet handed to the OS: a peer that stops reading makes this grow. */
  readonly bufferedAmount: number;
  write(bytes: Uint8Array): void;
  /** Graceful close (FIN after pending writes). Emits `close` with `{kind:'local'}` once. */
  close(): void;
  /** Immediate teardown, e.g. after a protocol error. */
  destroy(reason?: LinkCloseReason): void;
  /**
   * Stops `data` events until `resume()`: a reader that has fallen behind pushes back on the peer
   * (TCP flow control) instead of buffering what it cannot process yet. Optional: a link without it
   * keeps delivering.
   */
  pause?(): void;
  resume?(): void;
  on<K extends keyof LinkEvents>(event: K, listener: (payload: LinkEvents[K]) => void): () => void;
}

/** Shared bookkeeping: emits `close` exactly once and drops writes after it. */
export abstract class BaseLink extends TypedEmitter<LinkEvents> implements ByteLink {
  private closeReason: LinkCloseReason | undefined;

  abstract readonly remote: string;
  abstract readonly local: string;
  abstract readonly bufferedAmount: number;
  abstract write(bytes: Uint8Array): void;
  abstract close(): void;
  abstract destroy(reason?: LinkCloseReason): void;

  get closed(): boolean {
    return this.closeReason !== undefined;
  }

  protected finish(reason: LinkCloseReason): void {
    if (this.closeReason) return;
    this.closeReason = reason;
    this.emit('close', reason);
  }
}

export function describeClose(reason: LinkCloseReason): string {
  switch (reason.kind) {
    case 'local':
      return 'closed locally';
    case 'peer-closed':
      return 'closed by the peer';
    case 'error':
      return `${reason.code}: ${reason.message}`;
  }
}
