import { BerWriter, TagClass, type BerReader, type Tlv } from '../asn1';
import {
  Components,
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
 * ISO 8823 / X.226 abort PPDUs, carried in the user data of a session ABORT SPDU:
 *
 *   Abort-type ::= CHOICE { aru-ppdu ARU-PPDU, arp-ppdu ARP-PPDU }
 *
 *   ARU-PPDU ::= CHOICE {
 *     x400-mode-parameters   RTABapdu,                        -- X.410 mode: not supported
 *     normal-mode-parameters [0] IMPLICIT SEQUENCE {
 *       presentation-context-identifier-list [0] IMPLICIT Presentation-context-identifier-list OPTIONAL,
 *       user-data                            User-data OPTIONAL } }
 *
 *   Presentation-context-identifier-list ::= SEQUENCE SIZE (1..7, ..., 8..MAX) OF SEQUENCE {
 *     presentation-context-identifier Presentation-context-identifier,
 *     transfer-syntax-name            Transfer-syntax-name }
 *
 *   ARP-PPDU ::= SEQUENCE {
 *     provider-reason  [0] IMPLICIT Abort-reason OPTIONAL,
 *     event-identifier [1] IMPLICIT Event-identifier OPTIONAL }
 *
 * ARU is a user abort (for IEC 61850: an ACSE ABRT in its user data); ARP is the presentation
 * provider's own abort, with a reason.
 */

const { universal: U, context: C } = TagClass;

/** Abort-reason ::= INTEGER { ... } */
export const ABORT_REASONS = {
  0: 'reason-not-specified',
  1: 'unrecognized-ppdu',
  2: 'unexpected-ppdu',
  3: 'unexpected-session-service-primitive',
  4: 'unrecognized-ppdu-parameter',
  5: 'unexpected-ppdu-parameter',
  6: 'invalid-ppdu-parameter-value',
} as const;
export type PresentationAbortReason = Named<(typeof ABORT_REASONS)[keyof typeof ABORT_REASONS]>;

export interface AruPpdu {
  type: 'ARU';
  contexts?: { contextId: number; transferSyntax: readonly number[] }[];
  userData?: Pdv[];
}

export interface ArpPpdu {
  type: 'ARP';
  providerReason?: PresentationAbortReason;
  /** Event-identifier: which PPDU or session event the provider could not handle (0 = cp-PPDU, ...). */
  eventIdentifier?: number;
}

export type AbortPpdu = AruPpdu | ArpPpdu;

const MAX_CONTEXTS = 32;

export function encodeAbortPpdu(ppdu: AbortPpdu): Uint8Array {
  const w = new BerWriter();
  if (ppdu.type === 'ARP') {
    w.begin(U, 16);
    if (ppdu.providerReason !== undefined) w.integer(C, 0, numberOf(ABORT_REASONS, ppdu.providerReason));
    if (ppdu.eventIdentifier !== undefined) w.integer(C, 1, ppdu.eventIdentifier);
    return w.end().finish();
  }
  w.begin(C, 0); // normal-mode-parameters
  if (ppdu.contexts) {
    w.begin(C, 0);
    for (const c of ppdu.contexts)
      w.begin(U, 16).integer(U, 2, c.contextId).objectIdentifier(U, 6, c.transferSyntax).end();
    w.end();
  }
  if (ppdu.userData) writeUserData(w, ppdu.userData);
  return w.end().finish();
}

function decodeContexts(reader: BerReader, tlv: Tlv): NonNullable<AruPpdu['contexts']> {
  const list = elementsOf(reader, tlv, 'presentation-context-identifier-list');
  if (list.items.length > MAX_CONTEXTS) {
    throw layerError(
      'presentation',
      'value',
      `presentation-context-identifier-list has more than ${MAX_CONTEXTS} entries`,
      tlv.start,
    );
  }
  return list.items.map((item) => {
    const r = list.reader.children(item, 'a context identifier');
    const contextId = rangedInteger(
      r,
      r.expect(U, 2, 'presentation-context-identifier'),
      'presentation',
      'presentation-context-identifier',
      1,
      2 ** 31 - 1,
    );
    const transferSyntax = oid(r, r.expect(U, 6, 'transfer-syntax-name'));
    r.end('a context identifier');
    return { contextId, transferSyntax };
  });
}

function decodeAru(reader: BerReader, tlv: Tlv): AruPpdu {
  const f = new Components(reader, tlv, 'presentation', 'ARU-PPDU');
  const out: AruPpdu = { type: 'ARU' };
  const contexts = f.get(C, 0);
  if (contexts) out.contexts = decodeContexts(f.reader, contexts);
  const ud = f.get(TagClass.application, 1) ?? f.get(TagClass.application, 0);
  if (ud) out.userData = decodeUserDataAt(f.reader, ud);
  return out;
}

function decodeArp(reader: BerReader, tlv: Tlv): ArpPpdu {
  const f = new Components(reader, tlv, 'presentation', 'ARP-PPDU');
  const out: ArpPpdu = { type: 'ARP' };
  const reason = f.get(C, 0);
  if (reason)
    out.providerReason = nameOf(
      ABORT_REASONS,
      rangedInteger(f.reader, reason, 'presentation', 'provider-reason', 0, 255),
    );
  const event = f.get(C, 1);
  if (event) out.eventIdentifier = rangedInteger(f.reader, event, 'presentation', 'event-identifier', 0, 255);
  return out;
}

/** Decodes the user data of a session ABORT: an ARU (tag [0]) or an ARP (an untagged SEQUENCE). */
export function decodeAbortPpdu(bytes: Uint8Array): AbortPpdu {
  return translateBer('presentation', 'Abort-type', () => {
    const { reader, tlv } = readSingle(bytes, 'Abort-type');
    if (tlv.cls === C && tlv.tag === 0) return decodeAru(reader, tlv);
    if (tlv.cls === U && tlv.tag === 16) return decodeArp(reader, tlv);
    throw layerError(
      'presentation',
      'structure',
      'an abort PPDU must be an ARU [0] or an ARP SEQUENCE (X.410 mode is not supported)',
      tlv.start,
    );
  });
}
