import type { ReadItem } from '../../client';
import { dataAccessErrorCode } from '../../client';
import {
  fcdParts,
  formatObjectReference,
  formatQuality,
  toTypedValue,
  valueTypeFromMmsType,
  type JsonValue,
} from '../../iec61850';
import type { MmsTypeSpec } from '../../mms';

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
  const path = item.ref.path;
  const hint = spec ? valueTypeFromMmsType(spec) : undefined;
  const typed = toTypedValue(item.result.value, hint, {
    ...(path.length > 0 ? { name: path[path.length - 1] as string } : {}),
    ...(path[0] ? { doName: path[0] } : {}),
  });
  const parts = fcdParts(typed);
  const main = parts.value ?? typed;
  const row: ReadRow = { ref, fc, type: main.type, value: main.value };
  if (parts.quality) row.quality = formatQuality(parts.quality);
  if (parts.timestamp) row.timestamp = parts.timestamp.iso;
  else if (parts.entryTime) row.timestamp = parts.entryTime.iso;
  return row;
}

export function formatReadRow(row: ReadRow): string {
  const head = `${row.ref}${row.fc ? ` [${row.fc}]` : ''}`;
  if (row.error) return `${head}  ERROR ${row.error}`;
  const value = typeof row.value === 'string' ? row.value : JSON.stringify(row.value);
  const extra = [
    row.quality !== undefined ? `q=${row.quality}` : '',
    row.timestamp ? `t=${row.timestamp}` : '',
  ]
    .filter(Boolean)
    .join('  ');
  return `${head}  ${row.type} ${value}${extra ? `  ${extra}` : ''}`;
}
