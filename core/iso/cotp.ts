import { IsoError } from './errors';

/*
 * ISO 8073 / X.224 connection-oriented transport, class 0, as carried by RFC 1006. Every TPDU starts
 * with LI (the header length, LI byte excluded) and a code byte; a variable part of parameters
 * (code, length, value) ends the header; user data (DT only, in class 0) follows the header.
 *
 *   CR  LI | 1110 CDT | DST-REF (2, zero) | SRC-REF (2) | class+options | parameters      (13.3)
 *   CC  LI | 1101 CDT | DST-REF (2)       | SRC-REF (2) | class+options | parameters      (13.4)
 *   DR  LI | 1000 0000 | DST-REF (2)      | SRC-REF (2) | reason        | parameters      (13.5)
 *   DC  LI | 1100 0000 | DST-REF (2)      | SRC-REF (2)                                   (13.6)
 *   DT  LI=2 | 1111 0000 | EOT(1 bit) TPDU-NR(7 bits) | user data                        (13.7, class 0)
 *   ER  LI | 0111 0000 | DST-REF (2)      | reject cause  | parameters                     (13.12)
 *
 * Parameters used here: 0xC0 TPDU size (one byte n, size = 2^n, n = 7..13, i.e. 128..8192 octets),
 * 0xC1 calling TSAP-ID, 0xC2 called TSAP-ID, 0xC6 additional option selection, 0xF0 preferred maximum
 * TPDU size (in units of 128 octets), 0xE0 additional information (DR), 0xC1 invalid TPDU (ER).
 * Unknown parameters are skipped, as 8073 asks of a receiver.
 */

export const COTP_DT_HEADER_LENGTH = 3;
export const COTP_DEFAULT_TPDU_SIZE = 128;
export const COTP_MIN_TPDU_SIZE = 128;
export const COTP_MAX_TPDU_SIZE = 8192;

const CODE = { CR: 0xe0, CC: 0xd0, DR: 0x80, DC: 0xc0, DT: 0xf0, ER: 0x70 } as const;
const PARAM = {
  tpduSize: 0xc0,
  callingTsap: 0xc1,
  calledTsap: 0xc2,
  additionalOptions: 0xc6,
  preferredMaxTpduSize: 0xf0,
  additionalInfo: 0xe0,
  invalidTpdu: 0xc1,
} as const;

/** Fields shared by CR (connection request) and CC (connection confirm). */
export interface CotpConnectFields {
  /** DST-REF: zero in CR; in CC, the SRC-REF the CR carried. */
  dstRef: number;
  srcRef: number;
  /** Protocol class, the high nibble of the class-option byte: 0 for RFC 1006. */
  protocolClass: number;
  /** Option bits, the low nibble (bit 2 extended formats, bit 1 no explicit flow control). */
  options: number;
  /** TPDU size in octets (a power of two, 128..8192); absent means the default of 128. */
  tpduSize?: number;
  callingTsap?: Uint8Array;
  calledTsap?: Uint8Array;
  /** Preferred maximum TPDU size in octets (a multiple of 128), parameter 0xF0. */
  preferredMaxTpduSize?: number;
  /** Additional option selection, parameter 0xC6. */
  additionalOptions?: number;
  /** User data after the header; not permitted in class 0, decoded so it can be refused. */
  userData?: Uint8Array;
}

export interface CotpCr extends CotpConnectFields {
  type: 'CR';
}
export interface CotpCc extends CotpConnectFields {
  type: 'CC';
}
export interface CotpDt {
  type: 'DT';
  /** End of TSDU: the last DT of a segmented SDU. */
  eot: boolean;
  userData: Uint8Array;
}
export interface CotpDr {
  type: 'DR';
  dstRef: number;
  srcRef: number;
  reason: number;
  additionalInfo?: Uint8Array;
}
export interface CotpDc {
  type: 'DC';
  dstRef: number;
  srcRef: number;
}
export interface CotpEr {
  type: 'ER';
  dstRef: number;
  cause: number;
  /** The bit pattern of the rejected TPDU, parameter 0xC1. */
  invalidTpdu?: Uint8Array;
}
export type CotpTpdu = CotpCr | CotpCc | CotpDt | CotpDr | CotpDc | CotpEr;

/** ISO 8073 13.5.3 (DR reason). */
export const COTP_DR_REASONS: Readonly<Record<number, string>> = {
  0: 'reason not specified',
  1: 'congestion at TSAP',
  2: 'session entity not attached to TSAP',
  3: 'address unknown',
  128: 'normal disconnect initiated by session entity',
  129: 'remote transport entity congestion at connect request time',
  130: 'connection negotiation failed',
  131: 'duplicate source reference',
  132: 'mismatched references',
  133: 'protocol error',
  135: 'reference overflow',
  136: 'connection request refused on this network connection',
  138: 'header or parameter length invalid',
};

