import { concatBytes } from '../shared';
import { IsoError } from './errors';
import {
  encodeSessionLength,
  readSessionLength,
  readSessionParameters,
  sessionParameter,
  sessionUnsigned,
  unsignedBytes,
  type SessionParameter,
} from './session-params';

/*
 * ISO 8327-1 / X.225 session protocol, the kernel + duplex subset IEC 61850-8-1 (via ISO 9506 / MMS)
 * uses. SPDU identifiers (SI) and the parameters of each SPDU, in the order X.225 section 8.3 gives:
 *
 *   CN  SI 13  Connection Identifier (PGI 1), Connect/Accept Item (PGI 5), Session User Requirements
 *              (PI 20), Calling Session Selector (PI 51), Called Session Selector (PI 52), Data Overflow
 *              (PI 60), Extended User Data (PGI 194), User Data (PGI 193)
 *   AC  SI 14  Connection Identifier (PGI 1), Connect/Accept Item (PGI 5), Token Item (PI 16), Session
 *              User Requirements (PI 20), Enclosure Item (PI 25), Calling Session Selector (PI 51),
 *              Responding Session Selector (PI 52), User Data (PGI 193)
 *   RF  SI 12  Connection Identifier (PGI 1), Transport Disconnect (PI 17), Session User Requirements
 *              (PI 20), Version Number (PI 22), Enclosure Item (PI 25), Reason Code (PI 50)
 *   FN  SI 9   Transport Disconnect (PI 17), Enclosure Item (PI 25), User Data (PGI 193)
 *   DN  SI 10  Enclosure Item (PI 25), User Data (PGI 193)
 *   NF  SI 8   Enclosure Item (PI 25), User Data (PGI 193)
 *   AB  SI 25  Transport Disconnect (PI 17), Enclosure Item (PI 25), Reflect Parameter Values (PI 49),
 *              User Data (PGI 193)
 *   AA  SI 26  (no parameters used here)
 *   GT  SI 1   Token Item (PI 16), Enclosure Item (PI 25)   -- category 0, concatenated before a DT
 *   DT  SI 1   Enclosure Item (PI 25); the user information field follows the parameter field
 *
 * Connect/Accept Item (PGI 5): Protocol Options (PI 19), TSDU Maximum Size (PI 21), Version Number
 * (PI 22), Initial Serial Number (PI 23), Token Setting Item (PI 26), ... MMS peers send
 * "05 06 13 01 00 16 01 02": protocol options 0, version 2.
 * Basic concatenation: data travels as GT (LI 0) + DT (LI 0) + user information = "01 00 01 00 ...".
 */

export const SPDU_SI = { CN: 13, AC: 14, RF: 12, FN: 9, DN: 10, NF: 8, AB: 25, AA: 26, GT: 1, DT: 1 } as const;

/** Session User Requirements: the duplex functional unit (bit 2); the kernel is always implied. */
export const SESSION_FU_DUPLEX = 0x0002;
/** Version Number value: bit 2 set = protocol version 2. */
export const SESSION_VERSION_2 = 0x02;
/** X.225: session selectors are at most 16 octets. */
export const SESSION_SELECTOR_MAX = 16;

export interface ConnectAcceptItem {
  /** PI 19, bit 1: able to receive extended concatenated SPDUs. */
  protocolOptions: number;
  /** PI 22, bit 1 = version 1, bit 2 = version 2; absent means version 1 (X.225 8.3.1.9). */
  versionNumber?: number;
  /** PI 21: maximum TSDU sizes, initiator→responder then responder→initiator (0 = unlimited). */
  tsduMaximumSize?: { toResponder: number; toInitiator: number };
  /** PI 26. */
  tokenSettingItem?: number;
}

