import { RelayGateError } from '../shared';

/**
 * Error codes of the ISO stack (TPKT, COTP, Session, Presentation, ACSE). The prefix says which layer
 * failed; the offset on the error says where in the decoded buffer (or the TPKT byte stream) it failed.
 */
export type IsoErrorCode =
  // TPKT (RFC 1006)
  | 'tpkt-version'
  | 'tpkt-length'
  | 'tpkt-failed'
  | 'tpkt-payload-too-large'
  // COTP (ISO 8073)
  | 'cotp-truncated'
  | 'cotp-length'
  | 'cotp-parameter'
  | 'cotp-unsupported-tpdu'
  | 'cotp-class'
  | 'cotp-tpdu-size'
  | 'cotp-unexpected-tpdu'
  | 'cotp-state'
  | 'cotp-sdu-too-large'
  // Session (ISO 8327-1)
  | 'session-truncated'
  | 'session-length'
  | 'session-parameter'
  | 'session-unsupported-spdu'
  | 'session-missing-parameter'
  | 'session-value'
  // Presentation (ISO 8823)
  | 'presentation-ber'
  | 'presentation-structure'
  | 'presentation-missing-field'
  | 'presentation-value'
  | 'presentation-context'
  // ACSE (ISO 8650)
  | 'acse-ber'
  | 'acse-structure'
  | 'acse-missing-field'
  | 'acse-value'
  // association composition (iso-association.ts)
  | 'association-unexpected-pdu'
  | 'association-state'
  | 'selector-syntax';

/** A typed error of the ISO layers: `layer` is always 'iso', `code` names the failure. */
export class IsoError extends RelayGateError {
  declare readonly code: IsoErrorCode;

  constructor(code: IsoErrorCode, message: string, options?: { offset?: number; cause?: unknown }) {
    super('iso', code, message, options);
    this.name = 'IsoError';
  }
}

export function isIsoError(err: unknown): err is IsoError {
  return err instanceof IsoError;
}
