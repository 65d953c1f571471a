import type { ModbusArea } from '../../contract';
import type { RegisterImage } from './register-map-image';
import { decodeRequest, exceptionAdu, readRange, type ExceptionCode, type JsmodbusRequest } from './modbus-jsmodbus';

/**
 * Modbus TCP requests and responses (Modbus Application Protocol v1.1b3; Messaging on TCP/IP
 * Implementation Guide v1.0b §3.1.3), served read-only from the register image. No sockets, no timers.
 *
 *   MBAP header   transaction id  2 octets   echoed
 *                 protocol id     2 octets   0 = Modbus; anything else is not Modbus: close
 *                 length          2 octets   octets that follow (unit id + PDU): 2..254, as an ADU
 *                                            is at most 260 octets; anything else: close
 *                 unit id         1 octet
 *   PDU           function code   1 octet
 *                 data            length - 2 octets
 *
 *   FC 01/02 request  start 2, quantity 2 (1..2000)  → response  byte count 1, bits packed LSB first
 *   FC 03/04 request  start 2, quantity 2 (1..125)   → response  byte count 1, registers big-endian
 *   exception response: function code | 0x80, exception code 1 octet
 *
 * The framing (frameLength) and the checks are RelayGate's; each request is decoded, and each exception
 * response built, by jsmodbus's protocol classes (modbus-jsmodbus.ts). The normal FC 01-04 response is
 * written here straight from the image: jsmodbus's response classes cost 2 to 5 times as much per
 * request (docs/MODBUS.md, "What comes from jsmodbus").
 */
export const MBAP_HEADER = 7;
export const MAX_ADU = 260;

export const EXCEPTION = {
  illegalFunction: 0x01,
  illegalDataAddress: 0x02,
  illegalDataValue: 0x03,
  gatewayTargetFailed: 0x0b,
} as const;

const READS: Readonly<Record<number, { area: ModbusArea; max: number }>> = {
  0x01: { area: 'coil', max: 2000 },
  0x02: { area: 'discrete', max: 2000 },
  0x03: { area: 'holding', max: 125 },
  0x04: { area: 'input', max: 125 },
};

/** The area a read function code reads (01 coils, 02 discrete inputs, 03 holding, 04 input registers). */
export function readArea(fc: number): ModbusArea | null {
  return READS[fc]?.area ?? null;
}

/**
 * The length of the frame at `at`: > 0 when a whole frame is there, 0 when more bytes are needed, -1
 * when the header can never start a valid frame (the connection must be closed).
 */
export function frameLength(buf: Uint8Array, at: number, end: number): number {
  if (end - at < 6) return 0;
  const protocol = ((buf[at + 2] ?? 0) << 8) | (buf[at + 3] ?? 0);
  const length = ((buf[at + 4] ?? 0) << 8) | (buf[at + 5] ?? 0);
  if (protocol !== 0 || length < 2 || length > MAX_ADU - 6) return -1;
  return end - at >= 6 + length ? 6 + length : 0;
}

export interface ServeOptions {
  readonly unitId: number;
  readonly checkUnitId: boolean;
  readonly fillGaps: boolean;
  /**
   * Allocates a response (every byte of it is written). The server passes Buffer.allocUnsafe, which
   * slices small answers out of a shared pool instead of a new ArrayBuffer each.
   */
  readonly alloc?: (size: number) => Uint8Array;
}

const newBytes = (size: number): Uint8Array => new Uint8Array(size);

/** What one request asked and got, for the per-client counters. */
export interface Served {
  /** The response ADU. */
  response: Uint8Array;
  fc: number;
  /** 0 for a normal response, else the exception code. */
  exception: number;
  /** The range read, for a normal read response. */
  start: number;
  count: number;
}

/** A read the image can answer, or the exception code that answers the request. */
export type CheckedRequest =
  | { readonly exception: 0; readonly fc: number; readonly area: ModbusArea; readonly start: number; readonly count: number; readonly request: JsmodbusRequest }
  | { readonly exception: ExceptionCode; readonly fc: number };

/**
 * Checks the complete frame buf[at .. at+length), decoded by jsmodbus, in the order the Modbus
 * specification gives: unit id (0x0B), function code (01), quantity (03), address range (02).
 */