interface WithUserData {
  enclosureItem?: number;
  userData?: Uint8Array;
}
export interface SpduCN {
  type: 'CN';
  connectionIdentifier?: Uint8Array;
  connectAcceptItem?: ConnectAcceptItem;
  sessionUserRequirements?: number;
  callingSessionSelector?: Uint8Array;
  calledSessionSelector?: Uint8Array;
  dataOverflow?: number;
  extendedUserData?: Uint8Array;
  userData?: Uint8Array;
}
export interface SpduAC extends WithUserData {
  type: 'AC';
  connectionIdentifier?: Uint8Array;
  connectAcceptItem?: ConnectAcceptItem;
  tokenItem?: number;
  sessionUserRequirements?: number;
  callingSessionSelector?: Uint8Array;
  respondingSessionSelector?: Uint8Array;
}
export interface SpduRF {
  type: 'RF';
  connectionIdentifier?: Uint8Array;
  transportDisconnect?: number;
  sessionUserRequirements?: number;
  versionNumber?: number;
  enclosureItem?: number;
  /** Reason Code (PI 50), first octet; see SESSION_REFUSE_REASONS. */
  reason: number;
  /** The SS-user data that follows reason 2 (rejection by the called SS-user). */
  reasonUserData?: Uint8Array;
}
export interface SpduFN extends WithUserData {
  type: 'FN';
  transportDisconnect?: number;
}
export interface SpduDN extends WithUserData {
  type: 'DN';
}
export interface SpduNF extends WithUserData {
  type: 'NF';
}
export interface SpduAB extends WithUserData {
  type: 'AB';
  transportDisconnect?: number;
  reflectParameterValues?: Uint8Array;
}
export interface SpduAA {
  type: 'AA';
}
/** GIVE TOKENS + DATA TRANSFER, the concatenation every data SPDU of MMS travels in. */
export interface SpduDT {
  type: 'DT';
  enclosureItem?: number;
  userInformation: Uint8Array;
}
export type Spdu = SpduCN | SpduAC | SpduRF | SpduFN | SpduDN | SpduNF | SpduAB | SpduAA | SpduDT;
type Category1 = Exclude<Spdu, SpduDT>;

/** X.225 8.3.3.17 Reason Code values. */
export const SESSION_REFUSE_REASONS: Readonly<Record<number, string>> = {
  0: 'rejection by called SS-user, reason not specified',
  1: 'rejection by called SS-user due to temporary congestion',
  2: 'rejection by called SS-user',
  129: 'session selector unknown',
  130: 'SS-user not attached to SSAP',
  131: 'SPM congestion at connect time',
  132: 'proposed protocol versions not supported',
  133: 'rejection by the SPM, reason not specified',
  134: 'rejection by the SPM, implementation restriction stated in the PICS',
};

export function describeRefuseReason(reason: number): string {
  return SESSION_REFUSE_REASONS[reason] ?? `reason code ${reason}`;
}

/** X.225 8.3.5.4 Transport Disconnect value, bit by bit. */
export function describeTransportDisconnect(value: number): string {
  const parts = [value & 0x01 ? 'transport connection released' : 'transport connection kept'];
  if (value & 0x02) parts.push('user abort');
  if (value & 0x04) parts.push('protocol error');
  if (value & 0x08) parts.push('no reason');
  if (value & 0x10) parts.push('implementation restriction');
  return parts.join(', ');
}

// -------------------------------------------------------------- field table

type FieldKind = 'bytes' | 'uint1' | 'uint2' | 'selector' | 'cai';
interface FieldSpec {
  code: number;
  kind: FieldKind;
}
const FIELD: Record<string, FieldSpec> = {
  connectionIdentifier: { code: 1, kind: 'bytes' },
  connectAcceptItem: { code: 5, kind: 'cai' },
  tokenItem: { code: 16, kind: 'uint1' },
  transportDisconnect: { code: 17, kind: 'uint1' },
  sessionUserRequirements: { code: 20, kind: 'uint2' },
  versionNumber: { code: 22, kind: 'uint1' },
  enclosureItem: { code: 25, kind: 'uint1' },
  reflectParameterValues: { code: 49, kind: 'bytes' },
  callingSessionSelector: { code: 51, kind: 'selector' },
  calledSessionSelector: { code: 52, kind: 'selector' },
  respondingSessionSelector: { code: 52, kind: 'selector' },
  dataOverflow: { code: 60, kind: 'uint1' },
  extendedUserData: { code: 194, kind: 'bytes' },
  userData: { code: 193, kind: 'bytes' },
};
const REASON_CODE = 50;

