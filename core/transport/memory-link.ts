import { BaseLink, type LinkCloseReason } from './link';

export interface MemoryPairOptions {
  /**
   * Deliver each write in pieces of at most this many bytes, as TCP may; tests use 1 to prove that
   * framing copes with any split.
   */
  chunkSize?: number;
}

/**
 * One end of an in-memory link pair. Delivery is asynchronous (a microtask), like a socket, so tests
 * see the same re-entrancy as production.
 */
export class MemoryLink extends BaseLink {
  peer: MemoryLink | undefined;
  /** Every byte written by this end, for assertions. */
  readonly written: Uint8Array[] = [];
  /** Delivery is never held back in memory. */
  readonly bufferedAmount = 0;

  constructor(
    readonly local: string,
    readonly remote: string,
    private readonly chunkSize: number,
  ) {
    super();
  }

  write(bytes: Uint8Array): void {
    if (this.closed) return;
    const copy = bytes.slice();
    this.written.push(copy);
    const peer = this.peer;
    for (let off = 0; off < copy.length; off += this.chunkSize) {
      const piece = copy.subarray(off, off + this.chunkSize);
      queueMicrotask(() => {
        if (peer && !peer.closed) peer.emit('data', piece);
      });
    }
  }

  close(): void {
    this.shutdown({ kind: 'local' }, { kind: 'peer-closed' });
  }

  destroy(reason: LinkCloseReason = { kind: 'local' }): void {
    this.shutdown(reason, { kind: 'peer-closed' });
  }

  private shutdown(mine: LinkCloseReason, theirs: LinkCloseReason): void {
    if (this.closed) return;
    const peer = this.peer;
    // Let data already "on the wire" arrive before the peer sees the close, as with TCP FIN.
    queueMicrotask(() => peer?.finish(theirs));
    this.finish(mine);
  }
}

export function createMemoryLinkPair(options: MemoryPairOptions = {}): [MemoryLink, MemoryLink] {
  const chunk = options.chunkSize ?? Number.MAX_SAFE_INTEGER;
  const a = new MemoryLink('memory:a', 'memory:b', chunk);
  const b = new MemoryLink('memory:b', 'memory:a', chunk);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
