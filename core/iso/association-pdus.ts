import {
  decodeAcse,
  describeAare,
  encodeAcse,
  type AcseApdu,
  type Aare,
  type Aarq,
  type AssociateDiagnostic,
} from './acse';
import { MMS_APPLICATION_CONTEXT, PASSWORD_MECHANISM, userInformationFor, type AeTitle } from './acse-common';
import { IsoError } from './errors';
import {
  ACSE_ABSTRACT_SYNTAX,
  ACSE_CONTEXT_ID,
  BER_TRANSFER_SYNTAX,
  MMS_ABSTRACT_SYNTAX,
  MMS_CONTEXT_ID,
  decodeCpr,
  defaultPresentationContexts,
  encodeCp,
  encodeCpa,
  encodeCpr,
  type ContextResult,
  type CpPpdu,
  type PresentationContext,
} from './presentation';
import { decodeAbortPpdu, encodeAbortPpdu } from './presentation-abort';
import { decodeUserData, encodeUserData, type Pdv } from './presentation-user-data';
import type { IsoAddress } from './selectors';
import {
  SESSION_FU_DUPLEX,
  SESSION_VERSION_2,
  describeRefuseReason,
  describeTransportDisconnect,
  encodeSpdu,
  type Spdu,
} from './session';
import { sameOid } from './ber-components';

/*
 * The SPDUs of an IEC 61850 association, each built from (or read into) its presentation and ACSE
 * content, for both roles. X.227 and X.226 map the services onto each other like this:
 *
 *   service                 presentation            session
 *   A-ASSOCIATE request     CP  + AARQ              CONNECT (CN)
 *   A-ASSOCIATE accepted    CPA + AARE              ACCEPT (AC)
 *   A-ASSOCIATE rejected    CPR + AARE (X.226 6.2)  REFUSE (RF), reason 2 + user data
 *   A-RELEASE req / rsp     User-data + RLRQ/RLRE   FINISH (FN) / DISCONNECT (DN)
 *   A-ABORT / P-P-ABORT     ARU + ABRT / ARP        ABORT (AB)
 *   P-DATA (MMS)            User-data               GIVE TOKENS + DATA TRANSFER (data-frames.ts)
 *
 * Some servers put a rejecting AARE in a CPA inside an AC instead; the initiator reads both forms.
 */

/** X.225: User Data in a CONNECT is limited to 512 octets; beyond, Extended User Data (version 2). */
const CN_USER_DATA_MAX = 512;
const CONNECT_ACCEPT_ITEM = { protocolOptions: 0, versionNumber: SESSION_VERSION_2 };

export function acsePdv(contextId: number, apdu: AcseApdu): Pdv[] {
  return [{ contextId, encoding: 'single-asn1-type', data: encodeAcse(apdu) }];
}

/** The AARQ an initiator sends: CONVENTIONS addressing, optional password, the MMS initiate request. */
export function buildAarq(
  local: IsoAddress,
  remote: IsoAddress,
  mmsPdu: Uint8Array,
  password: string | undefined,
): Aarq {
  const aarq: Aarq = { type: 'AARQ', applicationContext: MMS_APPLICATION_CONTEXT };
  const called = aeTitleOf(remote);
  if (called) aarq.called = called;
  const calling = aeTitleOf(local);
  if (calling) aarq.calling = calling;
  if (password !== undefined) {
    aarq.senderRequirements = { authentication: true, contextNegotiation: false };
    aarq.mechanism = PASSWORD_MECHANISM;
    aarq.authenticationValue = { kind: 'charstring', value: password };
  }
  aarq.userInformation = [{ indirectReference: MMS_CONTEXT_ID, encoding: 'single-asn1-type', data: mmsPdu }];
  return aarq;
}

