import { RelayGateError } from '../shared';

/**
 * The small set of outcomes a client of an IED needs to tell apart. Lower-layer errors (transport, iso,
 * mms) are translated into these at the client boundary, keeping the original as `cause`, in the spirit
 * of libiec61850's mapping of MMS errors to IedClientError.
 */
export type ClientErrorCode =
  | 'connection-refused'
  | 'connect-timeout'
  | 'unreachable'
  | 'association-rejected'
  | 'association-failed'
  | 'timeout'
  | 'cancelled'
  | 'connection-lost'
  | 'not-connected'
  | 'access-denied'
  | 'object-non-existent'
  | 'object-undefined'
  | 'type-inconsistent'
  | 'temporarily-unavailable'
  | 'object-value-invalid'
  | 'service-error'
  | 'rejected'
  | 'protocol-error'
  | 'too-large'
  /** A budget on what a peer can make us hold or do (core/client/limits.ts) was used up. */
  | 'limit-exceeded';

export class ClientError extends RelayGateError {
  declare readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super('client', code, message, options);
    this.name = 'ClientError';
  }
}

export function isClientError(err: unknown, code?: ClientErrorCode): err is ClientError {
  return err instanceof ClientError && (code === undefined || err.code === code);
}
