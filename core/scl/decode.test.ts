import { describe, expect, it } from 'vitest';
import { fromHex } from '../shared';
import { firstInvalidUtf8 } from './decode';
import { SclError } from './errors';
import { importScl } from './importer';

const DOC = '<SCL xmlns="http://www.iec.ch/61850/2003/SCL"><Header id="Zürich"/></SCL>';
const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i++) view.setUint16(at + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

function errorOf(run: () => unknown): SclError {
  try {
    run();
  } catch (err) {
    if (err instanceof SclError) return err;
    throw err;
  }
  throw new Error('expected an SclError');
}

describe('empty and tiny files', () => {
  it.each([
    ['0 bytes', new Uint8Array(0), 'empty', 'scl/empty: x.icd: the file is empty (0 bytes); an SCL file starts with <?xml … ?> or <SCL'],
    ['1 byte', utf8('<'), 'too-short', 'scl/too-short: x.icd: the file has only 1 byte; the smallest SCL document, <SCL/>, has 6'],
    ['5 bytes', utf8('<SCL>'), 'too-short', 'scl/too-short: x.icd: the file has only 5 bytes; the smallest SCL document, <SCL/>, has 6'],
  ])('%s give a clear error', (_name, bytes, code, line) => {
    const err = errorOf(() => importScl(bytes, { fileName: 'x.icd' }));
    expect(err.code).toBe(code);
    expect(err.toLine()).toBe(line);
  });

  it('treats an empty string like an empty file', () => {
    expect(errorOf(() => importScl('')).code).toBe('empty');
  });

  it('reads the smallest SCL document, with a warning that it holds no IED', () => {
    const doc = importScl(utf8('<SCL/>'));
    expect(doc.ieds).toEqual([]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['no-namespace', 'no-ied']);
  });
});

describe('encodings', () => {
  it.each([
    ['UTF-8 without BOM', utf8(DOC)],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(DOC)])],
    ['UTF-16LE with BOM', utf16(DOC, true, true)],
    ['UTF-16BE with BOM', utf16(DOC, false, true)],
    ['UTF-16LE without BOM', utf16(DOC, true, false)],
    ['ISO-8859-1 as declared', new Uint8Array([...utf8('<?xml version="1.0" encoding="ISO-8859-1"?>'), ...[...DOC].map((c) => c.charCodeAt(0))])],
  ])('reads %s', (_name, bytes) => {
    expect(importScl(bytes).header.id).toBe('Zürich');
  });

  it('reads text that still starts with a BOM', () => {
    expect(importScl(`\ufeff${DOC}`).header.id).toBe('Zürich');
  });

  it('refuses invalid UTF-8 with the line and column of the bad byte', () => {
    const bytes = new Uint8Array([...utf8('<SCL>\n  <Header id="'), 0xc3, 0x28, ...utf8('"/></SCL>')]);
    const err = errorOf(() => importScl(bytes, { fileName: 'x.scd' }));
    expect([err.code, err.line, err.column, err.offset]).toEqual(['encoding', 2, 15, 20]);
    expect(err.toLine()).toBe('scl/encoding: x.scd:2:15: byte 0xc3 is not valid UTF-8');
  });

  it('refuses an encoding it does not read rather than misread it', () => {
    const err = errorOf(() => importScl(utf8('<?xml version="1.0" encoding="Shift_JIS"?><SCL/>')));
    expect(err.code).toBe('encoding');
    expect(err.message).toMatch(/encoding 'shift_jis'/);
  });

  it.each([
    ['valid ASCII and multi-byte text', '41 c3 a9 e2 82 ac f0 9f 98 80', 10],
    ['a lone continuation byte', '41 80', 1],
    ['an overlong two-byte form', 'c0 af', 0],
    ['an overlong three-byte form', 'e0 80 af', 0],
    ['a UTF-16 surrogate', '41 ed a0 80', 1],
    ['a code point above U+10FFFF', 'f4 90 80 80', 0],
    ['a sequence cut by the end', '41 e2 82', 1],
  ])('firstInvalidUtf8: %s', (_name, hex, offset) => {
    expect(firstInvalidUtf8(fromHex(hex))).toBe(offset);
  });
});
