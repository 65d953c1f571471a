export { IsoError, isIsoError, type IsoErrorCode } from './errors';
export * from './tpkt';
export * from './cotp';
export * from './cotp-connection';
export * from './session';
export { encodeSessionLength } from './session-params';
export * from './selectors';
export * from './presentation';
export * from './presentation-user-data';
export * from './presentation-abort';
export * from './acse';
export {
  MMS_APPLICATION_CONTEXT,
  PASSWORD_MECHANISM,
  userInformationFor,
  type AcseRequirements,
  type AeTitle,
  type AuthenticationValue,
  type External,
} from './acse-common';
export {
  ABORT_DIAGNOSTICS,
  ABORT_SOURCES,
  RELEASE_REQUEST_REASONS,
  RELEASE_RESPONSE_REASONS,
  type AbortDiagnostic,
  type AbortSource,
  type ReleaseRequestReason,
  type ReleaseResponseReason,
} from './acse-release';
export type { EncodedValue, Named } from './ber-components';
export type { AbortInfo, AssociationRejection } from './association-pdus';
export * from './iso-association';
export * from './iso-association-types';
export { sessionDataStart } from './data-frames';
