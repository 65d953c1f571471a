import { bitsToFlags, flagsToBits, type BitString } from './bits';

/**
 * IEC 61850-7-3 §6.2 Quality, carried in MMS as a BIT STRING of 13 bits (IEC 61850-8-1 §8.1.3.3):
 *
 *   bit 0-1  validity         good 00 | invalid 01 | reserved 10 | questionable 11 (bit 0 written first)
 *   bit 2-9  detailQual       overflow, outOfRange, badReference, oscillatory, failure, oldData,
 *                             inconsistent, inaccurate
 *   bit 10   source           0 process | 1 substituted
 *   bit 11   test
 *   bit 12   operatorBlocked
 *
 * `raw` keeps the 13 bits as a number with bit-string bit i at value bit i (CONVENTIONS.md: the Modbus
 * quality register). Note that this puts validity "invalid" (01) at raw value 2 and "reserved" (10) at 1.
 */
export const QUALITY_BITS = 13;

export type Validity = 'good' | 'invalid' | 'reserved' | 'questionable';

/** detailQual flag names in bit order, bit 2 first. */
export const DETAIL_QUALITY_FLAGS = [
  'overflow',
  'outOfRange',
  'badReference',
  'oscillatory',
  'failure',
  'oldData',
  'inconsistent',
  'inaccurate',
] as const;

export type DetailQualityFlag = (typeof DETAIL_QUALITY_FLAGS)[number];

export interface Quality {
  /** `unknown` when the device sent fewer than 2 bits. */
  readonly validity: Validity | 'unknown';
  /** Set detailQual flags, in bit order. A flag whose bit the device did not send is not listed. */
  readonly flags: readonly DetailQualityFlag[];
  readonly source: 'process' | 'substituted' | 'unknown';
  /** null when the device did not send this bit. */
  readonly test: boolean | null;
  readonly operatorBlocked: boolean | null;
  /** The 13 bits, bit 0 = the first bit of the IEC bit string. Bits not sent are 0 here. */
  readonly raw: number;
  /** How many of the 13 bits the device sent (13 for every conforming server; some send fewer). */
  readonly knownBits: number;
}

/** The parts a simulator or a test sets; everything left out is good / process / false. */
export interface QualityParts {
  readonly validity?: Validity;
  readonly flags?: Iterable<DetailQualityFlag>;
  readonly source?: 'process' | 'substituted';
  readonly test?: boolean;
  readonly operatorBlocked?: boolean;
}

/** raw & 3 → validity: bit 0 set alone is "10" (reserved), bit 1 set alone is "01" (invalid). */
const VALIDITY_BY_RAW: readonly Validity[] = ['good', 'reserved', 'invalid', 'questionable'];
const DETAIL_SHIFT = 2;
const SOURCE_BIT = 1 << 10;
const TEST_BIT = 1 << 11;
const OPERATOR_BLOCKED_BIT = 1 << 12;

/** Decodes `raw`, of which only the first `knownBits` bits were sent by the device. */
export function qualityFromRaw(raw: number, knownBits = QUALITY_BITS): Quality {
  const known = Math.max(0, Math.min(QUALITY_BITS, Math.trunc(knownBits)));
  const value = raw & ((1 << known) - 1);
  const flags: DetailQualityFlag[] = [];
  DETAIL_QUALITY_FLAGS.forEach((flag, i) => {
    if ((value & (1 << (DETAIL_SHIFT + i))) !== 0) flags.push(flag);
  });
  const bit = (mask: number, index: number): boolean | null => (known > index ? (value & mask) !== 0 : null);
  const substituted = bit(SOURCE_BIT, 10);
  return {
    validity: known >= 2 ? (VALIDITY_BY_RAW[value & 3] ?? 'good') : 'unknown',
    flags,
    source: substituted === null ? 'unknown' : substituted ? 'substituted' : 'process',
    test: bit(TEST_BIT, 11),
    operatorBlocked: bit(OPERATOR_BLOCKED_BIT, 12),
    raw: value,
    knownBits: known,
  };
}

/** Decodes an MMS bit string. Bits past 13 are ignored; a short or empty string leaves bits unknown. */
export function qualityFromBits(bits: BitString): Quality {
  return qualityFromRaw(bitsToFlags(bits, QUALITY_BITS), bits.bitLength);
}

/** The raw 13-bit number for a set of quality parts. */
export function qualityToRaw(parts: QualityParts = {}): number {
  let raw = VALIDITY_BY_RAW.indexOf(parts.validity ?? 'good');
  for (const flag of parts.flags ?? []) {
    const i = DETAIL_QUALITY_FLAGS.indexOf(flag);
    if (i < 0) throw new RangeError(`'${String(flag)}' is not a detail quality flag`);
    raw |= 1 << (DETAIL_SHIFT + i);
  }
  if (parts.source === 'substituted') raw |= SOURCE_BIT;
  if (parts.test === true) raw |= TEST_BIT;
  if (parts.operatorBlocked === true) raw |= OPERATOR_BLOCKED_BIT;
  return raw;
}

/** The 13-bit MMS bit string of a raw quality (for the simulator and for writes). */
export function qualityToBits(raw: number): BitString {
  return flagsToBits(raw & ((1 << QUALITY_BITS) - 1), QUALITY_BITS);
}

/**
 * Validity as the 2-bit code of the gateway status word (CONVENTIONS.md): 0 good, 1 invalid, 2
 * reserved, 3 questionable, i.e. the two IEC bits read with bit 0 as the high bit. Unknown is undefined.
 */
export function validityCode(validity: Quality['validity']): number | undefined {
  const codes: Record<Quality['validity'], number | undefined> = {
    good: 0,
    invalid: 1,
    reserved: 2,
    questionable: 3,
    unknown: undefined,
  };
  return codes[validity];
}

/**
 * Detail flags in display order: oldData and failure first (the two that say "this value is not being
 * measured"), then the rest in bit order. CONVENTIONS.md shows `invalid: oldData, failure`.
 */
const DISPLAY_ORDER: readonly DetailQualityFlag[] = [
  'oldData',
  'failure',
  ...DETAIL_QUALITY_FLAGS.filter((f) => f !== 'oldData' && f !== 'failure'),
];

/**
 * One line for people: `good`, `invalid: oldData, failure`, `questionable | test`,
 * `good | substituted | test | operatorBlocked`. Missing bits are said to be unknown, never shown as good.
 */
export function formatQuality(q: Quality): string {
  if (q.knownBits === 0) return 'unknown';
  const flags = DISPLAY_ORDER.filter((f) => q.flags.includes(f));
  let text = flags.length > 0 ? `${q.validity}: ${flags.join(', ')}` : q.validity;
  if (q.source === 'substituted') text += ' | substituted';
  if (q.test === true) text += ' | test';
  if (q.operatorBlocked === true) text += ' | operatorBlocked';
  if (q.knownBits < QUALITY_BITS) text += ` | bits ${q.knownBits}-${QUALITY_BITS - 1} unknown`;
  return text;
}
