import { BerWriter, TagClass, type Tlv } from '../asn1';
import {
  Components,
  compact,
  layerError,
  nameOf,
  numberOf,
  readSingle,
  translateBer,
  type Named,
} from './ber-components';
import {
  explicitInteger,
  explicitOid,
  readAeTitle,
  readAuthentication,
  readUserInformation,
  writeAeTitle,
  writeAuthentication,
  writeUserInformation,
  type AcseRequirements,
  type AeTitle,
  type AuthenticationValue,
  type External,
} from './acse-common';
import { decodeReleaseOrAbort, encodeReleaseOrAbort, type Abrt, type Rlre, type Rlrq } from './acse-release';

/*
 * ISO 8650-1 / X.227 association control (ACSE), the APDUs IEC 61850-8-1 exchanges:
 *
 *   ACSE-apdu ::= CHOICE { aarq AARQ-apdu, aare AARE-apdu, rlrq RLRQ-apdu, rlre RLRE-apdu, abrt ABRT-apdu, ... }
 *
 * AARQ and AARE are here, RLRQ, RLRE and ABRT in acse-release.ts. `encodeAcse`/`decodeAcse` handle all.
 */

const { universal: U, context: C, application: A } = TagClass;

/**
 *   AARQ-apdu ::= [APPLICATION 0] IMPLICIT SEQUENCE {
 *     protocol-version                 [0] IMPLICIT BIT STRING { version1(0) } DEFAULT { version1 },
 *     application-context-name         [1] Application-context-name,        -- OBJECT IDENTIFIER
 *     called-AP-title                  [2] AP-title OPTIONAL,
 *     called-AE-qualifier              [3] AE-qualifier OPTIONAL,
 *     called-AP-invocation-identifier  [4] AP-invocation-identifier OPTIONAL,
 *     called-AE-invocation-identifier  [5] AE-invocation-identifier OPTIONAL,
 *     calling-AP-title                 [6] AP-title OPTIONAL,
 *     calling-AE-qualifier             [7] AE-qualifier OPTIONAL,
 *     calling-AP-invocation-identifier [8] AP-invocation-identifier OPTIONAL,
 *     calling-AE-invocation-identifier [9] AE-invocation-identifier OPTIONAL,
 *     sender-acse-requirements         [10] IMPLICIT ACSE-requirements OPTIONAL,
 *     mechanism-name                   [11] IMPLICIT Mechanism-name OPTIONAL,   -- OBJECT IDENTIFIER
 *     calling-authentication-value     [12] EXPLICIT Authentication-value OPTIONAL,
 *     application-context-name-list    [13] IMPLICIT Application-context-name-list OPTIONAL,
 *     implementation-information       [29] IMPLICIT Implementation-data OPTIONAL,
 *     user-information                 [30] IMPLICIT Association-information OPTIONAL }
 *
 * protocol-version is never sent (its DEFAULT is the only version) and not checked when received;
 * the context-name list and implementation information are skipped.
 */
export interface Aarq {
  type: 'AARQ';
  applicationContext: readonly number[];
  called?: AeTitle;
  calling?: AeTitle;
  senderRequirements?: AcseRequirements;
  mechanism?: readonly number[];
  authenticationValue?: AuthenticationValue;
  userInformation?: External[];
}

/** Associate-result ::= INTEGER { accepted(0), rejected-permanent(1), rejected-transient(2) } */
export const ASSOCIATE_RESULTS = { 0: 'accepted', 1: 'rejected-permanent', 2: 'rejected-transient' } as const;
export type AssociateResult = Named<(typeof ASSOCIATE_RESULTS)[keyof typeof ASSOCIATE_RESULTS]>;

/** acse-service-user diagnostics of Associate-source-diagnostic. */
export const ACSE_USER_DIAGNOSTICS = {
  0: 'null',
  1: 'no-reason-given',
  2: 'application-context-name-not-supported',
  3: 'calling-AP-title-not-recognized',
  4: 'calling-AP-invocation-identifier-not-recognized',
  5: 'calling-AE-qualifier-not-recognized',
  6: 'calling-AE-invocation-identifier-not-recognized',
  7: 'called-AP-title-not-recognized',
  8: 'called-AP-invocation-identifier-not-recognized',
  9: 'called-AE-qualifier-not-recognized',
  10: 'called-AE-invocation-identifier-not-recognized',
  11: 'authentication-mechanism-name-not-recognized',
  12: 'authentication-mechanism-name-required',
  13: 'authentication-failure',
  14: 'authentication-required',
} as const;
export type AcseUserDiagnostic = Named<(typeof ACSE_USER_DIAGNOSTICS)[keyof typeof ACSE_USER_DIAGNOSTICS]>;

