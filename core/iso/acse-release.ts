import { TagClass, type BerWriter } from '../asn1';
import { nameOf, numberOf, rangedInteger, type Components, type Named } from './ber-components';
import { readUserInformation, writeUserInformation, type External } from './acse-common';

/*
 * ISO 8650-1 / X.227 release and abort APDUs:
 *
 *   RLRQ-apdu ::= [APPLICATION 2] IMPLICIT SEQUENCE {
 *     reason           [0] IMPLICIT Release-request-reason OPTIONAL,
 *     user-information [30] IMPLICIT Association-information OPTIONAL }
 *   Release-request-reason ::= INTEGER { normal(0), urgent(1), user-defined(30) }
 *
 *   RLRE-apdu ::= [APPLICATION 3] IMPLICIT SEQUENCE {
 *     reason           [0] IMPLICIT Release-response-reason OPTIONAL,
 *     user-information [30] IMPLICIT Association-information OPTIONAL }
 *   Release-response-reason ::= INTEGER { normal(0), not-finished(1), user-defined(30) }
 *
 *   ABRT-apdu ::= [APPLICATION 4] IMPLICIT SEQUENCE {
 *     abort-source     [0] IMPLICIT ABRT-source,
 *     abort-diagnostic [1] IMPLICIT ABRT-diagnostic OPTIONAL,
 *     user-information [30] IMPLICIT Association-information OPTIONAL }
 *   ABRT-source ::= INTEGER { acse-service-user(0), acse-service-provider(1) }
 *   ABRT-diagnostic ::= ENUMERATED { no-reason-given(1), protocol-error(2),
 *     authentication-mechanism-name-not-recognized(3), authentication-mechanism-name-required(4),
 *     authentication-failure(5), authentication-required(6), ... }
 */

const { context: C, application: A } = TagClass;

export const RELEASE_REQUEST_REASONS = { 0: 'normal', 1: 'urgent', 30: 'user-defined' } as const;
export type ReleaseRequestReason = Named<
  (typeof RELEASE_REQUEST_REASONS)[keyof typeof RELEASE_REQUEST_REASONS]
>;
export const RELEASE_RESPONSE_REASONS = { 0: 'normal', 1: 'not-finished', 30: 'user-defined' } as const;
export type ReleaseResponseReason = Named<
  (typeof RELEASE_RESPONSE_REASONS)[keyof typeof RELEASE_RESPONSE_REASONS]
>;
export const ABORT_SOURCES = { 0: 'acse-service-user', 1: 'acse-service-provider' } as const;
export type AbortSource = Named<(typeof ABORT_SOURCES)[keyof typeof ABORT_SOURCES]>;
export const ABORT_DIAGNOSTICS = {
  1: 'no-reason-given',
  2: 'protocol-error',
  3: 'authentication-mechanism-name-not-recognized',
  4: 'authentication-mechanism-name-required',
  5: 'authentication-failure',
  6: 'authentication-required',
} as const;
export type AbortDiagnostic = Named<(typeof ABORT_DIAGNOSTICS)[keyof typeof ABORT_DIAGNOSTICS]>;

export interface Rlrq {
  type: 'RLRQ';
  reason?: ReleaseRequestReason;
  userInformation?: External[];
}
export interface Rlre {
  type: 'RLRE';
  reason?: ReleaseResponseReason;
  userInformation?: External[];
}
export interface Abrt {
  type: 'ABRT';
  source: AbortSource;
  diagnostic?: AbortDiagnostic;
  userInformation?: External[];
}

export function encodeReleaseOrAbort(w: BerWriter, apdu: Rlrq | Rlre | Abrt): void {
  switch (apdu.type) {
    case 'RLRQ':
      w.begin(A, 2);
      if (apdu.reason !== undefined) w.integer(C, 0, numberOf(RELEASE_REQUEST_REASONS, apdu.reason));
      break;
    case 'RLRE':
      w.begin(A, 3);
      if (apdu.reason !== undefined) w.integer(C, 0, numberOf(RELEASE_RESPONSE_REASONS, apdu.reason));
      break;
    case 'ABRT':
      w.begin(A, 4).integer(C, 0, numberOf(ABORT_SOURCES, apdu.source));
      if (apdu.diagnostic !== undefined) w.integer(C, 1, numberOf(ABORT_DIAGNOSTICS, apdu.diagnostic));
      break;
  }
  writeUserInformation(w, 30, apdu.userInformation);
  w.end();
}

function small(f: Components, tag: number, field: string): number | undefined {
  const tlv = f.get(C, tag);
  return tlv ? rangedInteger(f.reader, tlv, 'acse', field, 0, 255) : undefined;
}

export function decodeReleaseOrAbort(name: 'RLRQ' | 'RLRE' | 'ABRT', f: Components): Rlrq | Rlre | Abrt {
  const info = readUserInformation(f, 30);
  const withInfo = info ? { userInformation: info } : {};
  if (name === 'ABRT') {
    const source = rangedInteger(f.reader, f.require(C, 0, 'abort-source'), 'acse', 'abort-source', 0, 255);
    const diagnostic = small(f, 1, 'abort-diagnostic');
    return {
      type: 'ABRT',
      source: nameOf(ABORT_SOURCES, source),
      ...(diagnostic === undefined ? {} : { diagnostic: nameOf(ABORT_DIAGNOSTICS, diagnostic) }),
      ...withInfo,
    };
  }
  const reason = small(f, 0, 'reason');
  if (name === 'RLRQ') {
    return {
      type: 'RLRQ',
      ...(reason === undefined ? {} : { reason: nameOf(RELEASE_REQUEST_REASONS, reason) }),
      ...withInfo,
    };
  }
  return {
    type: 'RLRE',
    ...(reason === undefined ? {} : { reason: nameOf(RELEASE_RESPONSE_REASONS, reason) }),
    ...withInfo,
  };
}
