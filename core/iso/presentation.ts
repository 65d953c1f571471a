import {
  BerWriter,
  TagClass,
  decodeBitString,
  decodeOctetString,
  type BerReader,
  type BitStringValue,
  type Tlv,
} from '../asn1';
import {
  Components,
  compact,
  elementsOf,
  layerError,
  nameOf,
  numberOf,
  oid,
  rangedInteger,
  readSingle,
  translateBer,
  type Named,
} from './ber-components';
import { decodeUserDataAt, writeUserData, type Pdv } from './presentation-user-data';

/*
 * ISO 8823-1 / X.226 connection-oriented presentation protocol, normal mode, kernel functional unit:
 * the subset IEC 61850-8-1 uses. The module is written with IMPLICIT TAGS, so every context tag below
 * replaces the universal tag of its type unless the type is a CHOICE or an open type.
 *
 * Session carries the PPDUs: CP in CONNECT, CPA in ACCEPT, CPR in REFUSE, ARU/ARP in ABORT, and bare
 * User-data (presentation-user-data.ts) in DATA TRANSFER, FINISH and DISCONNECT.
 */

const { universal: U, context: C } = TagClass;

/** Object identifiers of the two presentation contexts IEC 61850-8-1 defines, and BER. */
export const BER_TRANSFER_SYNTAX: readonly number[] = [2, 1, 1];
export const ACSE_ABSTRACT_SYNTAX: readonly number[] = [2, 2, 1, 0, 1];
export const MMS_ABSTRACT_SYNTAX: readonly number[] = [1, 0, 9506, 2, 1];
/** The presentation-context-identifiers IEC 61850 peers use: odd, since the initiator proposes them. */
export const ACSE_CONTEXT_ID = 1;
export const MMS_CONTEXT_ID = 3;

/** Largest number of contexts or results decoded from one list (8823 allows 1..7 before extensions). */
const MAX_LIST = 32;

/**
 *   Context-list ::= SEQUENCE SIZE (1..7, ..., 8..MAX) OF SEQUENCE {
 *     presentation-context-identifier Presentation-context-identifier,   -- INTEGER (1..127, ..., 128..MAX)
 *     abstract-syntax-name            Abstract-syntax-name,              -- OBJECT IDENTIFIER
 *     transfer-syntax-name-list       SEQUENCE OF Transfer-syntax-name } -- OBJECT IDENTIFIERs
 */
export interface PresentationContext {
  id: number;
  abstractSyntax: readonly number[];
  transferSyntaxes: readonly (readonly number[])[];
}

/** The two contexts of IEC 61850-8-1: 1 = ACSE, 3 = MMS, both in BER. */
export function defaultPresentationContexts(): PresentationContext[] {
  return [
    { id: ACSE_CONTEXT_ID, abstractSyntax: ACSE_ABSTRACT_SYNTAX, transferSyntaxes: [BER_TRANSFER_SYNTAX] },
    { id: MMS_CONTEXT_ID, abstractSyntax: MMS_ABSTRACT_SYNTAX, transferSyntaxes: [BER_TRANSFER_SYNTAX] },
  ];
}

/** Result ::= INTEGER { acceptance(0), user-rejection(1), provider-rejection(2) } */
export const PRESENTATION_RESULTS = {
  0: 'acceptance',
  1: 'user-rejection',
  2: 'provider-rejection',
} as const;
export type PresentationResult = Named<(typeof PRESENTATION_RESULTS)[keyof typeof PRESENTATION_RESULTS]>;

/** provider-reason of a Result-list entry. */
export const CONTEXT_REJECT_REASONS = {
  0: 'reason-not-specified',
  1: 'abstract-syntax-not-supported',
  2: 'proposed-transfer-syntaxes-not-supported',
  3: 'local-limit-on-DCS-exceeded',
} as const;
export type ContextRejectReason = Named<(typeof CONTEXT_REJECT_REASONS)[keyof typeof CONTEXT_REJECT_REASONS]>;

/** Provider-reason of a CPR-PPDU. */
export const PROVIDER_REASONS = {
  0: 'reason-not-specified',
  1: 'temporary-congestion',
  2: 'local-limit-exceeded',
  3: 'called-presentation-address-unknown',
  4: 'protocol-version-not-supported',
  5: 'default-context-not-supported',
  6: 'user-data-not-readable',
  7: 'no-PSAP-available',
} as const;
export type ProviderReason = Named<(typeof PROVIDER_REASONS)[keyof typeof PROVIDER_REASONS]>;

