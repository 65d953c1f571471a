import { BerWriter, TagClass, integerContents, type BerReader, type Tlv } from '../asn1';
import {
  decodeEncodedValue,
  elementsOf,
  layerError,
  oid,
  rangedInteger,
  readSingle,
  translateBer,
  writeEncodedValue,
  type EncodedValue,
} from './ber-components';

/*
 * ISO 8823 / X.226 User-data, the presentation user data of every PPDU and, on its own, of the data
 * phase (P-DATA), the release (P-RELEASE) and IEC 61850's ACSE exchanges:
 *
 *   User-data ::= CHOICE {
 *     simply-encoded-data [APPLICATION 0] IMPLICIT Simply-encoded-data,   -- OCTET STRING
 *     fully-encoded-data  [APPLICATION 1] IMPLICIT Fully-encoded-data }
 *
 *   Fully-encoded-data ::= SEQUENCE SIZE (1, ..., 2..MAX) OF PDV-list
 *
 *   PDV-list ::= SEQUENCE {
 *     transfer-syntax-name            Transfer-syntax-name OPTIONAL,     -- OBJECT IDENTIFIER
 *     presentation-context-identifier Presentation-context-identifier,   -- INTEGER
 *     presentation-data-values CHOICE {
 *       single-ASN1-type [0] ABSTRACT-SYNTAX.&Type,
 *       octet-aligned    [1] IMPLICIT OCTET STRING,
 *       arbitrary        [2] IMPLICIT BIT STRING } }
 *
 * Simply-encoded data needs a default context, which the kernel with two defined contexts never has:
 * it is refused. The data phase is the hot path (one User-data per MMS PDU), so its PDV value is
 * returned as a view into the input and `userDataHeader` builds only the header, leaving the caller to
 * place the MMS PDU right behind it without an intermediate copy.
 */

const { universal: U, application: A } = TagClass;

/** Most PDV-lists accepted in one User-data (IEC 61850 sends one). */
const MAX_PDVS = 16;

export interface Pdv extends EncodedValue {
  contextId: number;
  transferSyntax?: readonly number[];
}

export function writeUserData(w: BerWriter, pdvs: readonly Pdv[]): void {
  w.begin(A, 1); // fully-encoded-data
  for (const pdv of pdvs) {
    w.begin(U, 16);
    if (pdv.transferSyntax) w.objectIdentifier(U, 6, pdv.transferSyntax);
    w.integer(U, 2, pdv.contextId);
    writeEncodedValue(w, pdv);
    w.end();
  }
  w.end();
}

function decodePdv(reader: BerReader, tlv: Tlv): Pdv {
  if (tlv.cls !== U || tlv.tag !== 16)
    throw layerError('presentation', 'structure', 'a PDV-list must be a SEQUENCE', tlv.start);
  const r = reader.children(tlv, 'PDV-list');
  const ts = r.optional(U, 6);
  const id = r.expect(U, 2, 'presentation-context-identifier');
  const contextId = rangedInteger(r, id, 'presentation', 'presentation-context-identifier', 1, 2 ** 31 - 1);
  const valueTlv = r.next('presentation-data-values');
  const value = decodeEncodedValue(r, valueTlv, 'presentation');
  if (!value)
    throw layerError(
      'presentation',
      'structure',
      'presentation-data-values is none of [0], [1], [2]',
      valueTlv.start,
    );
  r.end('PDV-list');
  const pdv: Pdv = { contextId, ...value };
  if (ts) pdv.transferSyntax = oid(r, ts);
  return pdv;
}

/** Decodes the User-data element `tlv` read by `reader` (inside a CP, CPA or CPR). */
export function decodeUserDataAt(reader: BerReader, tlv: Tlv): Pdv[] {
  if (tlv.cls === A && tlv.tag === 0) {
    throw layerError(
      'presentation',
      'value',
      'simply-encoded-data needs a default context, which is not supported',
      tlv.start,
    );
  }
  if (tlv.cls !== A || tlv.tag !== 1)
    throw layerError(
      'presentation',
      'structure',
      'User-data must be fully-encoded-data [APPLICATION 1]',
      tlv.start,
    );
  const list = elementsOf(reader, tlv, 'fully-encoded-data');
  if (list.items.length === 0)
    throw layerError('presentation', 'missing-field', 'fully-encoded-data holds no PDV-list', tlv.start);
  if (list.items.length > MAX_PDVS) {
    throw layerError(
      'presentation',
      'value',
      `fully-encoded-data holds ${list.items.length} PDV-lists, at most ${MAX_PDVS} accepted`,
      tlv.start,
    );
  }
  return list.items.map((item) => decodePdv(list.reader, item));
}

/** Encodes a User-data on its own (the contents of a session DT, FN, DN or AB). */
export function encodeUserData(pdvs: readonly Pdv[]): Uint8Array {
  const w = new BerWriter(pdvs.reduce((n, p) => n + p.data.length, 32));
  writeUserData(w, pdvs);
  return w.finish();
}

/** Decodes a User-data on its own. PDV values are views into `bytes`. */
export function decodeUserData(bytes: Uint8Array): Pdv[] {
  return translateBer('presentation', 'User-data', () => {
    const { reader, tlv } = readSingle(bytes, 'User-data');
    return decodeUserDataAt(reader, tlv);
  });
}

// ------------------------------------------------------------------ data phase fast path

function lengthField(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/**
 * The octets that come before a `valueLength`-octet encoded value (e.g. an MMS PDU) in a User-data
 * holding one single-ASN1-type PDV of context `contextId`:
 *
 *   61 L1                 fully-encoded-data
 *     30 L2               PDV-list
 *       02 01 03          presentation-context-identifier
 *       a0 L3 <value>     single-ASN1-type
 */
export function userDataHeader(contextId: number, valueLength: number): Uint8Array {
  const id = integerContents(contextId);
  const l3 = lengthField(valueLength);
  const pdvLength = 2 + id.length + 1 + l3.length + valueLength;
  const l2 = lengthField(pdvLength);
  const l1 = lengthField(1 + l2.length + pdvLength);
  return Uint8Array.from([0x61, ...l1, 0x30, ...l2, 0x02, id.length, ...id, 0xa0, ...l3]);
}