export function aeTitleOf(address: IsoAddress): AeTitle | undefined {
  const out: AeTitle = {};
  if (address.apTitle) out.apTitle = address.apTitle;
  if (address.aeQualifier !== undefined) out.aeQualifier = address.aeQualifier;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** CN + CP + AARQ. */
export function buildConnect(local: IsoAddress, remote: IsoAddress, aarq: Aarq): Uint8Array {
  const cp = encodeCp({
    callingSelector: local.psel,
    calledSelector: remote.psel,
    contexts: defaultPresentationContexts(),
    userData: acsePdv(ACSE_CONTEXT_ID, aarq),
  });
  const spdu: Spdu = {
    type: 'CN',
    connectAcceptItem: CONNECT_ACCEPT_ITEM,
    sessionUserRequirements: SESSION_FU_DUPLEX,
    callingSessionSelector: local.ssel,
    calledSessionSelector: remote.ssel,
    ...(cp.length > CN_USER_DATA_MAX ? { extendedUserData: cp } : { userData: cp }),
  };
  return encodeSpdu(spdu);
}

/** The context ids a responder must use: the ones the initiator proposed for ACSE and MMS. */
export interface NegotiatedContexts {
  acse: number;
  mms: number;
}

function supported(ctx: PresentationContext): 'acse' | 'mms' | undefined {
  if (!ctx.transferSyntaxes.some((ts) => sameOid(ts, BER_TRANSFER_SYNTAX))) return undefined;
  if (sameOid(ctx.abstractSyntax, ACSE_ABSTRACT_SYNTAX)) return 'acse';
  if (sameOid(ctx.abstractSyntax, MMS_ABSTRACT_SYNTAX)) return 'mms';
  return undefined;
}

/** Responder: which proposed contexts carry ACSE and MMS in BER; both must be there. */
export function negotiateContexts(cp: CpPpdu): { contexts: NegotiatedContexts; results: ContextResult[] } {
  const found: Partial<NegotiatedContexts> = {};
  const results = cp.contexts.map((ctx): ContextResult => {
    const kind = supported(ctx);
    if (kind === undefined || found[kind] !== undefined) {
      return {
        result: 'provider-rejection',
        providerReason: kind ? 'local-limit-on-DCS-exceeded' : 'abstract-syntax-not-supported',
      };
    }
    found[kind] = ctx.id;
    return { result: 'acceptance', transferSyntax: BER_TRANSFER_SYNTAX };
  });
  if (found.acse === undefined || found.mms === undefined) {
    throw new IsoError(
      'presentation-context',
      'the CP does not propose both the ACSE and the MMS abstract syntax in BER',
    );
  }
  return { contexts: { acse: found.acse, mms: found.mms }, results };
}

/** The one ACSE APDU of a User-data, taken from the ACSE context. */
export function acseFrom(userData: Pdv[] | undefined, acseContext: number, what: string): AcseApdu {
  const pdv = userData?.find((p) => p.contextId === acseContext && p.encoding === 'single-asn1-type');
  if (!pdv)
    throw new IsoError(
      'presentation-missing-field',
      `${what} carries no ACSE APDU in presentation context ${acseContext}`,
    );
  return decodeAcse(pdv.data);
}

export function mmsFrom(apdu: Aarq | Aare, mmsContext: number): Uint8Array {
  const mms = userInformationFor(apdu.userInformation, mmsContext);
  if (!mms)
    throw new IsoError(
      'acse-missing-field',
      `${apdu.type} carries no MMS PDU for presentation context ${mmsContext}`,
    );
  return mms;
}

/** AC + CPA + AARE accepted, answering `aarq`. */
export function buildAccept(
  local: IsoAddress,
  ctx: NegotiatedContexts,
  results: ContextResult[],
  aarq: Aarq,
  mmsPdu: Uint8Array,
): Uint8Array {
  const aare: Aare = {
    type: 'AARE',
    applicationContext: aarq.applicationContext,
    result: 'accepted',
    diagnostic: { source: 'acse-service-user', reason: 'null' },
    userInformation: [{ indirectReference: ctx.mms, encoding: 'single-asn1-type', data: mmsPdu }],
  };
  const responding = aeTitleOf(local);
  if (responding) aare.responding = responding;
  const cpa = encodeCpa({ respondingSelector: local.psel, results, userData: acsePdv(ctx.acse, aare) });
  return encodeSpdu({
    type: 'AC',
    connectAcceptItem: CONNECT_ACCEPT_ITEM,
    sessionUserRequirements: SESSION_FU_DUPLEX,
    respondingSessionSelector: local.ssel,
    userData: cpa,
  });
}

/** RF (rejection by the called SS-user) + CPR + AARE rejected: the X.226/X.227 mapping of a refusal. */
export function buildRefuse(
  local: IsoAddress,
  ctx: NegotiatedContexts,
  results: ContextResult[],
  aarq: Aarq,
  diagnostic: AssociateDiagnostic,
  result: 'rejected-permanent' | 'rejected-transient',
): Uint8Array {
  const aare: Aare = { type: 'AARE', applicationContext: aarq.applicationContext, result, diagnostic };
  const cpr = encodeCpr({ respondingSelector: local.psel, results, userData: acsePdv(ctx.acse, aare) });
  // Transport Disconnect 1: the transport connection is released after the refusal.
  return encodeSpdu({ type: 'RF', transportDisconnect: 1, reason: 2, reasonUserData: cpr });
}

/** What an initiator learns from a refusal or a rejecting AARE. */
export interface AssociationRejection {
  /** Who refused: the ACSE user or provider (from the AARE), the presentation provider, or the session. */
  source: 'acse-service-user' | 'acse-service-provider' | 'presentation-provider' | 'session';
  /** The standard's name for the reason, e.g. 'authentication-failure'. */
  reason: string;
  result?: Aare['result'];
  aare?: Aare;
  /** One line: "association rejected: authentication-failure". */
  message: string;
}

export function rejectionFromAare(aare: Aare): AssociationRejection {
  return {
    source: aare.diagnostic.source,
    reason: aare.diagnostic.reason,
    result: aare.result,
    aare,
    message: describeAare(aare),
  };
}

/** Reads an RF: a CPR with an AARE (user rejection), a CPR with a provider reason, or a session reason. */
export function rejectionFromRefuse(
  spdu: Extract<Spdu, { type: 'RF' }>,
  acseContext: number,
): AssociationRejection {
  if (spdu.reason === 2 && spdu.reasonUserData && spdu.reasonUserData.length > 0) {
    const cpr = decodeCpr(spdu.reasonUserData);
    if (cpr.providerReason !== undefined) {
      return {
        source: 'presentation-provider',
        reason: cpr.providerReason,
        message: `association refused by the presentation provider: ${cpr.providerReason}`,
      };
    }
    if (cpr.userData) {
      const apdu = acseFrom(cpr.userData, acseContext, 'CPR-PPDU');
      if (apdu.type === 'AARE') return rejectionFromAare(apdu);
    }
  }
  const reason = describeRefuseReason(spdu.reason);
  return { source: 'session', reason, message: `association refused by the session layer: ${reason}` };
}

/** FN + RLRQ (initiating a release) and DN + RLRE (answering one). */
export function buildFinish(acseContext: number): Uint8Array {
  return encodeSpdu({
    type: 'FN',
    userData: encodeUserData(acsePdv(acseContext, { type: 'RLRQ', reason: 'normal' })),
  });
}

export function buildDisconnect(acseContext: number): Uint8Array {
  return encodeSpdu({
    type: 'DN',
    userData: encodeUserData(acsePdv(acseContext, { type: 'RLRE', reason: 'normal' })),
  });
}

/** AB + ARU + ABRT from the service user. Transport Disconnect 3: released, user abort. */
export function buildAbort(acseContext: number): Uint8Array {
  const aru = encodeAbortPpdu({
    type: 'ARU',
    userData: acsePdv(acseContext, { type: 'ABRT', source: 'acse-service-user' }),
  });
  return encodeSpdu({ type: 'AB', transportDisconnect: 3, userData: aru });
}

export interface AbortInfo {
  source:
    | 'acse-service-user'
    | 'acse-service-provider'
    | 'presentation-provider'
    | 'session'
    | `unknown(${number})`;
  reason: string;
  message: string;
}

/** Reads an AB: an ARU with an ACSE ABRT, an ARP with a provider reason, or no user data at all. */
export function abortFrom(spdu: Extract<Spdu, { type: 'AB' }>, acseContext: number): AbortInfo {
  if (spdu.userData && spdu.userData.length > 0) {
    const ppdu = decodeAbortPpdu(spdu.userData);
    if (ppdu.type === 'ARP') {
      const reason = ppdu.providerReason ?? 'reason-not-specified';
      return {
        source: 'presentation-provider',
        reason,
        message: `association aborted by the presentation provider: ${reason}`,
      };
    }
    if (ppdu.userData) {
      const apdu = acseFrom(ppdu.userData, acseContext, 'ARU-PPDU');
      if (apdu.type !== 'ABRT')
        throw new IsoError('association-unexpected-pdu', `an ARU-PPDU carries an ${apdu.type}, not an ABRT`);
      const reason = apdu.diagnostic ?? 'no-reason-given';
      return { source: apdu.source, reason, message: `association aborted by the ${apdu.source}: ${reason}` };
    }
  }
  const reason =
    spdu.transportDisconnect === undefined
      ? 'no reason given'
      : describeTransportDisconnect(spdu.transportDisconnect);
  return { source: 'session', reason, message: `association aborted by the session layer: ${reason}` };
}

/** The single PDV of a release User-data, decoded as an ACSE APDU. */
export function releaseApdu(userData: Uint8Array | undefined, acseContext: number, what: string): AcseApdu {
  if (!userData) throw new IsoError('presentation-missing-field', `${what} carries no user data`);
  return acseFrom(decodeUserData(userData), acseContext, what);
}
