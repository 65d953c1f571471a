import type { InformationReport, InitiateParameters } from '../mms';
import type { ClientError } from './errors';
import type { FrameHead, TrafficRecord, TrafficTap } from './traffic-tap';

/**
 * What an MmsConnection is made of and says: the ISO stack it drives, its options, what it negotiated,
 * its counters and its events (the class itself is in mms-connection.ts).
 */

/** The events of the ISO association state machine the connection reacts to. */
export type IsoStackEvent =
  | { type: 'output'; bytes: Uint8Array }
  | { type: 'associated'; mmsPdu: Uint8Array; frame?: FrameHead }
  | { type: 'rejected'; reason: string }
  /** `frame`: the head of the TPKT frames that carried the PDU, as much as the tap keeps (when there is one). */
  | { type: 'data'; mmsPdu: Uint8Array; frame?: FrameHead }
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

/** What one association received, for diagnostics; never reset while the association lives. */
export interface ConnectionCounters {
  bytesReceived: number;
  pdusReceived: number;
  /** InformationReports routed to the `report` event. */
  reports: number;
  /** PDUs that could not be decoded at the MMS level (each also a tap record with its reason). */
  undecodablePdus: number;
  /** Reports that could not be decoded: at the MMS level, or by a subscriber (see `undecodableReport`). */
  undecodableReports: number;
  /** Times inbound work used its time slice with PDUs left and paused reading (a peer outran us). */
  inboundYields: number;
}

/** A report that could not be decoded: why, and its traffic-tap record when there is a tap. */
export interface UndecodableReport {
  reason: string;
  record?: TrafficRecord;
}

export interface MmsConnectionEvents extends Record<string, unknown> {
  report: InformationReport;
  /** A report that could not be decoded; counted, kept in the tap with its reason, never fatal. */
  'undecodable-report': UndecodableReport;
  /** A PDU that could not be decoded or routed: the connection stays up, diagnostics should show it. */
  warning: string;
  closed: ClientError;
}