/** ISO 8073 13.12.3 (ER reject cause). */
export const COTP_ER_CAUSES: Readonly<Record<number, string>> = {
  0: 'reason not specified',
  1: 'invalid parameter code',
  2: 'invalid TPDU type',
  3: 'invalid parameter value',
};

export function tpduSizeToCode(size: number): number {
  const code = Math.log2(size);
  if (!Number.isInteger(code) || code < 7 || code > 13) {
    throw new IsoError('cotp-tpdu-size', `TPDU size must be a power of two in 128..8192, got ${size}`);
  }
  return code;
}

// ---------------------------------------------------------------- encode

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function param(code: number, value: readonly number[] | Uint8Array): number[] {
  if (value.length > 255) throw new IsoError('cotp-parameter', `COTP parameter 0x${code.toString(16)} is longer than 255 bytes`);
  return [code, value.length, ...value];
}

function minimalUnsigned(n: number): number[] {
  const out: number[] = [];
  do {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  return out;
}

function connectVariablePart(t: CotpConnectFields): number[] {
  const out: number[] = [];
  if (t.tpduSize !== undefined) out.push(...param(PARAM.tpduSize, [tpduSizeToCode(t.tpduSize)]));
  // Called before calling, the order libiec61850 and most IEDs use; receivers must accept any order.
  if (t.calledTsap) out.push(...param(PARAM.calledTsap, t.calledTsap));
  if (t.callingTsap) out.push(...param(PARAM.callingTsap, t.callingTsap));
  if (t.preferredMaxTpduSize !== undefined) {
    out.push(...param(PARAM.preferredMaxTpduSize, minimalUnsigned(Math.ceil(t.preferredMaxTpduSize / 128))));
  }
  if (t.additionalOptions !== undefined) out.push(...param(PARAM.additionalOptions, [t.additionalOptions & 0xff]));
  return out;
}

function withHeader(fixedAndParams: number[], userData?: Uint8Array): Uint8Array {
  // fixedAndParams starts at the code byte; LI counts it and everything up to the user data.
  if (fixedAndParams.length > 254) throw new IsoError('cotp-length', 'COTP header longer than 254 bytes');
  const data = userData ?? new Uint8Array(0);
  const out = new Uint8Array(1 + fixedAndParams.length + data.length);
  out[0] = fixedAndParams.length;
  out.set(fixedAndParams, 1);
  out.set(data, 1 + fixedAndParams.length);
  return out;
}

export function encodeCotp(t: CotpTpdu): Uint8Array {
  switch (t.type) {
    case 'CR':
    case 'CC': {
      const classOption = ((t.protocolClass & 0x0f) << 4) | (t.options & 0x0f);
      const fixed = [CODE[t.type], ...u16(t.dstRef), ...u16(t.srcRef), classOption];
      return withHeader([...fixed, ...connectVariablePart(t)], t.userData);
    }
    case 'DT':
      return withHeader([CODE.DT, t.eot ? 0x80 : 0x00], t.userData);
    case 'DR': {
      const params = t.additionalInfo ? param(PARAM.additionalInfo, t.additionalInfo) : [];
      return withHeader([CODE.DR, ...u16(t.dstRef), ...u16(t.srcRef), t.reason & 0xff, ...params]);
    }
    case 'DC':
      return withHeader([CODE.DC, ...u16(t.dstRef), ...u16(t.srcRef)]);
    case 'ER': {
      const params = t.invalidTpdu ? param(PARAM.invalidTpdu, t.invalidTpdu) : [];
      return withHeader([CODE.ER, ...u16(t.dstRef), t.cause & 0xff, ...params]);
    }
  }
}

// ---------------------------------------------------------------- decode

interface Parameter {
  code: number;
  value: Uint8Array;
  offset: number;
}

function readParameters(bytes: Uint8Array, start: number, end: number): Parameter[] {
  const out: Parameter[] = [];
  let i = start;
  while (i < end) {
    if (i + 2 > end) throw new IsoError('cotp-parameter', 'COTP parameter header runs past the TPDU header', { offset: i });
    const code = bytes[i]!;
    const length = bytes[i + 1]!;
    if (i + 2 + length > end) {
      throw new IsoError('cotp-parameter', `COTP parameter 0x${code.toString(16)} (length ${length}) runs past the TPDU header`, {
        offset: i + 1,
      });
    }
    out.push({ code, value: bytes.slice(i + 2, i + 2 + length), offset: i });
    i += 2 + length;
  }
  return out;
}

function unsignedOf(value: Uint8Array): number {
  let n = 0;
  for (const b of value) n = n * 256 + b;
  return n;
}

function decodeConnect(type: 'CR' | 'CC', bytes: Uint8Array, li: number): CotpCr | CotpCc {
  if (li < 6) throw new IsoError('cotp-length', `${type} needs a 6-byte fixed header, LI is ${li}`, { offset: 0 });
  const t: CotpConnectFields = {
    dstRef: (bytes[2]! << 8) | bytes[3]!,
    srcRef: (bytes[4]! << 8) | bytes[5]!,
    protocolClass: bytes[6]! >> 4,
    options: bytes[6]! & 0x0f,
  };
  for (const p of readParameters(bytes, 7, li + 1)) {
    switch (p.code) {
      case PARAM.tpduSize: {
        const n = p.value[0];
        if (p.value.length !== 1 || n === undefined || n < 7 || n > 13) {
          throw new IsoError('cotp-tpdu-size', `TPDU size parameter must be one byte 7..13, got ${toHexList(p.value)}`, {
            offset: p.offset + 2,
          });
        }
        t.tpduSize = 1 << n;
        break;
      }
      case PARAM.callingTsap:
        t.callingTsap = p.value;
        break;
      case PARAM.calledTsap:
        t.calledTsap = p.value;
        break;
      case PARAM.preferredMaxTpduSize:
        if (p.value.length < 1 || p.value.length > 4) {
          throw new IsoError('cotp-parameter', 'preferred maximum TPDU size must be 1..4 bytes', { offset: p.offset + 1 });
        }
        t.preferredMaxTpduSize = unsignedOf(p.value) * 128;
        break;
      case PARAM.additionalOptions:
        if (p.value.length !== 1) {
          throw new IsoError('cotp-parameter', 'additional option selection must be one byte', { offset: p.offset + 1 });
        }
        t.additionalOptions = p.value[0]!;
        break;
      default:
        break; // unknown or class 2-4 parameters: skipped
    }
  }
  if (bytes.length > li + 1) t.userData = bytes.slice(li + 1);
  return { type, ...t };
}

function toHexList(value: Uint8Array): string {
  return Array.from(value, (b) => b.toString(16).padStart(2, '0')).join(' ') || '(empty)';
}

/** Decodes one TPDU (the payload of one TPKT). */
export function decodeCotp(bytes: Uint8Array): CotpTpdu {
  if (bytes.length < 2) throw new IsoError('cotp-truncated', `a TPDU needs at least 2 bytes, got ${bytes.length}`, { offset: bytes.length });
  const li = bytes[0]!;
  if (li === 255 || li < 1 || li + 1 > bytes.length) {
    throw new IsoError('cotp-length', `TPDU length indicator ${li} does not fit the ${bytes.length}-byte TPDU`, { offset: 0 });
  }
  const code = bytes[1]!;
  switch (code & 0xf0) {
    case CODE.CR:
      return decodeConnect('CR', bytes, li);
    case CODE.CC:
      return decodeConnect('CC', bytes, li);
    case CODE.DT:
      if (code !== CODE.DT) break;
      if (li < 2) throw new IsoError('cotp-length', `DT needs LI >= 2, got ${li}`, { offset: 0 });
      return { type: 'DT', eot: (bytes[2]! & 0x80) !== 0, userData: bytes.slice(li + 1) };
    case CODE.DR: {
      if (code !== CODE.DR) break;
      if (li < 6) throw new IsoError('cotp-length', `DR needs LI >= 6, got ${li}`, { offset: 0 });
      const dr: CotpDr = {
        type: 'DR',
        dstRef: (bytes[2]! << 8) | bytes[3]!,
        srcRef: (bytes[4]! << 8) | bytes[5]!,
        reason: bytes[6]!,
      };
      const info = readParameters(bytes, 7, li + 1).find((p) => p.code === PARAM.additionalInfo);
      if (info) dr.additionalInfo = info.value;
      return dr;
    }
    case CODE.DC:
      if (code !== CODE.DC) break;
      if (li < 5) throw new IsoError('cotp-length', `DC needs LI >= 5, got ${li}`, { offset: 0 });
      return { type: 'DC', dstRef: (bytes[2]! << 8) | bytes[3]!, srcRef: (bytes[4]! << 8) | bytes[5]! };
    case CODE.ER: {
      if (code !== CODE.ER) break;
      if (li < 4) throw new IsoError('cotp-length', `ER needs LI >= 4, got ${li}`, { offset: 0 });
      const er: CotpEr = { type: 'ER', dstRef: (bytes[2]! << 8) | bytes[3]!, cause: bytes[4]! };
      const invalid = readParameters(bytes, 5, li + 1).find((p) => p.code === PARAM.invalidTpdu);
      if (invalid) er.invalidTpdu = invalid.value;
      return er;
    }
    default:
      break;
  }
  throw new IsoError('cotp-unsupported-tpdu', `TPDU code 0x${code.toString(16).padStart(2, '0')} is not a class 0 TPDU`, { offset: 1 });
}

/** Human-readable name of a DR reason or ER cause. */
export function describeCotpDisconnect(tpdu: CotpDr | CotpEr): string {
  if (tpdu.type === 'DR') return COTP_DR_REASONS[tpdu.reason] ?? `reason ${tpdu.reason}`;
  return COTP_ER_CAUSES[tpdu.cause] ?? `cause ${tpdu.cause}`;
}