/**
 *   Result-list ::= SEQUENCE SIZE (1..7, ..., 8..MAX) OF SEQUENCE {
 *     result               [0] IMPLICIT Result,
 *     transfer-syntax-name [1] IMPLICIT Transfer-syntax-name OPTIONAL,
 *     provider-reason      [2] IMPLICIT INTEGER {...} OPTIONAL }
 */
export interface ContextResult {
  result: PresentationResult;
  transferSyntax?: readonly number[];
  providerReason?: ContextRejectReason;
}

/** Fields of the normal-mode-parameters shared by CP, CPA and CPR. */
interface NormalMode {
  /** Presentation-requirements: bit 0 context-management, bit 1 restoration. IEC 61850 uses neither. */
  presentationRequirements?: BitStringValue;
  /** User-session-requirements: the session functional units (bit 1 = duplex). */
  userSessionRequirements?: BitStringValue;
  userData?: Pdv[];
}

/**
 *   CP-type ::= SET {
 *     mode-selector          [0] IMPLICIT Mode-selector,        -- SET { mode-value [0] IMPLICIT INTEGER {normal-mode(1)} }
 *     x410-mode-parameters   [1] IMPLICIT RTORQapdu OPTIONAL,   -- not in normal mode
 *     normal-mode-parameters [2] IMPLICIT SEQUENCE {
 *       protocol-version                     [0] IMPLICIT Protocol-version DEFAULT {version-1},
 *       calling-presentation-selector        [1] IMPLICIT OCTET STRING OPTIONAL,
 *       called-presentation-selector         [2] IMPLICIT OCTET STRING OPTIONAL,
 *       presentation-context-definition-list [4] IMPLICIT Context-list OPTIONAL,
 *       default-context-name                 [6] IMPLICIT Default-context-name OPTIONAL,
 *       presentation-requirements            [8] IMPLICIT BIT STRING OPTIONAL,
 *       user-session-requirements            [9] IMPLICIT BIT STRING OPTIONAL,
 *       protocol-options [11] ..., initiators-nominated-context [12] ..., extensions [14] ...,
 *       user-data                            User-data OPTIONAL } OPTIONAL }
 *
 * Components this codec does not model (protocol-version, default context, options, extensions) are
 * skipped when decoding and never sent; a peer that needs them is not an IEC 61850 peer.
 */
export interface CpPpdu extends NormalMode {
  callingSelector?: Uint8Array;
  calledSelector?: Uint8Array;
  contexts: PresentationContext[];
}

/**
 *   CPA-PPDU ::= SET {
 *     mode-selector          [0] IMPLICIT Mode-selector,
 *     x410-mode-parameters   [1] IMPLICIT RTOACapdu OPTIONAL,
 *     normal-mode-parameters [2] IMPLICIT SEQUENCE {
 *       protocol-version                            [0] IMPLICIT Protocol-version DEFAULT {version-1},
 *       responding-presentation-selector            [3] IMPLICIT OCTET STRING OPTIONAL,
 *       presentation-context-definition-result-list [5] IMPLICIT Result-list OPTIONAL,
 *       presentation-requirements                   [8] IMPLICIT BIT STRING OPTIONAL,
 *       user-session-requirements                   [9] IMPLICIT BIT STRING OPTIONAL,
 *       protocol-options [11] ..., responders-nominated-context [13] ...,
 *       user-data                                   User-data OPTIONAL } OPTIONAL }
 */
export interface CpaPpdu extends NormalMode {
  respondingSelector?: Uint8Array;
  results?: ContextResult[];
}

/**
 *   CPR-PPDU ::= CHOICE {
 *     x400-mode-parameters   RTORJapdu,
 *     normal-mode-parameters SEQUENCE {
 *       protocol-version                            [0] IMPLICIT Protocol-version DEFAULT {version-1},
 *       responding-presentation-selector            [3] IMPLICIT OCTET STRING OPTIONAL,
 *       presentation-context-definition-result-list [5] IMPLICIT Result-list OPTIONAL,
 *       default-context-result                      [7] IMPLICIT Result OPTIONAL,
 *       provider-reason                             [10] IMPLICIT Provider-reason OPTIONAL,
 *       user-data                                   User-data OPTIONAL } }
 *
 * A CPR with a provider-reason is a refusal by the presentation provider; without one, the called
 * user refused (for IEC 61850: the ACSE AARE in user-data says why).
 */
export interface CprPpdu {
  respondingSelector?: Uint8Array;
  results?: ContextResult[];
  defaultContextResult?: PresentationResult;
  providerReason?: ProviderReason;
  userData?: Pdv[];
}

// ------------------------------------------------------------------ encode

function writeBits(w: BerWriter, tag: number, bits: BitStringValue | undefined): void {
  if (bits) w.bitString(C, tag, bits.bitLength, bits.bytes);
}

