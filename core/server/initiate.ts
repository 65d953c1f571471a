import { IEC61850_PARAMETER_CBB, IEC61850_SERVICES, servicesSupported, type InitiateParameters } from '../mms';

/** What the server allows at most; the client's proposal is answered with the smaller of each. */
export interface ServerLimits {
  /** Largest MMS PDU, octets (default 65000). */
  readonly maxPduSize: number;
  /** Confirmed requests a client may have outstanding (default 10). */
  readonly maxOutstanding: number;
  /** Data structure nesting level (default 10). */
  readonly maxNesting: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = { maxPduSize: 65000, maxOutstanding: 10, maxNesting: 10 };

/** The smallest PDU size we agree to: a report header and one small member must still fit. */
export const MIN_PDU_SIZE = 256;

/** The services this server answers (ServiceSupportOptions of its Initiate-ResponsePDU). */
export const SERVER_SERVICES = servicesSupported([...IEC61850_SERVICES, 'cancel']);

/**
 * The Initiate-ResponsePDU for a client's proposal (ISO 9506-1 §8.2: the responder may lower, never
 * raise, what was proposed): PDU size min(proposed, ours) but at least MIN_PDU_SIZE, outstanding calls
 * min(proposed, ours) and at least 1 each way, nesting min(proposed, ours); version 1 and the CBBs
 * IEC 61850 needs.
 */
export function negotiateInitiate(proposed: InitiateParameters, limits: ServerLimits): InitiateParameters {
  const within = (asked: number | undefined, max: number, min: number): number =>
    Math.max(min, Math.min(asked ?? max, max));
  // A PDU size of 0 (or none) states no limit of the client's: ours applies.
  const pdu = proposed.maxPduSize !== undefined && proposed.maxPduSize > 0 ? proposed.maxPduSize : undefined;
  return {
    maxPduSize: within(pdu, limits.maxPduSize, Math.min(MIN_PDU_SIZE, limits.maxPduSize)),
    maxServOutstandingCalling: within(proposed.maxServOutstandingCalling, limits.maxOutstanding, 1),
    maxServOutstandingCalled: within(proposed.maxServOutstandingCalled, limits.maxOutstanding, 1),
    dataStructureNestingLevel: within(proposed.dataStructureNestingLevel, limits.maxNesting, 1),
    versionNumber: 1,
    parameterCbb: IEC61850_PARAMETER_CBB,
    servicesSupported: SERVER_SERVICES,
  };
}
