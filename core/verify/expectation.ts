import type { BadValuePolicy, PointConfig, VerifyStep } from '../contract';
import { dbposName, type Driven } from './drive-values';

/**
 * What every output must show after one step, from what the simulated IED serves once the step is
 * driven: the value, the quality as the IED's Mod/Beh leaves it, the device time, and whether the point
 * is in test. The expected side of the check; the read side decodes on its own (register-decode.ts).
 */
export interface Expectation {
  readonly step: VerifyStep;
  readonly value: Driven;
  /** The value as the gateway shows it: a Dbpos or enum by name (`open`, `on`) when known. */
  readonly shown: Driven;
  /** The number outputs scale from: 0/1, the Dbpos or enum ordinal, the number itself; null for text. */
  readonly numeric: number | null;
  /** The 13 quality bits the IED serves; null when the data object has no q. */
  readonly quality: number | null;
  /** The device time the IED serves, ms since 1970; null when the data object has no t. */
  readonly time: number | null;
  /** The quality's test bit, or the LN's behaviour is test or test/blocked. */
  readonly test: boolean;
}

/** Quality bits (IEC 61850-7-3 §6.2, bit 0 = the first bit of the bit string). */
const TEST_BIT = 1 << 11;
const SUBSTITUTED_BIT = 1 << 10;
/** raw & 3 is the validity with bit 0 first: 00 good, 01 invalid (raw 2), 10 reserved (raw 1), 11 questionable. */
const VALIDITY_OF_RAW = ['good', 'reserved', 'invalid', 'questionable'] as const;

export function validityOf(raw: number | null): 'good' | 'reserved' | 'invalid' | 'questionable' | null {
  return raw === null ? null : VALIDITY_OF_RAW[raw & 3]!;
}

export function hasTestBit(raw: number | null): boolean {
  return raw !== null && (raw & TEST_BIT) !== 0;
}

export function isSubstituted(raw: number | null): boolean {
  return raw !== null && (raw & SUBSTITUTED_BIT) !== 0;
}

/** Whether the value registers take the value (CONVENTIONS.md: a bad value follows badValuePolicy). */
export function isUsable(e: Expectation): boolean {
  return e.numeric !== null && validityOf(e.quality) !== 'invalid';
}

export function numericOf(type: PointConfig['type'], v: Driven): number | null {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  return null;
}

/**
 * The value as the gateway shows it (PointState.value, MQTT): Dbpos and enums by name when the names are
 * known (the project's enumNames, else the standard Mod/Beh/Health names), numbers and booleans as they are.
 */
export function shownValue(type: PointConfig['type'], v: Driven, enumNames: ReadonlyMap<number, string> | undefined): Driven {
  if (type === 'dbpos' && typeof v === 'number') return dbposName(v);
  if (type === 'enum' && typeof v === 'number') return enumNames?.get(v) ?? v;
  return v;
}

/** The substitute the value registers take when the value is bad, or null under `hold`. */
export function substituteOf(policy: BadValuePolicy): number | null {
  return policy.mode === 'substitute' ? policy.value : null;
}