function writeContextList(w: BerWriter, contexts: readonly PresentationContext[]): void {
  w.begin(C, 4);
  for (const ctx of contexts) {
    w.begin(U, 16).integer(U, 2, ctx.id).objectIdentifier(U, 6, ctx.abstractSyntax);
    w.begin(U, 16);
    for (const ts of ctx.transferSyntaxes) w.objectIdentifier(U, 6, ts);
    w.end().end();
  }
  w.end();
}

function writeResultList(w: BerWriter, results: readonly ContextResult[]): void {
  w.begin(C, 5);
  for (const r of results) {
    w.begin(U, 16).integer(C, 0, numberOf(PRESENTATION_RESULTS, r.result));
    if (r.transferSyntax) w.objectIdentifier(C, 1, r.transferSyntax);
    if (r.providerReason !== undefined) w.integer(C, 2, numberOf(CONTEXT_REJECT_REASONS, r.providerReason));
    w.end();
  }
  w.end();
}

/** mode-selector [0] { mode-value [0] normal-mode(1) }, the start of CP and CPA. */
function writeNormalModeSelector(w: BerWriter): void {
  w.begin(C, 0).integer(C, 0, 1).end();
}

export function encodeCp(cp: CpPpdu): Uint8Array {
  const w = new BerWriter();
  w.begin(U, 17); // CP-type SET
  writeNormalModeSelector(w);
  w.begin(C, 2); // normal-mode-parameters
  if (cp.callingSelector) w.octetString(C, 1, cp.callingSelector);
  if (cp.calledSelector) w.octetString(C, 2, cp.calledSelector);
  writeContextList(w, cp.contexts);
  writeBits(w, 8, cp.presentationRequirements);
  writeBits(w, 9, cp.userSessionRequirements);
  if (cp.userData) writeUserData(w, cp.userData);
  return w.end().end().finish();
}

export function encodeCpa(cpa: CpaPpdu): Uint8Array {
  const w = new BerWriter();
  w.begin(U, 17); // CPA-PPDU SET
  writeNormalModeSelector(w);
  w.begin(C, 2); // normal-mode-parameters
  if (cpa.respondingSelector) w.octetString(C, 3, cpa.respondingSelector);
  if (cpa.results) writeResultList(w, cpa.results);
  writeBits(w, 8, cpa.presentationRequirements);
  writeBits(w, 9, cpa.userSessionRequirements);
  if (cpa.userData) writeUserData(w, cpa.userData);
  return w.end().end().finish();
}

export function encodeCpr(cpr: CprPpdu): Uint8Array {
  const w = new BerWriter();
  w.begin(U, 16); // normal-mode-parameters: an untagged SEQUENCE
  if (cpr.respondingSelector) w.octetString(C, 3, cpr.respondingSelector);
  if (cpr.results) writeResultList(w, cpr.results);
  if (cpr.defaultContextResult !== undefined)
    w.integer(C, 7, numberOf(PRESENTATION_RESULTS, cpr.defaultContextResult));
  if (cpr.providerReason !== undefined) w.integer(C, 10, numberOf(PROVIDER_REASONS, cpr.providerReason));
  if (cpr.userData) writeUserData(w, cpr.userData);
  return w.end().finish();
}

// ------------------------------------------------------------------ decode

function listItems(reader: BerReader, tlv: Tlv, what: string): { reader: BerReader; items: Tlv[] } {
  const list = elementsOf(reader, tlv, what);
  if (list.items.length > MAX_LIST) {
    throw layerError(
      'presentation',
      'value',
      `${what} has ${list.items.length} entries, at most ${MAX_LIST} accepted`,
      tlv.start,
    );
  }
  return list;
}

function contextId(reader: BerReader, tlv: Tlv): number {
  return rangedInteger(reader, tlv, 'presentation', 'presentation-context-identifier', 1, 2 ** 31 - 1);
}

function decodeContextList(reader: BerReader, tlv: Tlv): PresentationContext[] {
  const list = listItems(reader, tlv, 'presentation-context-definition-list');
  return list.items.map((item) => {
    const r = list.reader.children(item, 'a context definition');
    const id = contextId(r, r.expect(U, 2, 'presentation-context-identifier'));
    const abstractSyntax = oid(r, r.expect(U, 6, 'abstract-syntax-name'));
    const tsList = elementsOf(r, r.expect(U, 16, 'transfer-syntax-name-list'), 'transfer-syntax-name-list');
    r.end('a context definition');
    const transferSyntaxes = tsList.items.map((ts) => {
      if (ts.cls !== U || ts.tag !== 6)
        throw layerError(
          'presentation',
          'structure',
          'a transfer syntax name is not an OBJECT IDENTIFIER',
          ts.start,
        );
      return oid(tsList.reader, ts);
    });
    return { id, abstractSyntax, transferSyntaxes };
  });
}

