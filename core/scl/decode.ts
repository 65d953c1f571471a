import { SclError } from './errors';
import type { SclLimits } from './limits';

/** `<SCL/>` is the smallest document that can be SCL at all. */
const MIN_SCL_BYTES = 6;

/**
 * Turns the bytes of an SCL file into text. SCL is UTF-8 in practice (IEC 61850-6 examples and every
 * tool we know); we also read UTF-16 (by BOM or by its `<` pattern) and ISO-8859-1 / windows-1252 when
 * the XML declaration says so. Anything else is refused rather than misread.
 */
export function decodeSclBytes(bytes: Uint8Array, limits: SclLimits): string {
  checkSize(bytes.length, limits);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3), 3);
  if (b0 === 0xff && b1 === 0xfe) return decodeWith('utf-16le', bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return decodeWith('utf-16be', bytes.subarray(2));
  if (b0 === 0x3c && b1 === 0x00) return decodeWith('utf-16le', bytes);
  if (b0 === 0x00 && b1 === 0x3c) return decodeWith('utf-16be', bytes);
  const declared = declaredEncoding(bytes);
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') return decodeUtf8(bytes, 0);
  if (['iso-8859-1', 'latin1', 'iso_8859-1', 'windows-1252', 'us-ascii', 'ascii'].includes(declared)) {
    return decodeWith('windows-1252', bytes);
  }
  throw new SclError('encoding', `the XML declaration names encoding '${declared}', which this importer does not read (use UTF-8)`, {
    offset: 0,
    expected: 'UTF-8',
  });
}

/** Size checks shared by the byte and the text entry points. */
export function checkSize(length: number, limits: SclLimits): void {
  if (length === 0) {
    throw new SclError('empty', 'the file is empty (0 bytes); an SCL file starts with <?xml … ?> or <SCL', { expected: '<SCL' });
  }
  if (length < MIN_SCL_BYTES) {
    throw new SclError('too-short', `the file has only ${length} byte${length === 1 ? '' : 's'}; the smallest SCL document, <SCL/>, has ${MIN_SCL_BYTES}`, {
      expected: '<SCL',
    });
  }
  if (length > limits.maxBytes) {
    throw new SclError('too-large', `the file has ${length} bytes, more than the limit of ${limits.maxBytes} (maxBytes)`);
  }
}

function decodeUtf8(bytes: Uint8Array, skipped: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = byteLineColumn(bytes, at);
    throw new SclError('encoding', `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} is not valid UTF-8`, {
      offset: at + skipped,
      line,
      column,
      expected: 'UTF-8 text',
    });
  }
}

function decodeWith(encoding: 'utf-16le' | 'utf-16be' | 'windows-1252', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SclError('encoding', `the file is not valid ${encoding.toUpperCase()}`, { expected: `${encoding.toUpperCase()} text` });
  }
}

/** The `encoding="…"` of an `<?xml … ?>` declaration at the very start, lower-cased. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 200)));
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const decl = end < 0 ? head : head.slice(0, end);
  const m = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(decl);
  return m?.[1]?.toLowerCase();
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    const b1 = bytes[i + 1] ?? 0;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = bytes[i + k] ?? 0;
      if (bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return i;
}

function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
