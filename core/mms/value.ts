/**
 * MMS Data values as IEC 61850 uses them (ISO 9506-2 `Data`). One tagged union for the client, the
 * IEC 61850 layer and the simulator. Integers that do not fit a double exactly stay bigint.
 */
export type MmsValue =
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'bit-string'; readonly bitLength: number; readonly bytes: Uint8Array }
  | { readonly type: 'integer'; readonly value: number | bigint }
  | { readonly type: 'unsigned'; readonly value: number | bigint }
  | { readonly type: 'float'; readonly value: number; readonly width: 32 | 64 }
  | { readonly type: 'octet-string'; readonly value: Uint8Array }
  | { readonly type: 'visible-string'; readonly value: string }
  | { readonly type: 'mms-string'; readonly value: string }
  | {
      readonly type: 'utc-time';
      readonly seconds: number;
      readonly fraction: number;
      readonly quality: number;
    }
  | { readonly type: 'binary-time'; readonly msOfDay: number; readonly days?: number }
  | { readonly type: 'structure'; readonly members: readonly MmsValue[] }
  | { readonly type: 'array'; readonly elements: readonly MmsValue[] };

export type MmsValueType = MmsValue['type'];

/**
 * DataAccessError (ISO 9506-2): why one variable of a Read or Write failed. A failed item is a value
 * in the result list, not an exception.
 */
export const DATA_ACCESS_ERRORS = [
  'object-invalidated',
  'hardware-fault',
  'temporarily-unavailable',
  'object-access-denied',
  'object-undefined',
  'invalid-address',
  'type-unsupported',
  'type-inconsistent',
  'object-attribute-inconsistent',
  'object-access-unsupported',
  'object-non-existent',
  'object-value-invalid',
] as const;

export type DataAccessErrorName = (typeof DATA_ACCESS_ERRORS)[number] | 'unknown';

export interface DataAccessError {
  readonly code: number;
  readonly name: DataAccessErrorName;
}

export function dataAccessError(code: number): DataAccessError {
  return { code, name: DATA_ACCESS_ERRORS[code] ?? 'unknown' };
}

/** One item of a Read response or InformationReport: a value, or the reason there is none. */
export type AccessResult =
  { readonly ok: true; readonly value: MmsValue } | { readonly ok: false; readonly error: DataAccessError };

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function bits(v: { bitLength: number; bytes: Uint8Array }): string {
  let s = '';
  for (let i = 0; i < v.bitLength; i++) s += ((v.bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
  return s;
}

/** One short line for logs and the traffic tap, e.g. `{true, b'0000000000000', 2026-01-01T00:00:00.000Z}`. */
export function formatMmsValue(v: MmsValue, maxLength = 200): string {
  const text = format(v, 0);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function format(v: MmsValue, depth: number): string {
  switch (v.type) {
    case 'boolean':
      return String(v.value);
    case 'bit-string':
      return `b'${bits(v)}'`;
    case 'integer':
    case 'unsigned':
      return String(v.value);
    case 'float':
      return String(v.value);
    case 'octet-string':
      return `0x${hex(v.value)}`;
    case 'visible-string':
    case 'mms-string':
      return JSON.stringify(v.value);
    case 'utc-time':
      return new Date(v.seconds * 1000 + Math.floor((v.fraction * 1000) / 0x1000000)).toISOString();
    case 'binary-time':
      return v.days === undefined ? `${v.msOfDay} ms` : `day ${v.days} ${v.msOfDay} ms`;
    case 'structure':
      return depth > 8 ? '{…}' : `{${v.members.map((m) => format(m, depth + 1)).join(', ')}}`;
    case 'array':
      return depth > 8 ? '[…]' : `[${v.elements.map((m) => format(m, depth + 1)).join(', ')}]`;
  }
}