/** acse-service-provider diagnostics of Associate-source-diagnostic. */
export const ACSE_PROVIDER_DIAGNOSTICS = {
  0: 'null',
  1: 'no-reason-given',
  2: 'no-common-acse-version',
} as const;
export type AcseProviderDiagnostic = Named<
  (typeof ACSE_PROVIDER_DIAGNOSTICS)[keyof typeof ACSE_PROVIDER_DIAGNOSTICS]
>;

/**
 *   Associate-source-diagnostic ::= CHOICE {
 *     acse-service-user     [1] INTEGER { null(0), no-reason-given(1), ..., authentication-required(14) },
 *     acse-service-provider [2] INTEGER { null(0), no-reason-given(1), no-common-acse-version(2) } }
 */
export type AssociateDiagnostic =
  | { source: 'acse-service-user'; reason: AcseUserDiagnostic }
  | { source: 'acse-service-provider'; reason: AcseProviderDiagnostic };

/**
 *   AARE-apdu ::= [APPLICATION 1] IMPLICIT SEQUENCE {
 *     protocol-version                    [0] IMPLICIT BIT STRING { version1(0) } DEFAULT { version1 },
 *     application-context-name            [1] Application-context-name,
 *     result                              [2] Associate-result,
 *     result-source-diagnostic            [3] Associate-source-diagnostic,
 *     responding-AP-title                 [4] AP-title OPTIONAL,
 *     responding-AE-qualifier             [5] AE-qualifier OPTIONAL,
 *     responding-AP-invocation-identifier [6] AP-invocation-identifier OPTIONAL,
 *     responding-AE-invocation-identifier [7] AE-invocation-identifier OPTIONAL,
 *     responder-acse-requirements         [8] IMPLICIT ACSE-requirements OPTIONAL,
 *     mechanism-name                      [9] IMPLICIT Mechanism-name OPTIONAL,
 *     responding-authentication-value     [10] EXPLICIT Authentication-value OPTIONAL,
 *     application-context-name-list       [11] IMPLICIT Application-context-name-list OPTIONAL,
 *     implementation-information          [29] IMPLICIT Implementation-data OPTIONAL,
 *     user-information                    [30] IMPLICIT Association-information OPTIONAL }
 */
export interface Aare {
  type: 'AARE';
  applicationContext: readonly number[];
  result: AssociateResult;
  diagnostic: AssociateDiagnostic;
  responding?: AeTitle;
  responderRequirements?: AcseRequirements;
  mechanism?: readonly number[];
  authenticationValue?: AuthenticationValue;
  userInformation?: External[];
}

export type AcseApdu = Aarq | Aare | Rlrq | Rlre | Abrt;
export type { Abrt, Rlre, Rlrq } from './acse-release';

/**
 * "association rejected: authentication-failure" — the one line a client reports for an AARE; a
 * transient rejection and a rejection by the ACSE provider say so.
 */
