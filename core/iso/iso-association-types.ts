import type { Aare, Aarq } from './acse';
import type { ReleaseRequestReason, ReleaseResponseReason } from './acse-release';
import type { AbortInfo, AssociationRejection } from './association-pdus';
import type { CotpDisconnectReason } from './cotp-connection';
import type { IsoError } from './errors';
import type { IsoAddress } from './selectors';

/* The options, states and events of IsoAssociation (iso-association.ts). */

export type IsoRole = 'initiator' | 'responder';
export type IsoAssociationState =
  /** Nothing exchanged yet. */
  | 'idle'
  /** Initiator: CR sent, waiting for the CC. */
  | 'connecting'
  /** Initiator: AARQ sent, waiting for the AARE. Responder: CC sent, waiting for the AARQ. */
  | 'associating'
  /** Responder: the AARQ was reported; waiting for accept() or reject(). */
  | 'awaiting-response'
  | 'associated'
  /** Release requested by us (FN sent), waiting for the DN. Data may still arrive. */
  | 'releasing'
  | 'closed';

/** The T/S/P selectors and titles the peer named in its connect request (responder). */
export interface PeerAddressing {
  callingTsel?: Uint8Array;
  calledTsel?: Uint8Array;
  callingSsel?: Uint8Array;
  calledSsel?: Uint8Array;
  callingPsel?: Uint8Array;
  calledPsel?: Uint8Array;
}

export interface AssociateRequest {
  addressing: PeerAddressing;
  aarq: Aarq;
  /** The charstring authentication value when the password mechanism (2.2.3.1) is used. */
  password?: string;
  /** The MMS initiate request, a view into the received buffer. */
  mmsPdu: Uint8Array;
}

export type IsoEvent =
  | { type: 'send'; bytes: Uint8Array }
  | { type: 'cotp-connected'; tpduSize: number }
  | { type: 'associate-request'; request: AssociateRequest }
  | { type: 'associated'; aare: Aare; mmsPdu: Uint8Array; tpdus?: readonly Uint8Array[] }
  | { type: 'rejected'; rejection: AssociationRejection }
  /** `tpdus`: the COTP TPDUs that carried it, in order, when `keepTpdus` is set (for traffic taps). */
  | { type: 'data'; mmsPdu: Uint8Array; tpdus?: readonly Uint8Array[] }
  | { type: 'release-request'; reason?: ReleaseRequestReason }
  | { type: 'released'; reason?: ReleaseResponseReason }
  | { type: 'aborted'; abort: AbortInfo }
  | { type: 'disconnected'; reason: CotpDisconnectReason }
  | { type: 'protocol-error'; error: IsoError };

export interface IsoAssociationOptions {
  role: IsoRole;
  /** Our addressing. Default: the CONVENTIONS defaults, with AP-title 1.1.1.999 for an initiator. */
  local?: IsoAddress;
  /** Initiator: the called address. Default: the CONVENTIONS defaults (AP-title 1.1.1.999.1). */
  remote?: IsoAddress;
  /** Initiator: password authentication (mechanism 2.2.3.1, charstring). */
  password?: string;
  /** Largest MMS PDU accepted; bounds COTP reassembly (plus room for the ISO headers). Default 65000. */
  maxMmsPduSize?: number;
  /** COTP TPDU size to propose (initiator) or accept at most (responder). Default 8192. */
  tpduSize?: number;
  /**
   * Keep the TPDUs that carried each received MMS PDU and give them with `data` and `associated`, so a
   * traffic tap can show the whole frame (at most one SDU's TPDUs are held at a time). Default false.
   */
  keepTpdus?: boolean;
}

/** The calling AP-title IEC 61850 clients commonly send (the called one is CONVENTIONS' 1.1.1.999.1). */
export const DEFAULT_CALLING_AP_TITLE: readonly number[] = [1, 1, 1, 999];
export const DEFAULT_MAX_MMS_PDU_SIZE = 65000;