/** An optional named INTEGER component with IMPLICIT tag [tag]. */
function named<T extends string>(
  f: Components,
  tag: number,
  table: Readonly<Record<number, T>>,
  field: string,
) {
  const tlv = f.get(C, tag);
  return tlv ? nameOf(table, rangedInteger(f.reader, tlv, 'presentation', field, 0, 255)) : undefined;
}

function optional<T>(f: Components, tag: number, decode: (reader: BerReader, tlv: Tlv) => T): T | undefined {
  const tlv = f.get(C, tag);
  return tlv ? decode(f.reader, tlv) : undefined;
}

function decodeResultList(reader: BerReader, tlv: Tlv): ContextResult[] {
  const list = listItems(reader, tlv, 'presentation-context-definition-result-list');
  return list.items.map((item) => {
    const f = new Components(list.reader, item, 'presentation', 'a context result');
    f.require(C, 0, 'result');
    return compact({
      result: named(f, 0, PRESENTATION_RESULTS, 'result')!,
      transferSyntax: optional(f, 1, oid),
      providerReason: named(f, 2, CONTEXT_REJECT_REASONS, 'provider-reason'),
    });
  });
}

function userData(f: Components): Pdv[] | undefined {
  const tlv = f.get(TagClass.application, 1) ?? f.get(TagClass.application, 0);
  return tlv ? decodeUserDataAt(f.reader, tlv) : undefined;
}

function normalModeCommon(f: Components): NormalMode {
  return {
    presentationRequirements: optional(f, 8, decodeBitString),
    userSessionRequirements: optional(f, 9, decodeBitString),
    userData: userData(f),
  };
}

/** Checks the mode-selector of a CP or CPA SET and opens its normal-mode-parameters. */
function openNormalMode(reader: BerReader, tlv: Tlv, what: string): Components {
  if (tlv.cls !== U || tlv.tag !== 17) {
    throw layerError('presentation', 'structure', `${what} must be a SET`, tlv.start);
  }
  const set = new Components(reader, tlv, 'presentation', what);
  const selector = new Components(
    set.reader,
    set.require(C, 0, 'mode-selector'),
    'presentation',
    'mode-selector',
  );
  const modeTlv = selector.require(C, 0, 'mode-value');
  if (rangedInteger(selector.reader, modeTlv, 'presentation', 'mode-value', 0, 1) !== 1) {
    const message = `${what} asks for X.410-1984 mode; only normal mode is supported`;
    throw layerError('presentation', 'value', message, modeTlv.valueStart);
  }
  const params = set.require(C, 2, 'normal-mode-parameters');
  return new Components(set.reader, params, 'presentation', 'normal-mode-parameters');
}

export function decodeCp(bytes: Uint8Array): CpPpdu {
  return translateBer('presentation', 'CP-type', () => {
    const { reader, tlv } = readSingle(bytes, 'CP-type');
    const f = openNormalMode(reader, tlv, 'CP-type');
    return compact({
      callingSelector: optional(f, 1, decodeOctetString),
      calledSelector: optional(f, 2, decodeOctetString),
      contexts: optional(f, 4, decodeContextList) ?? [],
      ...normalModeCommon(f),
    });
  });
}

export function decodeCpa(bytes: Uint8Array): CpaPpdu {
  return translateBer('presentation', 'CPA-PPDU', () => {
    const { reader, tlv } = readSingle(bytes, 'CPA-PPDU');
    const f = openNormalMode(reader, tlv, 'CPA-PPDU');
    return compact({
      respondingSelector: optional(f, 3, decodeOctetString),
      results: optional(f, 5, decodeResultList),
      ...normalModeCommon(f),
    });
  });
}

export function decodeCpr(bytes: Uint8Array): CprPpdu {
  return translateBer('presentation', 'CPR-PPDU', () => {
    const { reader, tlv } = readSingle(bytes, 'CPR-PPDU');
    if (tlv.cls !== U || tlv.tag !== 16) {
      const message = 'CPR-PPDU is not in normal mode (an untagged SEQUENCE)';
      throw layerError('presentation', 'structure', message, tlv.start);
    }
    const f = new Components(reader, tlv, 'presentation', 'CPR-PPDU');
    return compact({
      respondingSelector: optional(f, 3, decodeOctetString),
      results: optional(f, 5, decodeResultList),
      defaultContextResult: named(f, 7, PRESENTATION_RESULTS, 'default-context-result'),
      providerReason: named(f, 10, PROVIDER_REASONS, 'provider-reason'),
      userData: userData(f),
    });
  });
}
