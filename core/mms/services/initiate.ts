import {
  TagClass,
  decodeBitString,
  decodeInteger,
  type BerReader,
  type BerWriter,
  type Tlv,
} from '../../asn1';

const C = TagClass.context;

/**
 *   Initiate-RequestPDU ::= SEQUENCE {
 *     localDetailCalling                [0] IMPLICIT Integer32 OPTIONAL,   -- max PDU size proposed
 *     proposedMaxServOutstandingCalling [1] IMPLICIT Integer16,
 *     proposedMaxServOutstandingCalled  [2] IMPLICIT Integer16,
 *     proposedDataStructureNestingLevel [3] IMPLICIT Integer8 OPTIONAL,
 *     mmsInitRequestDetail              [4] IMPLICIT InitRequestDetail }
 *   InitRequestDetail ::= SEQUENCE {
 *     proposedVersionNumber    [0] IMPLICIT Integer16,
 *     proposedParameterCBB     [1] IMPLICIT ParameterSupportOptions,   -- BIT STRING (11 bits)
 *     servicesSupportedCalling [2] IMPLICIT ServiceSupportOptions }    -- BIT STRING (85 bits)
 *
 * Initiate-ResponsePDU has the same shape with negotiated* fields and mmsInitResponseDetail, so one
 * type serves both directions.
 */
export interface InitiateParameters {
  /** Max MMS PDU size in octets (localDetail). */
  maxPduSize?: number;
  /** Requests the calling side may have outstanding at once. */
  maxServOutstandingCalling: number;
  /** Requests the called side may have outstanding at once. */
  maxServOutstandingCalled: number;
  dataStructureNestingLevel?: number;
  versionNumber: number;
  parameterCbb: { bitLength: number; bytes: Uint8Array };
  servicesSupported: { bitLength: number; bytes: Uint8Array };
}

/** ServiceSupportOptions bit numbers (ISO 9506-2) for the services a 61850 client or server uses. */
export const SERVICE_BITS = {
  status: 0,
  getNameList: 1,
  identify: 2,
  rename: 3,
  read: 4,
  write: 5,
  getVariableAccessAttributes: 6,
  defineNamedVariableList: 11,
  getNamedVariableListAttributes: 12,
  deleteNamedVariableList: 13,
  obtainFile: 46,
  readJournal: 65,
  fileOpen: 72,
  fileRead: 73,
  fileClose: 74,
  fileDelete: 76,
  fileDirectory: 77,
  informationReport: 79,
  conclude: 83,
  cancel: 84,
} as const;

export type ServiceName = keyof typeof SERVICE_BITS;

/** An 85-bit ServiceSupportOptions string with the given services set. */
export function servicesSupported(names: readonly ServiceName[]): { bitLength: number; bytes: Uint8Array } {
  const bytes = new Uint8Array(11);
  for (const name of names) {
    const bit = SERVICE_BITS[name];
    bytes[bit >> 3] = (bytes[bit >> 3] as number) | (0x80 >> (bit & 7));
  }
  return { bitLength: 85, bytes };
}

