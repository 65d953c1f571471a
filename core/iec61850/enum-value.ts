/**
 * Enumerated data attributes (IEC 61850-7-3 / 7-4 ENUMERATED, carried in MMS as an integer). The ordinal
 * is what the wire has; the name comes from the SCL EnumType when known. CONVENTIONS.md: enums carry
 * both.
 */

/** Ordinal → EnumVal name. */
export type EnumNames = ReadonlyMap<number, string>;

export interface EnumValue {
  readonly ordinal: number;
  /** The EnumVal name, when a name table knows this ordinal. */
  readonly name?: string;
}

/** IEC 61850-7-4 BehaviourModeKind, used by Mod and Beh. */
export const BEHAVIOUR_MODE_NAMES: EnumNames = new Map([
  [1, 'on'],
  [2, 'blocked'],
  [3, 'test'],
  [4, 'test/blocked'],
  [5, 'off'],
]);

/** IEC 61850-7-4 HealthKind, used by Health, EEHealth and PhyHealth. */
export const HEALTH_NAMES: EnumNames = new Map([
  [1, 'Ok'],
  [2, 'Warning'],
  [3, 'Alarm'],
]);

/**
 * Name tables of standard enumerations by the data object that carries them, for when no SCL is at
 * hand (discovery over MMS gives only integers).
 */
const STANDARD_BY_DO: ReadonlyMap<string, EnumNames> = new Map([
  ['Mod', BEHAVIOUR_MODE_NAMES],
  ['Beh', BEHAVIOUR_MODE_NAMES],
  ['Health', HEALTH_NAMES],
  ['EEHealth', HEALTH_NAMES],
  // LPHD.PhyHealth is an ENS of HealthKind too (IEC 61850-7-4).
  ['PhyHealth', HEALTH_NAMES],
]);

/** The standard name table for a data object name such as `Mod` or `Health`, if there is one. */
export function standardEnumNames(doName: string): EnumNames | undefined {
  return STANDARD_BY_DO.get(doName);
}

export function enumValue(ordinal: number, names?: EnumNames): EnumValue {
  const name = names?.get(ordinal);
  return name === undefined ? { ordinal } : { ordinal, name };
}

/** A name table from SCL-style pairs, e.g. `[{ord: 1, name: 'on'}]`. */
export function enumNames(values: Iterable<{ readonly ord: number; readonly name: string }>): EnumNames {
  const map = new Map<number, string>();
  for (const v of values) map.set(v.ord, v.name);
  return map;
}
