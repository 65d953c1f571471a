/**
 * TEMPORARY stand-in for core/mms's MmsValue while that layer is being written; replaced by
 * `import type { MmsValue } from '../mms'` as soon as it lands.
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