/** The parameters of each category 1 SPDU, in X.225 order (RF's Reason Code is handled apart). */
const ORDER: Record<Category1['type'], readonly string[]> = {
  CN: ['connectionIdentifier', 'connectAcceptItem', 'sessionUserRequirements', 'callingSessionSelector', 'calledSessionSelector', 'dataOverflow', 'extendedUserData', 'userData'],
  AC: ['connectionIdentifier', 'connectAcceptItem', 'tokenItem', 'sessionUserRequirements', 'enclosureItem', 'callingSessionSelector', 'respondingSessionSelector', 'userData'],
  RF: ['connectionIdentifier', 'transportDisconnect', 'sessionUserRequirements', 'versionNumber', 'enclosureItem'],
  FN: ['transportDisconnect', 'enclosureItem', 'userData'],
  DN: ['enclosureItem', 'userData'],
  NF: ['enclosureItem', 'userData'],
  AB: ['transportDisconnect', 'enclosureItem', 'reflectParameterValues', 'userData'],
  AA: [],
};
const TYPE_OF_SI = new Map<number, Category1['type']>(
  (Object.keys(ORDER) as Category1['type'][]).map((t) => [SPDU_SI[t], t]),
);

// -------------------------------------------------------------- encode

function encodeCai(cai: ConnectAcceptItem): Uint8Array {
  const parts: Uint8Array[] = [sessionParameter(19, [cai.protocolOptions & 0xff])];
  if (cai.tsduMaximumSize) {
    parts.push(sessionParameter(21, [...unsignedBytes(cai.tsduMaximumSize.toResponder, 2), ...unsignedBytes(cai.tsduMaximumSize.toInitiator, 2)]));
  }
  if (cai.versionNumber !== undefined) parts.push(sessionParameter(22, [cai.versionNumber & 0xff]));
  if (cai.tokenSettingItem !== undefined) parts.push(sessionParameter(26, [cai.tokenSettingItem & 0xff]));
  return concatBytes(parts);
}

function encodeField(name: string, value: unknown): Uint8Array {
  const spec = FIELD[name]!;
  switch (spec.kind) {
    case 'bytes':
    case 'selector':
      return sessionParameter(spec.code, value as Uint8Array);
    case 'uint1':
      return sessionParameter(spec.code, [(value as number) & 0xff]);
    case 'uint2':
      return sessionParameter(spec.code, unsignedBytes(value as number, 2));
    case 'cai':
      return sessionParameter(spec.code, encodeCai(value as ConnectAcceptItem));
  }
}

function withSiAndLi(si: number, parameters: Uint8Array): Uint8Array {
  return concatBytes([Uint8Array.of(si, ...encodeSessionLength(parameters.length)), parameters]);
}

/** Encodes one SPDU; a DT comes out as GT + DT + user information. */
export function encodeSpdu(spdu: Spdu): Uint8Array {
  if (spdu.type === 'DT') {
    const dtParams = spdu.enclosureItem === undefined ? new Uint8Array(0) : sessionParameter(25, [spdu.enclosureItem]);
    return concatBytes([Uint8Array.of(SPDU_SI.GT, 0), withSiAndLi(SPDU_SI.DT, dtParams), spdu.userInformation]);
  }
  const record = spdu as unknown as Record<string, unknown>;
  const parts: Uint8Array[] = [];
  for (const name of ORDER[spdu.type]) {
    if (record[name] !== undefined) parts.push(encodeField(name, record[name]));
  }
  if (spdu.type === 'RF') {
    parts.push(sessionParameter(REASON_CODE, [spdu.reason & 0xff, ...(spdu.reasonUserData ?? [])]));
  }
  return withSiAndLi(SPDU_SI[spdu.type], concatBytes(parts));
}

// -------------------------------------------------------------- decode

function decodeCai(bytes: Uint8Array, p: SessionParameter): ConnectAcceptItem {
  let protocolOptions: number | undefined;
  const cai: Partial<ConnectAcceptItem> = {};
  for (const q of readSessionParameters(bytes, p.valueOffset, p.valueOffset + p.value.length)) {
    if (q.code === 19) protocolOptions = sessionUnsigned(q, 1, 1, 'Protocol Options');
    else if (q.code === 22) cai.versionNumber = sessionUnsigned(q, 1, 1, 'Version Number');
    else if (q.code === 26) cai.tokenSettingItem = sessionUnsigned(q, 1, 1, 'Token Setting Item');
    else if (q.code === 21) {
      const v = sessionUnsigned(q, 4, 4, 'TSDU Maximum Size');
      cai.tsduMaximumSize = { toResponder: Math.floor(v / 65536), toInitiator: v & 0xffff };
    }
    // Serial number parameters (23, 55..58) belong to functional units MMS does not use: skipped.
  }
  if (protocolOptions === undefined) throw new IsoError('session-missing-parameter', 'Connect/Accept Item without Protocol Options', { offset: p.offset });
  return { protocolOptions, ...cai };
}