export function supportsService(
  options: { bitLength: number; bytes: Uint8Array },
  name: ServiceName,
): boolean {
  const bit = SERVICE_BITS[name];
  return bit < options.bitLength && (((options.bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1;
}

/**
 * The services of SERVICE_BITS a peer offers, in bit order: the parsed view of an Initiate response's
 * servicesSupportedCalled, for diagnostics and for deciding what to ask (e.g. no GetNamedVariableList-
 * Attributes: skip the data set directory).
 */
export function supportedServiceNames(options: { bitLength: number; bytes: Uint8Array }): ServiceName[] {
  return (Object.keys(SERVICE_BITS) as ServiceName[]).filter((name) => supportsService(options, name));
}

/**
 * ParameterSupportOptions (11 bits): str1 (arrays), str2 (structures), vnam (named variables), valt
 * (alternate access), vadr, vsca, tpy, vlis (named variable lists), real, akec, cei. IEC 61850 needs
 * str1, str2, vnam, valt and vlis: F1 00 as a 2-octet string with 5 unused bits.
 */
export const IEC61850_PARAMETER_CBB = { bitLength: 11, bytes: Uint8Array.of(0xf1, 0x00) };

/** The MMS services IEC 61850 uses between a client and a server (without files and journals). */
export const IEC61850_SERVICES: readonly ServiceName[] = [
  'status',
  'getNameList',
  'identify',
  'read',
  'write',
  'getVariableAccessAttributes',
  'getNamedVariableListAttributes',
  'defineNamedVariableList',
  'deleteNamedVariableList',
  'informationReport',
  'conclude',
];

/** What the client proposes: 65000-octet PDUs, 10 outstanding requests each way, nesting 10. */
export function defaultInitiateRequest(overrides: Partial<InitiateParameters> = {}): InitiateParameters {
  return {
    maxPduSize: 65000,
    maxServOutstandingCalling: 10,
    maxServOutstandingCalled: 10,
    dataStructureNestingLevel: 10,
    versionNumber: 1,
    parameterCbb: IEC61850_PARAMETER_CBB,
    servicesSupported: servicesSupported(IEC61850_SERVICES),
    ...overrides,
  };
}

/** Writes an initiate request ([8]) or response ([9]) PDU. */
export function writeInitiate(w: BerWriter, pduTag: 8 | 9, p: InitiateParameters): void {
  w.begin(C, pduTag);
  if (p.maxPduSize !== undefined) w.integer(C, 0, p.maxPduSize);
  w.integer(C, 1, p.maxServOutstandingCalling);
  w.integer(C, 2, p.maxServOutstandingCalled);
  if (p.dataStructureNestingLevel !== undefined) w.integer(C, 3, p.dataStructureNestingLevel);
  w.begin(C, 4);
  w.integer(C, 0, p.versionNumber);
  w.bitString(C, 1, p.parameterCbb.bitLength, p.parameterCbb.bytes);
  w.bitString(C, 2, p.servicesSupported.bitLength, p.servicesSupported.bytes);
  w.end().end();
}

export function decodeInitiate(reader: BerReader, tlv: Tlv, what: string): InitiateParameters {
  const seq = reader.children(tlv, what);
  const pdu = seq.optional(C, 0);
  const calling = decodeInteger(seq, seq.expect(C, 1, 'maxServOutstandingCalling'));
  const called = decodeInteger(seq, seq.expect(C, 2, 'maxServOutstandingCalled'));
  const nesting = seq.optional(C, 3);
  const detail = seq.children(seq.expect(C, 4, 'init detail'), 'init detail');
  seq.end(what);
  const versionNumber = decodeInteger(detail, detail.expect(C, 0, 'versionNumber'));
  const parameterCbb = decodeBitString(detail, detail.expect(C, 1, 'parameterCBB'));
  const services = decodeBitString(detail, detail.expect(C, 2, 'servicesSupported'));
  detail.end('init detail');
  const out: InitiateParameters = {
    maxServOutstandingCalling: calling,
    maxServOutstandingCalled: called,
    versionNumber,
    parameterCbb,
    servicesSupported: services,
  };
  if (pdu) out.maxPduSize = decodeInteger(seq, pdu);
  if (nesting) out.dataStructureNestingLevel = decodeInteger(seq, nesting);
  return out;
}

/** What the client must obey once the association is up. */
export interface NegotiatedLimits {
  /** Largest MMS PDU either side may send (requests and responses alike). */
  readonly maxPduSize: number;
  /** Confirmed requests the client may have in flight at once (at least 1). */
  readonly maxOutstanding: number;
  readonly nestingLevel: number | undefined;
}

/**
 * The limits an Initiate exchange settles: the smaller of the proposed and the accepted PDU size (a
 * side that states none is bound by the other; with neither, 65000), and the accepted number of
 * outstanding requests for the calling side, never more than proposed and never below 1 (a server
 * answering 0 still serves one request at a time).
 */
export function negotiatedLimits(
  proposed: InitiateParameters,
  accepted: InitiateParameters,
): NegotiatedLimits {
  const sizes = [proposed.maxPduSize, accepted.maxPduSize].filter(
    (n): n is number => n !== undefined && n > 0,
  );
  return {
    maxPduSize: sizes.length > 0 ? Math.min(...sizes) : 65000,
    maxOutstanding: Math.max(
      1,
      Math.min(proposed.maxServOutstandingCalling, accepted.maxServOutstandingCalling),
    ),
    nestingLevel: accepted.dataStructureNestingLevel ?? proposed.dataStructureNestingLevel,
  };
}
