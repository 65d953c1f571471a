import type { MmsValue } from '../mms';

/** The value narrowed to one MMS type, or undefined when it is another type (or absent). */
export function ofType<T extends MmsValue['type']>(
  value: MmsValue | undefined,
  type: T,
): Extract<MmsValue, { type: T }> | undefined {
  return value?.type === type ? (value as Extract<MmsValue, { type: T }>) : undefined;
}

/** An MMS integer as a JS number when it is exactly representable, else undefined. */
export function safeNumber(value: number | bigint): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : undefined;
}

/** An unsigned (or a non-negative integer, which some servers send instead) as a safe number. */
export function unsignedOf(value: MmsValue | undefined): number | undefined {
  if (value?.type !== 'unsigned' && value?.type !== 'integer') return undefined;
  const n = safeNumber(value.value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** A visible or MMS string. */
export function stringOf(value: MmsValue | undefined): string | undefined {
  return value?.type === 'visible-string' || value?.type === 'mms-string' ? value.value : undefined;
}
