/**
 * Bit-string helpers shared by quality, Dbpos, OptFlds, TrgOps, inclusion and reason codes. An ASN.1 BIT
 * STRING numbers its bits from the first one sent: bit 0 is the most significant bit of the first octet
 * (X.690 §8.6.2). IEC 61850 names its flags by that numbering, so everything here uses it too.
 */

/** The shape of an MMS bit-string value: how many bits count, and the octets that carry them. */
export interface BitString {
  readonly bitLength: number;
  readonly bytes: Uint8Array;
}

/** Bit `index` of a bit string (0 = MSB of the first octet); false past the end. */
export function bitAt(bits: BitString, index: number): boolean {
  if (index < 0 || index >= bits.bitLength) return false;
  const octet = bits.bytes[index >> 3] ?? 0;
  return (octet & (0x80 >> (index & 7))) !== 0;
}

/**
 * The first `maxBits` bits (at most 31) as a number with bit-string bit i at value bit i, the layout of
 * the raw quality register. Bits past the end of the string read as 0.
 */
export function bitsToFlags(bits: BitString, maxBits: number): number {
  const n = Math.min(bits.bitLength, maxBits, 31);
  let out = 0;
  for (let i = 0; i < n; i++) if (bitAt(bits, i)) out |= 1 << i;
  return out;
}

/** The inverse of {@link bitsToFlags}: a bit string of `bitLength` bits from a number's low bits. */
export function flagsToBits(flags: number, bitLength: number): BitString {
  const bytes = new Uint8Array((bitLength + 7) >> 3);
  for (let i = 0; i < bitLength && i < 31; i++) {
    if ((flags & (1 << i)) !== 0) bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  }
  return { bitLength, bytes };
}

/** Indices of the set bits, ascending. */
export function setBitIndices(bits: BitString): number[] {
  const out: number[] = [];
  for (let i = 0; i < bits.bitLength; i++) if (bitAt(bits, i)) out.push(i);
  return out;
}

/** Bits as text, first bit first (`0101`), for display and tests. */
export function bitsToText(bits: BitString): string {
  let out = '';
  for (let i = 0; i < bits.bitLength; i++) out += bitAt(bits, i) ? '1' : '0';
  return out;
}

/** A bit string from text such as `0101`; other characters are not allowed. */
export function bitsFromText(text: string): BitString {
  const bytes = new Uint8Array((text.length + 7) >> 3);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '1') bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
    else if (c !== '0') throw new RangeError(`bit text has '${c}' at ${i}; only 0 and 1 are allowed`);
  }
  return { bitLength: text.length, bytes };
}

/**
 * A bit string from named flags, with `names[i]` naming bit i. Names not in the table are refused, so a
 * typo never silently drops a flag.
 */
export function bitsFromNames<N extends string>(
  names: readonly N[],
  set: Iterable<N>,
  bitLength = names.length,
): BitString {
  const bytes = new Uint8Array((bitLength + 7) >> 3);
  for (const name of set) {
    const i = names.indexOf(name);
    if (i < 0 || i >= bitLength) throw new RangeError(`'${name}' is not a bit of this bit string`);
    bytes[i >> 3] = (bytes[i >> 3] ?? 0) | (0x80 >> (i & 7));
  }
  return { bitLength, bytes };
}
