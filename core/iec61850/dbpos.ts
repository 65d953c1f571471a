import { bitAt, type BitString } from './bits';

/**
 * Dbpos (IEC 61850-7-3 §6.6, IEC 61850-8-1 §8.1.3.5): a double point, coded as a BIT STRING of 2 bits
 * read with bit 0 as the high bit: intermediate-state 00, off 01, on 10, bad-state 11. The number is
 * therefore (bit0 << 1) | bit1, which is the Modbus register value of CONVENTIONS.md.
 */
export const DBPOS_NAMES = ['intermediate', 'open', 'closed', 'bad'] as const;

export type DbposName = (typeof DBPOS_NAMES)[number];

export interface Dbpos {
  /** 0 intermediate, 1 off/open, 2 on/closed, 3 bad. */
  readonly value: 0 | 1 | 2 | 3;
  readonly name: DbposName;
}

/** Decodes a Dbpos; undefined when the device sent fewer than 2 bits (the position is then unknown). */
export function dbposFromBits(bits: BitString): Dbpos | undefined {
  if (bits.bitLength < 2) return undefined;
  return dbposFromValue((bitAt(bits, 0) ? 2 : 0) | (bitAt(bits, 1) ? 1 : 0));
}

export function dbposFromValue(value: number): Dbpos | undefined {
  const name = DBPOS_NAMES[value];
  return name === undefined || !Number.isInteger(value)
    ? undefined
    : { value: value as Dbpos['value'], name };
}

/** The 2-bit MMS bit string of a Dbpos value or name. */
export function dbposToBits(position: number | DbposName): BitString {
  const value = typeof position === 'number' ? position : DBPOS_NAMES.indexOf(position);
  if (dbposFromValue(value) === undefined) throw new RangeError(`'${position}' is not a Dbpos value`);
  return { bitLength: 2, bytes: Uint8Array.of((value & 3) << 6) };
}
