import {
  TagClass,
  decodeBitString,
  decodeLatin1String,
  type BerReader,
  type BerWriter,
  type BitStringValue,
  type Tlv,
} from '../asn1';
import {
  decodeEncodedValue,
  elementsOf,
  layerError,
  oid,
  rangedInteger,
  writeEncodedValue,
  compact,
  type Components,
  type EncodedValue,
} from './ber-components';

/*
 * Types shared by the ACSE APDUs (ISO 8650-1 / X.227, module ACSE-1). ACSE-1 has no tagging default,
 * so its tags are EXPLICIT unless written IMPLICIT: `[2] AP-title` wraps the OBJECT IDENTIFIER in an
 * a2 element, while `[11] IMPLICIT Mechanism-name` replaces the OBJECT IDENTIFIER tag with 8b.
 */

const { universal: U, context: C } = TagClass;

/** The MMS application context of ISO 9506 and the password mechanism IEC 61850-8-1 uses. */
export const MMS_APPLICATION_CONTEXT: readonly number[] = [1, 0, 9506, 2, 3];
export const PASSWORD_MECHANISM: readonly number[] = [2, 2, 3, 1];

/**
 * One end's application entity title, in the forms IEC 61850 uses:
 *   AP-title ::= CHOICE { ap-title-form1 Name, ap-title-form2 OBJECT IDENTIFIER, ... }
 *   AE-qualifier ::= CHOICE { ae-qualifier-form1 RelativeDistinguishedName, ae-qualifier-form2 INTEGER, ... }
 *   AP-invocation-identifier ::= INTEGER;  AE-invocation-identifier ::= INTEGER
 * The directory-name forms (form 1) are skipped when decoding: no IEC 61850 peer relies on them.
 */
export interface AeTitle {
  apTitle?: readonly number[];
  aeQualifier?: number;
  apInvocationId?: number;
  aeInvocationId?: number;
}

/** ACSE-requirements ::= BIT STRING { authentication(0), application-context-negotiation(1) } */
export interface AcseRequirements {
  authentication: boolean;
  contextNegotiation: boolean;
}

/**
 *   Authentication-value ::= CHOICE {
 *     charstring [0] IMPLICIT GraphicString,   -- the IEC 61850 password
 *     bitstring  [1] IMPLICIT BIT STRING,
 *     external   [2] IMPLICIT EXTERNAL,
 *     other      [3] IMPLICIT SEQUENCE { other-mechanism-name, other-mechanism-value } }
 * The last two are kept as their contents octets.
 */
export type AuthenticationValue =
  | { kind: 'charstring'; value: string }
  | { kind: 'bitstring'; value: BitStringValue }
  | { kind: 'external' | 'other'; contents: Uint8Array };

/** The authentication components: AARQ has them at [10] [11] [12], AARE at [8] [9] [10]. */
export interface AuthenticationFields {
  requirements?: AcseRequirements;
  mechanism?: readonly number[];
  authenticationValue?: AuthenticationValue;
}

/**
 *   EXTERNAL ::= [UNIVERSAL 8] IMPLICIT SEQUENCE {
 *     direct-reference      OBJECT IDENTIFIER OPTIONAL,
 *     indirect-reference    INTEGER OPTIONAL,          -- the presentation context: 3 for MMS
 *     data-value-descriptor ObjectDescriptor OPTIONAL, -- skipped
 *     encoding CHOICE { single-ASN1-type [0] ..., octet-aligned [1] ..., arbitrary [2] ... } }
 */
