import { IsoError } from './errors';

/*
 * ISO 8327-1 / X.225 section 8.2, SPDU structure:
 *
 *   SI | LI | parameter field (PGI and PI units) | user information field
 *
 *   "The LI field indicates the length of the associated parameter field ... LI fields indicating
 *    lengths within the range 0-254 shall comprise one octet. LI fields indicating lengths within
 *    the range 255-65 535 shall comprise three octets. The first octet shall be coded 1111 1111 and
 *    the second and third octets shall contain the length of the associated parameter field with
 *    the high order bits in the first of these two octets."
 *
 * A PGI unit (parameter group) holds PI units; a PI unit holds a value. Both are code | LI | value.
 */

export interface SessionParameter {
  code: number;
  value: Uint8Array;
  /** Offset of the parameter code in the decoded SPDU buffer. */
  offset: number;
  /** Offset of the value's first byte. */
  valueOffset: number;
}

/** Encodes an LI in its one-octet (0..254) or three-octet (255..65535) form. */
export function encodeSessionLength(length: number): number[] {
  if (!Number.isInteger(length) || length < 0 || length > 0xffff) {
    throw new IsoError('session-length', `session LI must be 0..65535, got ${length}`);
  }
  return length < 255 ? [length] : [0xff, length >> 8, length & 0xff];
}

/** Reads an LI at `at`; returns the length and where the value starts. */
export function readSessionLength(bytes: Uint8Array, at: number, end: number): { length: number; next: number } {
  if (at >= end) throw new IsoError('session-truncated', 'length indicator missing', { offset: at });
  const first = bytes[at]!;
  if (first !== 0xff) return { length: first, next: at + 1 };
  if (at + 3 > end) throw new IsoError('session-truncated', 'three-octet length indicator is cut short', { offset: at });
  return { length: (bytes[at + 1]! << 8) | bytes[at + 2]!, next: at + 3 };
}

/** Reads PI/PGI units in [start, end). Each value is a copy, bounded by `end`. */
export function readSessionParameters(bytes: Uint8Array, start: number, end: number): SessionParameter[] {
  const out: SessionParameter[] = [];
  let at = start;
  while (at < end) {
    const code = bytes[at]!;
    const { length, next } = readSessionLength(bytes, at + 1, end);
    if (next + length > end) {
      throw new IsoError('session-length', `parameter ${code} (length ${length}) runs past its enclosing unit`, { offset: at + 1 });
    }
    out.push({ code, value: bytes.slice(next, next + length), offset: at, valueOffset: next });
    at = next + length;
  }
  return out;
}

/** One PI/PGI unit: code, LI, value. */
export function sessionParameter(code: number, value: readonly number[] | Uint8Array): Uint8Array {
  const li = encodeSessionLength(value.length);
  const out = new Uint8Array(1 + li.length + value.length);
  out[0] = code;
  out.set(li, 1);
  out.set(value, 1 + li.length);
  return out;
}

/** Unsigned big-endian value of a PI (1..4 octets). */
export function sessionUnsigned(p: SessionParameter, min: number, max: number, name: string): number {
  if (p.value.length < min || p.value.length > max) {
    throw new IsoError('session-value', `${name} must be ${min === max ? min : `${min}..${max}`} octets, got ${p.value.length}`, {
      offset: p.offset,
    });
  }
  let n = 0;
  for (const b of p.value) n = n * 256 + b;
  return n;
}

export function unsignedBytes(n: number, width: number): number[] {
  const out: number[] = [];
  for (let i = width - 1; i >= 0; i--) out.push(Math.floor(n / 256 ** i) & 0xff);
  return out;
}