export function checkRequest(image: RegisterImage, buf: Uint8Array, at: number, length: number, options: ServeOptions): CheckedRequest {
  const request = decodeRequest(buf, at, length);
  // A body jsmodbus cannot decode comes back as null, without unit id or function code: the MBAP header has both.
  const unit = request?.unitId ?? buf[at + 6] ?? 0;
  const fc = request?.body.fc ?? buf[at + 7] ?? 0;
  if (options.checkUnitId && unit !== options.unitId) return { exception: EXCEPTION.gatewayTargetFailed, fc };
  const read = READS[fc];
  // Every write function (05, 06, 15, 16, 22, 23) and every other function code: this server is read-only.
  if (read === undefined) return { exception: EXCEPTION.illegalFunction, fc };
  // jsmodbus gives no read body for a PDU under 5 octets or a quantity over 2000, and ignores octets past the 5th.
  const range = readRange(request);
  if (request === null || range === null || length !== MBAP_HEADER + 5) return { exception: EXCEPTION.illegalDataValue, fc };
  const { start, count } = range;
  if (count < 1 || count > read.max) return { exception: EXCEPTION.illegalDataValue, fc };
  if (!image.isReadable(read.area, start, count, options.fillGaps)) return { exception: EXCEPTION.illegalDataAddress, fc };
  return { exception: 0, fc, area: read.area, start, count, request };
}

/** Answers one complete frame from the image (a Responder). */
export type Responder = (image: RegisterImage, buf: Uint8Array, at: number, length: number, options: ServeOptions) => Served;

/** Answers the complete frame buf[at .. at+length): a read from the image, or an exception. */
export const serveFrame: Responder = (image, buf, at, length, options) => {
  const r = checkRequest(image, buf, at, length, options);
  const alloc = options.alloc ?? newBytes;
  if (!('area' in r)) return { response: exceptionAdu(buf, at, r.fc, r.exception), fc: r.fc, exception: r.exception, start: 0, count: 0 };
  const bytes = image.bytes(r.area);
  const response = r.fc <= 0x02 ? bitsResponse(buf, at, bytes, r.start, r.count, alloc) : registersResponse(buf, at, bytes, r.start, r.count, alloc);
  return { response, fc: r.fc, exception: 0, start: r.start, count: r.count };
};

/** MBAP header of a response: the request's transaction and unit id, and the PDU length that follows. */
function header(out: Uint8Array, req: Uint8Array, at: number, pduLength: number): void {
  out[0] = req[at] ?? 0;
  out[1] = req[at + 1] ?? 0;
  out[2] = 0;
  out[3] = 0;
  out[4] = ((pduLength + 1) >> 8) & 0xff;
  out[5] = (pduLength + 1) & 0xff;
  out[6] = req[at + 6] ?? 0;
}

/** One copy out of the image into the response: the response never aliases the image (atomicity). */
function registersResponse(req: Uint8Array, at: number, registers: Uint8Array, start: number, count: number, alloc: (size: number) => Uint8Array): Uint8Array {
  const bytes = count * 2;
  const out = alloc(MBAP_HEADER + 2 + bytes);
  header(out, req, at, 2 + bytes);
  out[7] = req[at + 7] ?? 0;
  out[8] = bytes;
  out.set(registers.subarray(start * 2, start * 2 + bytes), MBAP_HEADER + 2);
  return out;
}

/** Packs bits (one image byte per bit) LSB first, as FC 01/02 answer them. */
function bitsResponse(req: Uint8Array, at: number, bits: Uint8Array, start: number, count: number, alloc: (size: number) => Uint8Array): Uint8Array {
  const bytes = (count + 7) >> 3;
  const out = alloc(MBAP_HEADER + 2 + bytes);
  header(out, req, at, 2 + bytes);
  out[7] = req[at + 7] ?? 0;
  out[8] = bytes;
  out.fill(0, MBAP_HEADER + 2);
  for (let i = 0; i < count; i++) {
    const o = MBAP_HEADER + 2 + (i >> 3);
    if (bits[start + i] === 1) out[o] = (out[o] ?? 0) | (1 << (i & 7));
  }
  return out;
}
