import { createServer, type Server, type Socket } from 'node:net';
import { IsoAssociation } from '../../iso';
import {
  decodeMmsPdu,
  encodeConclude,
  encodeConfirmedError,
  encodeConfirmedResponse,
  encodeInitiateResponse,
  type ConfirmedRequest,
  type ConfirmedResponse,
  type ServiceError,
} from '../../mms';

/** What a script answers to one confirmed request: a response, a ServiceError, or nothing at all. */
export type PeerReply = ConfirmedResponse | { error: ServiceError } | 'silent';

/** One association of the hostile peer, as its script sees it. */
export interface PeerSession {
  /** Sends one MMS PDU in ISO data frames; false when the socket's buffer is full. */
  send(pdu: Uint8Array): boolean;
  /**
   * Sends the PDUs `next` makes, back to back, as fast as the client reads them (the socket's
   * backpressure paces it) until `next` returns undefined, `stop()` is called or the connection ends.
   */
  flood(next: () => Uint8Array | undefined): { stop: () => void; readonly sent: number };
  readonly closed: boolean;
}

export interface PeerScript {
  /** The answer to one confirmed request. */
  reply(request: ConfirmedRequest, session: PeerSession): PeerReply;
  /** Called once the association is accepted. */
  onAssociated?(session: PeerSession): void;
}

export interface HostilePeerOptions {
  maxPduSize?: number;
  maxOutstanding?: number;
}

/**
 * A scripted hostile MMS server over real TCP on 127.0.0.1: our own ISO responder and MMS codec, with a
 * script deciding every answer. Each message it sends is well-formed; what makes it hostile is the
 * stream (names that never end, segments that keep coming, floods). It has no model of its own: the
 * tests of bounded memory and time script exactly what a broken or malicious IED would send.
 */
export class HostilePeer {
  /** Confirmed requests received, over all associations. */
  requests = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly script: PeerScript,
    private readonly options: HostilePeerOptions,
  ) {
    server.on('connection', (socket) => this.attach(socket));
  }

  static start(script: PeerScript, options: HostilePeerOptions = {}): Promise<HostilePeer> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(new HostilePeer(server, script, options));
      });
    });
  }

  get address(): string {
    const a = this.server.address();
    return `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  }

  /** Associations currently open. */
  get connections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const maxPduSize = this.options.maxPduSize ?? 65000;
    const iso = new IsoAssociation({ role: 'responder', maxMmsPduSize: maxPduSize });
    const session: PeerSession = {
      send: (pdu) => !socket.destroyed && iso.state === 'associated' && socket.write(iso.sendData(pdu)),
      flood: (next) => {
        let stopped = false;
        const state = { sent: 0, stop: () => void (stopped = true) };
        const pump = (): void => {
          // The kernel takes writes as fast as the client reads, so backpressure alone may never stop
          // this loop: it also yields every few milliseconds, for the requests the peer must answer.
          const until = performance.now() + 5;
          while (!stopped && !socket.destroyed && iso.state === 'associated') {
            const pdu = next();
            if (pdu === undefined) return;
            state.sent++;
            if (!socket.write(iso.sendData(pdu))) {
              socket.once('drain', pump);
              return;
            }
            if (performance.now() > until) {
              setImmediate(pump);
              return;
            }
          }
        };
        setImmediate(pump);
        return state;
      },
      get closed() {
        return socket.destroyed;
      },
    };
    socket.on('close', () => {
      this.sockets.delete(socket);
      iso.close();
    });
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const event of iso.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) {
        if (event.type === 'send') socket.write(event.bytes);
        else if (event.type === 'associate-request') {
          const pdu = decodeMmsPdu(event.request.mmsPdu);
          if (pdu.kind !== 'initiate-request') throw new Error('expected an initiate request');
          const p = pdu.params;
          const outstanding = this.options.maxOutstanding ?? 10;
          socket.write(
            iso.accept(
              encodeInitiateResponse({
                ...p,
                maxPduSize: Math.min(p.maxPduSize ?? 65000, maxPduSize),
                maxServOutstandingCalling: Math.min(p.maxServOutstandingCalling, outstanding),
                maxServOutstandingCalled: Math.min(p.maxServOutstandingCalled, outstanding),
              }),
            ),
          );
          this.script.onAssociated?.(session);
        } else if (event.type === 'data') this.onPdu(session, event.mmsPdu);
        else if (event.type === 'protocol-error' || event.type === 'aborted' || event.type === 'released')
          socket.destroy();
      }
    });
  }

  private onPdu(session: PeerSession, bytes: Uint8Array): void {
    const pdu = decodeMmsPdu(bytes);
    if (pdu.kind === 'conclude-request') {
      session.send(encodeConclude('response'));
      return;
    }
    if (pdu.kind !== 'confirmed-request') return;
    this.requests++;
    const reply = this.script.reply(pdu.request, session);
    if (reply === 'silent') return;
    session.send(
      'error' in reply
        ? encodeConfirmedError(pdu.invokeId, reply.error)
        : encodeConfirmedResponse(pdu.invokeId, reply),
    );
  }
}

/**
 * For a test file: `peer(script)` starts a hostile peer, and `defer(x)` anything else to close; all are
 * closed after each test, newest first, whatever the test did.
 */
export function hostilePeers(afterEach: (fn: () => Promise<void>) => void): {
  peer: (script: PeerScript, options?: HostilePeerOptions) => Promise<HostilePeer>;
  defer: (x: { close(): Promise<void> }) => void;
} {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
  });
  return {
    peer: async (script, options) => {
      const p = await HostilePeer.start(script, options);
      open.push(p);
      return p;
    },
    defer: (x) => void open.push(x),
  };
}
