import { createConnection, type Socket } from 'node:net';
import { IsoAssociation } from '../../iso';
import { decodeMmsPdu, defaultInitiateRequest, encodeInitiateRequest, type MmsPdu } from '../../mms';

/**
 * A hand-driven association for tests of misbehaving clients: the project's ISO initiator over a plain
 * socket, with no MMS client above it, so a test can send any MMS PDU (oversized, malformed) and see
 * exactly what the server answers.
 */
export interface RawAssociation {
  readonly socket: Socket;
  /** Sends bytes as one MMS PDU (presentation user data), whatever they are. */
  send(mmsPdu: Uint8Array): void;
  /** The next MMS PDU the server sends. */
  next(timeoutMs?: number): Promise<MmsPdu>;
  readonly closed: Promise<void>;
}

export async function rawAssociate(port: number, maxPduSize = 65000): Promise<RawAssociation> {
  const socket = createConnection({ host: '127.0.0.1', port });
  const iso = new IsoAssociation({ role: 'initiator' });
  const queue: MmsPdu[] = [];
  const waiters: ((p: MmsPdu) => void)[] = [];
  let associated: () => void = () => undefined;
  let refused: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((ok, fail) => {
    associated = ok;
    refused = fail;
  });
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    for (const ev of iso.receive(new Uint8Array(chunk))) {
      if (ev.type === 'send') socket.write(ev.bytes);
      else if (ev.type === 'associated') associated();
      else if (ev.type === 'rejected') refused(new Error(ev.rejection.message));
      else if (ev.type === 'data') {
        const pdu = decodeMmsPdu(ev.mmsPdu);
        const w = waiters.shift();
        if (w) w(pdu);
        else queue.push(pdu);
      }
    }
  });
  await new Promise<void>((ok, fail) => {
    socket.once('connect', ok);
    socket.once('error', fail);
  });
  socket.write(iso.start(encodeInitiateRequest(defaultInitiateRequest({ maxPduSize }))));
  await ready;
  return {
    socket,
    closed,
    send: (pdu) => socket.write(iso.sendData(pdu)),
    next: (timeoutMs = 5000) =>
      new Promise((ok, fail) => {
        const queued = queue.shift();
        if (queued) return ok(queued);
        const timer = setTimeout(() => fail(new Error('no PDU from the server')), timeoutMs);
        waiters.push((p) => {
          clearTimeout(timer);
          ok(p);
        });
      }),
  };
}