function decodeField(bytes: Uint8Array, name: string, p: SessionParameter): unknown {
  const spec = FIELD[name]!;
  switch (spec.kind) {
    case 'bytes':
      return p.value;
    case 'selector':
      if (p.value.length > SESSION_SELECTOR_MAX) {
        throw new IsoError('session-value', `session selector is ${p.value.length} octets, at most 16 allowed`, { offset: p.offset });
      }
      return p.value;
    case 'uint1':
      return sessionUnsigned(p, 1, 1, name);
    case 'uint2':
      return sessionUnsigned(p, 2, 2, name);
    case 'cai':
      return decodeCai(bytes, p);
  }
}

function decodeCategory1(type: Category1['type'], bytes: Uint8Array, start: number, end: number): Category1 {
  const names = ORDER[type];
  const out: Record<string, unknown> = { type };
  let reason: SessionParameter | undefined;
  for (const p of readSessionParameters(bytes, start, end)) {
    if (type === 'RF' && p.code === REASON_CODE) {
      reason = p;
      continue;
    }
    const name = names.find((n) => FIELD[n]!.code === p.code);
    if (name === undefined) continue; // a parameter this SPDU does not define here: skipped
    if (out[name] !== undefined) throw new IsoError('session-parameter', `parameter ${p.code} appears twice`, { offset: p.offset });
    out[name] = decodeField(bytes, name, p);
  }
  if (type === 'RF') {
    if (!reason || reason.value.length < 1) throw new IsoError('session-missing-parameter', 'RF without a Reason Code', { offset: start });
    out.reason = reason.value[0]!;
    if (reason.value.length > 1) out.reasonUserData = reason.value.slice(1);
  }
  return out as unknown as Category1;
}

function decodeData(bytes: Uint8Array, gtEnd: number, gtStart: number): SpduDT {
  // GT's own parameters (Token Item, Enclosure Item) carry nothing the kernel+duplex subset needs.
  readSessionParameters(bytes, gtStart, gtEnd);
  if (gtEnd >= bytes.length) throw new IsoError('session-truncated', 'GIVE TOKENS is not followed by a DATA TRANSFER SPDU', { offset: gtEnd });
  if (bytes[gtEnd] !== SPDU_SI.DT) {
    throw new IsoError('session-unsupported-spdu', `SPDU ${bytes[gtEnd]} after GIVE TOKENS, expected DATA TRANSFER (1)`, { offset: gtEnd });
  }
  const { length, next } = readSessionLength(bytes, gtEnd + 1, bytes.length);
  if (next + length > bytes.length) throw new IsoError('session-length', `DT parameter field of ${length} octets runs past the SPDU`, { offset: gtEnd + 1 });
  const dt: SpduDT = { type: 'DT', userInformation: bytes.slice(next + length) };
  const enclosure = readSessionParameters(bytes, next, next + length).find((p) => p.code === 25);
  if (enclosure) dt.enclosureItem = sessionUnsigned(enclosure, 1, 1, 'Enclosure Item');
  return dt;
}

/** Decodes one SPDU (a category 1 SPDU alone, or GT + DT with user information). */
export function decodeSpdu(bytes: Uint8Array): Spdu {
  if (bytes.length < 2) throw new IsoError('session-truncated', `an SPDU needs at least 2 octets, got ${bytes.length}`, { offset: bytes.length });
  const si = bytes[0]!;
  const { length, next } = readSessionLength(bytes, 1, bytes.length);
  const end = next + length;
  if (end > bytes.length) throw new IsoError('session-length', `SPDU LI ${length} runs past the ${bytes.length}-octet SSDU`, { offset: 1 });
  if (si === SPDU_SI.GT) return decodeData(bytes, end, next);
  const type = TYPE_OF_SI.get(si);
  if (type === undefined) throw new IsoError('session-unsupported-spdu', `SPDU identifier ${si} is not supported`, { offset: 0 });
  if (end !== bytes.length) {
    throw new IsoError('session-length', `${bytes.length - end} octets follow a ${type} SPDU (no extended concatenation)`, { offset: end });
  }
  return decodeCategory1(type, bytes, next, end);
}
