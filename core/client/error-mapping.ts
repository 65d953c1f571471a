import type { DataAccessError, RejectReason, ServiceError } from '../mms';
import { RelayGateError } from '../shared';
import { ClientError, type ClientErrorCode } from './errors';

/** ServiceError (class/code) → client error code, as an engineer needs to tell them apart. */
const SERVICE_ERROR_CODES: Record<string, ClientErrorCode> = {
  'access/object-access-denied': 'access-denied',
  'access/object-non-existent': 'object-non-existent',
  'access/object-access-unsupported': 'access-denied',
  'access/object-invalidated': 'object-non-existent',
  'definition/object-undefined': 'object-undefined',
  'definition/type-inconsistent': 'type-inconsistent',
  'definition/type-unsupported': 'type-inconsistent',
  'definition/object-attribute-inconsistent': 'type-inconsistent',
  'resource/memory-unavailable': 'temporarily-unavailable',
  'resource/capability-unavailable': 'temporarily-unavailable',
  'service-preempt/timeout': 'timeout',
  'service/pdu-size': 'too-large',
};

export function serviceErrorToClient(error: ServiceError, what: string): ClientError {
  const code = SERVICE_ERROR_CODES[error.name] ?? 'service-error';
  const detail = error.additionalDescription ? ` (${error.additionalDescription})` : '';
  return new ClientError(code, `${what}: the server answered ${error.name}${detail}`);
}

/** DataAccessError of one item → client error code (for `read --json` and diagnostics). */
export function dataAccessErrorCode(error: DataAccessError): ClientErrorCode {
  switch (error.name) {
    case 'object-access-denied':
    case 'object-access-unsupported':
      return 'access-denied';
    case 'object-non-existent':
    case 'object-invalidated':
      return 'object-non-existent';
    case 'object-undefined':
    case 'invalid-address':
      return 'object-undefined';
    case 'type-inconsistent':
    case 'type-unsupported':
    case 'object-attribute-inconsistent':
      return 'type-inconsistent';
    case 'temporarily-unavailable':
    case 'hardware-fault':
      return 'temporarily-unavailable';
    case 'object-value-invalid':
      return 'object-value-invalid';
    default:
      return 'service-error';
  }
}

export function rejectToClient(reason: RejectReason, what: string): ClientError {
  return new ClientError('rejected', `${what}: the server rejected the request (${reason.name})`);
}

/** Transport errors keep their meaning (refused, timeout, unreachable); anything else is wrapped. */
export function transportToClient(err: unknown, where: string): ClientError {
  if (err instanceof ClientError) return err;
  if (err instanceof RelayGateError && err.layer === 'transport') {
    const code: ClientErrorCode =
      err.code === 'connection-refused'
        ? 'connection-refused'
        : err.code === 'connect-timeout'
          ? 'connect-timeout'
          : err.code === 'unreachable'
            ? 'unreachable'
            : 'connection-lost';
    return new ClientError(code, err.message, { cause: err });
  }
  return new ClientError(
    'association-failed',
    `${where}: ${err instanceof Error ? err.message : String(err)}`,
    { cause: err },
  );
}
