import { IsoAssociation, encodeTpktsHead, type IsoAddress, type IsoEvent } from '../iso';
import type { IedEndpoint } from './connect';
import type { IsoStack, IsoStackEvent } from './mms-connection-types';
import type { FrameHead } from './traffic-tap';

/** core/iso's association state machine, as the initiator the MMS connection drives. */
export function isoStackFor(endpoint: IedEndpoint & { local?: IsoAddress; remote?: IsoAddress }): IsoStack {
  const iso = new IsoAssociation({
    role: 'initiator',
    ...(endpoint.local ? { local: endpoint.local } : {}),
    ...(endpoint.remote ? { remote: endpoint.remote } : {}),
    ...(endpoint.password !== undefined ? { password: endpoint.password } : {}),
    maxMmsPduSize: endpoint.maxPduSize ?? 65000,
    // A tap that keeps bytes shows frames, so it needs the TPDUs; otherwise nothing is held.
    keepTpdus: endpoint.tap?.keepBytes === true,
  });
  const keep = endpoint.tap?.maxBytes ?? 0;
  return {
    connect: (pdu) => iso.start(pdu),
    receive: (chunk) => iso.receive(chunk).flatMap((e) => toStackEvent(e, keep)),
    send: (pdu) => iso.sendData(pdu),
    release: () => iso.release(),
    abort: () => iso.abort(),
    close: () => iso.close(),
  };
}

/** The events the connection acts on; progress-only events (COTP connected) are dropped. */
function toStackEvent(e: IsoEvent, keep: number): IsoStackEvent[] {
  switch (e.type) {
    case 'send':
      return [{ type: 'output', bytes: e.bytes }];
    case 'associated':
      return [{ type: 'associated', mmsPdu: e.mmsPdu, ...framed(e.tpdus, keep) }];
    case 'rejected':
      return [{ type: 'rejected', reason: e.rejection.message }];
    case 'data':
      return [{ type: 'data', mmsPdu: e.mmsPdu, ...framed(e.tpdus, keep) }];
    case 'released':
      return [{ type: 'released' }];
    case 'aborted':
      return [{ type: 'aborted', reason: e.abort.message }];
    case 'disconnected':
      return [{ type: 'disconnected', reason: `transport ${e.reason.tpdu}: ${e.reason.text}` }];
    case 'protocol-error':
      return [{ type: 'protocol-error', error: e.error }];
    // Responder-side and progress-only events: an initiator has nothing to do on them.
    case 'associate-request':
    case 'release-request':
    case 'cotp-connected':
      return [];
  }
}

/**
 * The TPKT frames that carried a received PDU, as far as the tap keeps them. The TPKT headers are rebuilt
 * from the TPDU lengths: version 3 and length are what the framer checked, the reserved octet is 0.
 */
function framed(tpdus: readonly Uint8Array[] | undefined, keep: number): { frame?: FrameHead } {
  return tpdus ? { frame: encodeTpktsHead(tpdus, keep) } : {};
}