export function describeAare(aare: Aare): string {
  if (aare.result === 'accepted') return 'association accepted';
  const d = aare.diagnostic;
  const notes = [
    ...(aare.result === 'rejected-permanent' ? [] : [aare.result]),
    ...(d.source === 'acse-service-provider' ? ['by the ACSE provider'] : []),
  ];
  return `association rejected: ${d.reason}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

// ------------------------------------------------------------------ encode

function encodeAarq(w: BerWriter, aarq: Aarq): void {
  w.begin(A, 0);
  w.begin(C, 1).objectIdentifier(U, 6, aarq.applicationContext).end();
  writeAeTitle(w, aarq.called, 2);
  writeAeTitle(w, aarq.calling, 6);
  writeAuthentication(w, 10, { ...aarq, requirements: aarq.senderRequirements });
  writeUserInformation(w, 30, aarq.userInformation);
  w.end();
}

function encodeAare(w: BerWriter, aare: Aare): void {
  w.begin(A, 1);
  w.begin(C, 1).objectIdentifier(U, 6, aare.applicationContext).end();
  w.begin(C, 2).integer(U, 2, numberOf(ASSOCIATE_RESULTS, aare.result)).end();
  const d = aare.diagnostic;
  const user = d.source === 'acse-service-user';
  const reason = user
    ? numberOf(ACSE_USER_DIAGNOSTICS, d.reason)
    : numberOf(ACSE_PROVIDER_DIAGNOSTICS, d.reason);
  w.begin(C, 3)
    .begin(C, user ? 1 : 2)
    .integer(U, 2, reason)
    .end()
    .end();
  writeAeTitle(w, aare.responding, 4);
  writeAuthentication(w, 8, { ...aare, requirements: aare.responderRequirements });
  writeUserInformation(w, 30, aare.userInformation);
  w.end();
}

/** Encodes any ACSE APDU. */
export function encodeAcse(apdu: AcseApdu): Uint8Array {
  const w = new BerWriter();
  if (apdu.type === 'AARQ') encodeAarq(w, apdu);
  else if (apdu.type === 'AARE') encodeAare(w, apdu);
  else encodeReleaseOrAbort(w, apdu);
  return w.finish();
}

// ------------------------------------------------------------------ decode

function applicationContext(f: Components): number[] {
  return explicitOid(f, f.require(C, 1, 'application-context-name'), 'application-context-name');
}

function decodeAarq(f: Components): Aarq {
  const { requirements, ...auth } = readAuthentication(f, 10);
  return compact({
    type: 'AARQ',
    applicationContext: applicationContext(f),
    called: readAeTitle(f, 2),
    calling: readAeTitle(f, 6),
    senderRequirements: requirements,
    ...auth,
    userInformation: readUserInformation(f, 30),
  });
}

const smallInteger = (f: Components, tlv: Tlv, field: string) => explicitInteger(f, tlv, field, 0, 255);

function decodeDiagnostic(f: Components): AssociateDiagnostic {
  const outer = f.require(C, 3, 'result-source-diagnostic');
  const choice = f.explicit(outer, 'result-source-diagnostic');
  if (choice.cls === C && choice.tag === 1) {
    const reason = smallInteger(f, choice, 'acse-service-user');
    return { source: 'acse-service-user', reason: nameOf(ACSE_USER_DIAGNOSTICS, reason) };
  }
  if (choice.cls === C && choice.tag === 2) {
    const reason = smallInteger(f, choice, 'acse-service-provider');
    return { source: 'acse-service-provider', reason: nameOf(ACSE_PROVIDER_DIAGNOSTICS, reason) };
  }
  throw layerError(
    'acse',
    'structure',
    'result-source-diagnostic is neither acse-service-user [1] nor acse-service-provider [2]',
    choice.start,
  );
}

function decodeAare(f: Components): Aare {
  const { requirements, ...auth } = readAuthentication(f, 8);
  return compact({
    type: 'AARE',
    applicationContext: applicationContext(f),
    result: nameOf(ASSOCIATE_RESULTS, smallInteger(f, f.require(C, 2, 'result'), 'result')),
    diagnostic: decodeDiagnostic(f),
    responding: readAeTitle(f, 4),
    responderRequirements: requirements,
    ...auth,
    userInformation: readUserInformation(f, 30),
  });
}

const NAMES = ['AARQ', 'AARE', 'RLRQ', 'RLRE', 'ABRT'] as const;

/** Decodes one ACSE APDU; offsets in errors are into `bytes`. */
export function decodeAcse(bytes: Uint8Array): AcseApdu {
  return translateBer('acse', 'ACSE APDU', () => {
    const { reader, tlv } = readSingle(bytes, 'an ACSE APDU');
    const name = tlv.cls === A && tlv.constructed ? NAMES[tlv.tag] : undefined;
    if (name === undefined) {
      throw layerError(
        'acse',
        'structure',
        'not an ACSE APDU (expected [APPLICATION 0..4], constructed)',
        tlv.start,
      );
    }
    const f = new Components(reader, tlv, 'acse', name);
    if (name === 'AARQ') return decodeAarq(f);
    if (name === 'AARE') return decodeAare(f);
    return decodeReleaseOrAbort(name, f);
  });
}
