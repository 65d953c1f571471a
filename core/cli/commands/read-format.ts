import type { ReadItem } from '../../client';
import { dataAccessErrorCode } from '../../client';
import {
  fcdParts,
  formatObjectReference,
  formatQuality,
  toTypedValue,
  valueTypeFromMmsType,
  type JsonValue,
  type Quality,
  type TypedValue,
} from '../../iec61850';
import type { MmsTypeSpec, MmsValue } from '../../mms';

/** One row of `relaygate read --json` (CONVENTIONS). */
export interface ReadRow {
  ref: string;
  fc: string | null;
  type: string;
  value: JsonValue;
  quality?: string;
  timestamp?: string | null;
  error?: string;
}

/** What a value shows: the value itself and, for a status or measured FCD, its quality and time. */
export interface ShownValue {
  readonly main: TypedValue;
  readonly quality?: Quality;
  /** ISO time of `t` (UtcTime) or of a BinaryTime `t`. */
  readonly timestamp?: string;
}

/**
 * Types a value read from (or reported by) an IED, with its MMS type description when known (it names
 * the components of a whole FCD), and the 61850 path it was read at (the last name types `q`, `t` and
 * `stVal` without SCL; the first finds standard enum names of Mod, Beh, Health).
 */
export function typeValue(
  value: MmsValue,
  spec: MmsTypeSpec | undefined,
  path: readonly string[],
): TypedValue {
  const hint = spec ? valueTypeFromMmsType(spec) : undefined;
  return toTypedValue(value, hint, {
    ...(path.length > 0 ? { name: path[path.length - 1] as string } : {}),
    ...(path[0] ? { doName: path[0] } : {}),
  });
}

/**
 * Splits a status or measured FCD (`{stVal|mag|…, q, t}`) into value, quality and time, so a point
 * reads as one line. Anything else is shown whole: a leaf `q` or `t` is the value itself (not also its
 * quality), and a structure with other members that matter (a control's `Oper` with origin, ctlNum
 * and T; `{q, t}` without a value) would lose them in a split. A value member alone (`StrVal` = {setMag})
 * stands for the structure.
 */
export function shownValue(typed: TypedValue): ShownValue {
  if (typed.type !== 'struct') return { main: typed };
  const parts = fcdParts(typed);
  const hasQt = parts.quality !== undefined || parts.timestamp !== undefined || parts.entryTime !== undefined;
  if (parts.value === undefined || (!hasQt && typed.members.length > 1)) return { main: typed };
  const time = parts.timestamp?.iso ?? parts.entryTime?.iso ?? undefined;
  return {
    main: parts.value,
    ...(parts.quality ? { quality: parts.quality } : {}),
    ...(time !== undefined ? { timestamp: time } : {}),
  };
}

/** Types a read result with its MMS type description (component names), and splits value, q and t. */
export function readRow(item: ReadItem, spec: MmsTypeSpec | undefined): ReadRow {
  const ref = formatObjectReference(item.ref, false);
  const fc = item.ref.fc ?? null;
  if (!item.result.ok)
    return {
      ref,
      fc,
      type: 'unknown',
      value: null,
      error: `${dataAccessErrorCode(item.result.error)}: ${item.result.error.name}`,
    };
  const shown = shownValue(typeValue(item.result.value, spec, item.ref.path));
  const row: ReadRow = { ref, fc, type: shown.main.type, value: shown.main.value };
  if (shown.quality) row.quality = formatQuality(shown.quality);
  if (shown.timestamp !== undefined) row.timestamp = shown.timestamp;
  return row;
}

/** A display value on one line: text as it is (an empty string as ""), anything else as JSON. */
export function formatDisplayValue(value: JsonValue): string {
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
}

export function formatReadRow(row: ReadRow): string {
  const head = `${row.ref}${row.fc ? ` [${row.fc}]` : ''}`;
  if (row.error) return `${head}  ERROR ${row.error}`;
  const extra = [
    row.quality !== undefined ? `q=${row.quality}` : '',
    row.timestamp ? `t=${row.timestamp}` : '',
  ]
    .filter(Boolean)
    .join('  ');
  return `${head}  ${row.type} ${formatDisplayValue(row.value)}${extra ? `  ${extra}` : ''}`;
}
