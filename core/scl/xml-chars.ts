/** XML 1.0 character classes and references, as the scanner needs them (ASCII by table, the rest by range). */

const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_START[c] = 1;
  if (/[A-Za-z_:0-9.-]/.test(ch)) NAME_CHAR[c] = 1;
}
export function isNameStart(c: number): boolean {
  return c < 128 ? NAME_START[c] === 1 : c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c <= 0xfffd;
}
export function isNameChar(c: number): boolean {
  return c < 128 ? NAME_CHAR[c] === 1 : c >= 0xb7 && c !== 0xd7 && c !== 0xf7 && c <= 0xfffd;
}
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/**
 * What is wrong with the reference `&body;`, if anything: a character reference must name an XML Char
 * (no NUL, no surrogates, nothing past U+10FFFF); a named one must be one of the five predefined
 * entities, since no DOCTYPE can declare others.
 */
export function referenceProblem(body: string): 'character' | 'undeclared' | undefined {
  if (body.startsWith('#')) {
    const m = /^#(?:([0-9]{1,7})|x([0-9A-Fa-f]{1,6}))$/.exec(body);
    const code = m === null ? NaN : m[1] !== undefined ? Number(m[1]) : parseInt(m[2] ?? '', 16);
    const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    return valid ? undefined : 'character';
  }
  return PREDEFINED.has(body) ? undefined : 'undeclared';
}
