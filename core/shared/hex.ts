/** Hex helpers for fixtures, traffic taps and diagnostics. */

const HEX = '0123456789abcdef';

export function toHex(bytes: Uint8Array, separator = ''): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(HEX[b >> 4]! + HEX[b & 15]!);
  return parts.join(separator);
}

/**
 * Parses hex text into bytes. Whitespace is ignored, and so is everything after `#` or `//` on a line,
 * so fixtures can carry a comment per field:
 *   03 00 00 16   # TPKT: version 3, length 22
 */
export function fromHex(text: string): Uint8Array {
  const digits = text
    .split('\n')
    .map((line) => line.replace(/(#|\/\/).*$/, ''))
    .join('')
    .replace(/[\s:]/g, '');
  if (digits.length % 2 !== 0) throw new Error(`hex text has an odd number of digits (${digits.length})`);
  if (!/^[0-9a-fA-F]*$/.test(digits)) throw new Error(`hex text has a non-hex character: ${/[^0-9a-fA-F]/.exec(digits)?.[0]}`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Classic 16-bytes-per-line hexdump with offsets and an ASCII column. */
export function hexdump(bytes: Uint8Array, maxBytes = 4096): string {
  const lines: string[] = [];
  const n = Math.min(bytes.length, maxBytes);
  for (let off = 0; off < n; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, n));
    const hex = toHex(row, ' ').padEnd(47, ' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(6, '0')}  ${hex}  ${ascii}`);
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`);
  return lines.join('\n');
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