export interface External extends EncodedValue {
  directReference?: readonly number[];
  indirectReference?: number;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Association-information ::= SEQUENCE SIZE (1, ..., 0 | 2..MAX) OF EXTERNAL */
const MAX_EXTERNALS = 8;

// ------------------------------------------------------------------ encode

export function writeAeTitle(w: BerWriter, title: AeTitle | undefined, firstTag: number): void {
  if (!title) return;
  // [n] AP-title, [n+1] AE-qualifier, [n+2] AP-invocation-identifier, [n+3] AE-invocation-identifier
  if (title.apTitle) w.begin(C, firstTag).objectIdentifier(U, 6, title.apTitle).end();
  if (title.aeQualifier !== undefined)
    w.begin(C, firstTag + 1)
      .integer(U, 2, title.aeQualifier)
      .end();
  if (title.apInvocationId !== undefined)
    w.begin(C, firstTag + 2)
      .integer(U, 2, title.apInvocationId)
      .end();
  if (title.aeInvocationId !== undefined)
    w.begin(C, firstTag + 3)
      .integer(U, 2, title.aeInvocationId)
      .end();
}

function writeRequirements(w: BerWriter, tag: number, req: AcseRequirements | undefined): void {
  if (!req) return;
  const bits = (req.authentication ? 0x80 : 0) | (req.contextNegotiation ? 0x40 : 0);
  w.bitString(C, tag, req.contextNegotiation ? 2 : 1, Uint8Array.of(bits));
}

function writeAuthenticationValue(w: BerWriter, tag: number, value: AuthenticationValue | undefined): void {
  if (!value) return;
  w.begin(C, tag); // EXPLICIT wrapper around the CHOICE
  switch (value.kind) {
    case 'charstring':
      w.latin1String(C, 0, value.value);
      break;
    case 'bitstring':
      w.bitString(C, 1, value.value.bitLength, value.value.bytes);
      break;
    case 'external':
    case 'other':
      w.begin(C, value.kind === 'external' ? 2 : 3)
        .raw(value.contents)
        .end();
      break;
  }
  w.end();
}

/** ACSE-requirements [n] IMPLICIT, Mechanism-name [n+1] IMPLICIT, Authentication-value [n+2] EXPLICIT. */
export function writeAuthentication(w: BerWriter, firstTag: number, fields: AuthenticationFields): void {
  writeRequirements(w, firstTag, fields.requirements);
  if (fields.mechanism) w.objectIdentifier(C, firstTag + 1, fields.mechanism);
  writeAuthenticationValue(w, firstTag + 2, fields.authenticationValue);
}

export function writeUserInformation(w: BerWriter, tag: number, info: readonly External[] | undefined): void {
  if (!info) return;
  w.begin(C, tag);
  for (const ext of info) {
    w.begin(U, 8);
    if (ext.directReference) w.objectIdentifier(U, 6, ext.directReference);
    if (ext.indirectReference !== undefined) w.integer(U, 2, ext.indirectReference);
    writeEncodedValue(w, ext);
    w.end();
  }
  w.end();
}

// ------------------------------------------------------------------ decode

/** Reads AP-title, AE-qualifier and the invocation identifiers at tags firstTag..firstTag+3. */
export function readAeTitle(f: Components, firstTag: number): AeTitle | undefined {
  const out: AeTitle = {};
  const ap = f.get(C, firstTag);
  if (ap) {
    const inner = f.explicit(ap, 'AP-title');
    if (inner.cls === U && inner.tag === 6) out.apTitle = oid(f.reader, inner);
  }
  const ae = f.get(C, firstTag + 1);
  if (ae) {
    const inner = f.explicit(ae, 'AE-qualifier');
    if (inner.cls === U && inner.tag === 2)
      out.aeQualifier = rangedInteger(f.reader, inner, 'acse', 'AE-qualifier', INT32_MIN, INT32_MAX);
  }
  const apInv = f.get(C, firstTag + 2);
  if (apInv) out.apInvocationId = explicitInteger(f, apInv, 'AP-invocation-identifier', INT32_MIN, INT32_MAX);
  const aeInv = f.get(C, firstTag + 3);
  if (aeInv) out.aeInvocationId = explicitInteger(f, aeInv, 'AE-invocation-identifier', INT32_MIN, INT32_MAX);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The INTEGER inside an EXPLICIT tag, within [min, max]. */
export function explicitInteger(f: Components, tlv: Tlv, field: string, min: number, max: number): number {
  const inner = f.explicit(tlv, field);
  if (inner.cls !== U || inner.tag !== 2) {
    throw layerError('acse', 'structure', `${field} must be an INTEGER`, inner.start);
  }
  return rangedInteger(f.reader, inner, 'acse', field, min, max);
}

/** The one OBJECT IDENTIFIER inside an EXPLICIT tag (application-context-name). */
export function explicitOid(f: Components, tlv: Tlv, field: string): number[] {
  const inner = f.explicit(tlv, field);
  if (inner.cls !== U || inner.tag !== 6)
    throw layerError('acse', 'structure', `${field} must be an OBJECT IDENTIFIER`, inner.start);
  return oid(f.reader, inner);
}

function readRequirements(f: Components, tag: number): AcseRequirements | undefined {
  const tlv = f.get(C, tag);
  if (!tlv) return undefined;
  const { bitLength, bytes } = decodeBitString(f.reader, tlv);
  const bit = (i: number) => i < bitLength && ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0;
  return { authentication: bit(0), contextNegotiation: bit(1) };
}

function readAuthenticationValue(f: Components, tag: number): AuthenticationValue | undefined {
  const tlv = f.get(C, tag);
  if (!tlv) return undefined;
  const inner = f.explicit(tlv, 'authentication-value');
  if (inner.cls === C && inner.tag === 0)
    return { kind: 'charstring', value: decodeLatin1String(f.reader, inner) };
  if (inner.cls === C && inner.tag === 1)
    return { kind: 'bitstring', value: decodeBitString(f.reader, inner) };
  if (inner.cls === C && (inner.tag === 2 || inner.tag === 3) && inner.constructed) {
    return { kind: inner.tag === 2 ? 'external' : 'other', contents: f.reader.value(inner) };
  }
  throw layerError(
    'acse',
    'structure',
    'authentication-value is none of charstring [0], bitstring [1], external [2], other [3]',
    inner.start,
  );
}

export function readAuthentication(f: Components, firstTag: number): AuthenticationFields {
  const mechanism = f.get(C, firstTag + 1);
  return compact({
    requirements: readRequirements(f, firstTag),
    mechanism: mechanism ? oid(f.reader, mechanism) : undefined,
    authenticationValue: readAuthenticationValue(f, firstTag + 2),
  });
}

function readExternal(reader: BerReader, tlv: Tlv): External {
  if (tlv.cls !== U || tlv.tag !== 8)
    throw layerError('acse', 'structure', 'user-information must hold EXTERNALs', tlv.start);
  const r = reader.children(tlv, 'EXTERNAL');
  const direct = r.optional(U, 6);
  const indirect = r.optional(U, 2);
  r.optional(U, 7); // data-value-descriptor
  const encodingTlv = r.next('the encoding of an EXTERNAL');
  const value = decodeEncodedValue(r, encodingTlv, 'acse');
  if (!value)
    throw layerError(
      'acse',
      'structure',
      'the encoding of an EXTERNAL is none of [0], [1], [2]',
      encodingTlv.start,
    );
  r.end('EXTERNAL');
  const out: External = { ...value };
  if (direct) out.directReference = oid(r, direct);
  if (indirect)
    out.indirectReference = rangedInteger(r, indirect, 'acse', 'indirect-reference', 0, 2 ** 31 - 1);
  return out;
}

export function readUserInformation(f: Components, tag: number): External[] | undefined {
  const tlv = f.get(C, tag);
  if (!tlv) return undefined;
  const list = elementsOf(f.reader, tlv, 'user-information');
  if (list.items.length > MAX_EXTERNALS) {
    throw layerError(
      'acse',
      'value',
      `user-information holds ${list.items.length} EXTERNALs, at most ${MAX_EXTERNALS} accepted`,
      tlv.start,
    );
  }
  return list.items.map((item) => readExternal(list.reader, item));
}

/** The value of the single-ASN1-type EXTERNAL of a presentation context (the MMS PDU of an AARQ/AARE). */
export function userInformationFor(
  info: readonly External[] | undefined,
  contextId: number,
): Uint8Array | undefined {
  const ext = info?.find((e) => e.indirectReference === contextId && e.encoding === 'single-asn1-type');
  return ext?.data;
}
