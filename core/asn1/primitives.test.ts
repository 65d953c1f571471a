import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared';
import { Asn1Error } from './errors';
import {
  decodeBigInteger,
  decodeBinaryTime,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeLatin1String,
  decodeMmsFloat,
  decodeNull,
  decodeObjectIdentifier,
  decodeOctetString,
  decodeUnsigned,
  decodeUtcTime,
  decodeUtf8String,
  decodeVisibleString,
} from './primitives';
import { BerReader } from './reader';
import { TagClass } from './tag';
import { BerWriter, integerContents } from './writer';

const C = TagClass.context;

/** Decodes the single element in `hex` with `decode`. */
function dec<T>(hex: string, decode: (r: BerReader, t: ReturnType<BerReader['next']>) => T): T {
  const reader = new BerReader(fromHex(hex));
  const value = decode(reader, reader.next());
  reader.end('the element');
  return value;
}

function enc(write: (w: BerWriter) => void): string {
  const w = new BerWriter(4);
  write(w);
  return toHex(w.finish());
}

describe('primitive codecs: parse, generate, round trip', () => {
  it.each<[string, number | bigint]>([
    ['85 01 00', 0],
    ['85 01 7f', 127],
    ['85 02 00 80', 128],
    ['85 01 80', -128],
    ['85 02 ff 7f', -129],
    ['85 02 01 00', 256],
    ['85 04 7f ff ff ff', 2147483647],
    ['85 04 80 00 00 00', -2147483648],
    ['85 05 00 ff ff ff ff', 4294967295],
    ['85 07 1f ff ff ff ff ff ff', 2 ** 53 - 1],
    ['85 08 7f ff ff ff ff ff ff ff', 9223372036854775807n],
    ['85 08 80 00 00 00 00 00 00 00', -9223372036854775808n],
  ])('integer %s = %s', (hex, value) => {
    if (typeof value === 'bigint') expect(dec(hex, decodeBigInteger)).toBe(value);
    else expect(dec(hex, decodeInteger)).toBe(value);
    expect(enc((w) => w.integer(C, 5, value))).toBe(toHex(fromHex(hex)));
  });

  it('refuses integers beyond the safe range as numbers, empty integers and negative Unsigned', () => {
    expect(() => dec('85 08 7f ff ff ff ff ff ff ff', decodeInteger)).toThrow(
      /beyond the safe integer range/,
    );
    // 7 octets: 2^53 + 1 would silently round to 2^53 in a double.
    expect(() => dec('85 07 20 00 00 00 00 00 01', decodeInteger)).toThrow(/beyond the safe integer range/);
    expect(dec('85 07 1f ff ff ff ff ff ff', decodeInteger)).toBe(Number.MAX_SAFE_INTEGER);
    expect(dec('85 07 e0 00 00 00 00 00 01', decodeInteger)).toBe(Number.MIN_SAFE_INTEGER);
    expect(() => dec('85 00', decodeInteger)).toThrow(/no contents octets/);
    expect(() => dec('86 01 ff', decodeUnsigned)).toThrow(/negative/);
    expect(dec('86 02 00 ff', decodeUnsigned)).toBe(255);
    expect(() => new BerWriter().unsigned(C, 6, -1)).toThrow(Asn1Error);
  });

  it.each<[string, boolean]>([
    ['83 01 01', true],
    ['83 01 00', false],
  ])('boolean %s', (hex, value) => {
    expect(dec(hex, decodeBoolean)).toBe(value);
    expect(enc((w) => w.boolean(C, 3, value))).toBe(toHex(fromHex(hex)));
  });

  it('reads any non-zero boolean as TRUE but writes TRUE as 0x01', () => {
    expect(dec('83 01 ff', decodeBoolean)).toBe(true);
    expect(() => dec('83 02 00 00', decodeBoolean)).toThrow(/1 octet, has 2/);
  });

  it.each<[string, number, string]>([
    ['84 03 03 40 80   # quality: 13 bits, 3 unused; bit 1 (invalid) and bit 8 (oldData) set', 13, '40 80'],
    ['84 02 06 80      # Dbpos: 2 bits, 6 unused, value 10 = on', 2, '80'],
    ['84 01 00         # empty bit string, seen from some IEDs', 0, ''],
    ['84 03 00 ff 00   # 16 bits', 16, 'ff 00'],
  ])('bit string %s', (hex, bitLength, bits) => {
    const v = dec(hex, decodeBitString);
    expect([v.bitLength, toHex(v.bytes)]).toEqual([bitLength, toHex(fromHex(bits))]);
    expect(enc((w) => w.bitString(C, 4, bitLength, fromHex(bits)))).toBe(toHex(fromHex(hex)));
  });

  it('clears unused bits on decode and on encode, and refuses bad unused counts', () => {
    expect(toHex(dec('84 02 06 ff', decodeBitString).bytes)).toBe(toHex(fromHex('c0')));
    expect(enc((w) => w.bitString(C, 4, 2, Uint8Array.of(0xff)))).toBe(toHex(fromHex('84 02 06 c0')));
    expect(() => dec('84 02 08 00', decodeBitString)).toThrow(/8 unused bits/);
    expect(() => dec('84 01 03', decodeBitString)).toThrow(/empty BIT STRING/);
    expect(() => dec('84 00', decodeBitString)).toThrow(/no initial octet/);
  });

  it.each<[string, number, 32 | 64]>([
    ['87 05 08 41 20 00 00', 10, 32],
    ['87 05 08 c2 f6 e9 79', -123.45600128173828, 32],
    ['87 09 0b 40 09 21 fb 54 44 2d 18', Math.PI, 64],
  ])('floating point %s', (hex, value, width) => {
    expect(dec(hex, decodeMmsFloat)).toEqual({ value, width });
    expect(enc((w) => w.mmsFloat(C, 7, value, width))).toBe(toHex(fromHex(hex)));
  });

  it('refuses floats of the wrong size or exponent width', () => {
    expect(() => dec('87 04 08 00 00 00', decodeMmsFloat)).toThrow(/5 or 9 octets, has 4/);
    expect(() => dec('87 05 0b 00 00 00 00', decodeMmsFloat)).toThrow(/exponent width 8, has 11/);
  });

  it('UtcTime: seconds, 24-bit fraction and time quality', () => {
    const hex = '91 08 5f 5e 10 00  80 00 00  0a  # 2020-09-13T12:26:40.5Z, quality 0x0a';
    expect(dec(hex, decodeUtcTime)).toEqual({ seconds: 1600000000, fraction: 0x800000, quality: 0x0a });
    expect(enc((w) => w.utcTime(C, 17, { seconds: 1600000000, fraction: 0x800000, quality: 0x0a }))).toBe(
      toHex(fromHex(hex)),
    );
    expect(() => dec('91 07 00 00 00 00 00 00 00', decodeUtcTime)).toThrow(/8 octets, has 7/);
  });

  it('BinaryTime: 4-octet time of day and 6-octet with days since 1984', () => {
    expect(dec('8c 04 02 b2 f1 a8', decodeBinaryTime)).toEqual({ msOfDay: 45281704 });
    expect(dec('8c 06 02 b2 f1 a8 3b ed', decodeBinaryTime)).toEqual({ msOfDay: 45281704, days: 15341 });
    expect(enc((w) => w.binaryTime(C, 12, { msOfDay: 45281704, days: 15341 }))).toBe(
      toHex(fromHex('8c 06 02 b2 f1 a8 3b ed')),
    );
    expect(() => dec('8c 04 05 26 5c 00', decodeBinaryTime)).toThrow(/more than a day/);
    expect(() => dec('8c 05 00 00 00 00 00', decodeBinaryTime)).toThrow(/4 or 6 octets/);
  });

  it('strings: visible, UTF-8, octet', () => {
    expect(dec('8a 04 4c 4c 4e 30', decodeVisibleString)).toBe('LLN0');
    expect(enc((w) => w.latin1String(C, 10, 'LLN0'))).toBe(toHex(fromHex('8a 04 4c 4c 4e 30')));
    expect(() => dec('8a 02 41 0a', decodeVisibleString)).toThrow(/non-printable octet 0x0a/);
    expect(dec('90 05 c2 b0 43 c2 b5', decodeUtf8String)).toBe('°Cµ');
    expect(enc((w) => w.utf8String(C, 16, '°Cµ'))).toBe(toHex(fromHex('90 05 c2 b0 43 c2 b5')));
    expect(() => dec('90 01 ff', decodeUtf8String)).toThrow(/not valid UTF-8/);
    expect(toHex(dec('89 02 de ad', decodeOctetString))).toBe(toHex(fromHex('de ad')));
    expect(() => new BerWriter().latin1String(C, 10, 'Ω')).toThrow(/U\+03a9/);
  });

  it('Latin-1 strings: every octet is its own code point (not windows-1252) and encodes back', () => {
    expect(dec('99 03 80 e9 b0', decodeLatin1String)).toBe('\u0080é°');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (octets) => {
        const w = new BerWriter(4).octetString(C, 25, octets);
        const text = dec(toHex(w.finish()), decodeLatin1String);
        expect(text.length).toBe(octets.length);
        expect(enc((x) => x.latin1String(C, 25, text))).toBe(toHex(w.finish()));
      }),
      { numRuns: 300 },
    );
  });

  it.each<[string, number[]]>([
    ['06 05 28 ca 22 02 01   # 1.0.9506.2.1 MMS abstract syntax', [1, 0, 9506, 2, 1]],
    ['06 05 28 ca 22 02 03   # 1.0.9506.2.3 MMS application context', [1, 0, 9506, 2, 3]],
    ['06 02 51 01            # 2.1.1 BER transfer syntax', [2, 1, 1]],
    ['06 04 52 01 00 01      # 2.2.1.0.1 ACSE abstract syntax', [2, 2, 1, 0, 1]],
    ['06 04 29 01 87 67      # 1.1.1.999 AP-title', [1, 1, 1, 999]],
  ])('object identifier %s', (hex, arcs) => {
    expect(dec(hex, decodeObjectIdentifier)).toEqual(arcs);
    expect(enc((w) => w.objectIdentifier(TagClass.universal, 6, arcs))).toBe(toHex(fromHex(hex)));
  });

  it('refuses malformed object identifiers', () => {
    expect(() => dec('06 02 29 87', decodeObjectIdentifier)).toThrow(/ends inside an arc/);
    expect(() => dec('06 02 29 80', decodeObjectIdentifier)).toThrow(/leading 0x80/);
    expect(() => new BerWriter().objectIdentifier(0, 6, [3, 1])).toThrow(/not valid/);
  });

  it('NULL and a primitive decoder on a constructed element', () => {
    expect(dec('80 00', decodeNull)).toBeNull();
    expect(() => dec('80 01 00', decodeNull)).toThrow(/empty/);
    expect(() => dec('a5 00', decodeInteger)).toThrow(/must be primitive/);
  });

  it('integers round-trip through the writer and reader (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (v) => {
        const w = new BerWriter(1);
        w.integer(C, 5, v);
        expect(dec(toHex(w.finish()), decodeBigInteger)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes 32-bit numbers in place exactly as the general minimal encoding does (property)', () => {
    const boundaries = [0, -0, 0x7f, 0x80, -0x80, -0x81, 0x7fff, 0x8000, -0x8000, -0x8001];
    boundaries.push(0x7fffff, 0x800000, -0x800000, -0x800001, 2 ** 31 - 1, -(2 ** 31), 2 ** 31);
    const check = (v: number) => {
      const w = new BerWriter(1);
      w.integer(C, 5, v);
      const bytes = w.finish();
      expect(toHex(bytes.subarray(2)), `${v}`).toBe(toHex(integerContents(BigInt(v))));
      expect(dec(toHex(bytes), decodeInteger)).toBe(v === 0 ? 0 : v);
    };
    boundaries.forEach(check);
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), check), {
      numRuns: 2000,
    });
  });
});

describe('BerWriter constructed elements', () => {
  it('uses the short length form up to 127 octets and the long form beyond, moving the contents', () => {
    const short = new BerWriter(2).begin(C, 1).octetString(C, 0, new Uint8Array(125)).end().finish();
    expect(toHex(short.subarray(0, 4))).toBe(toHex(fromHex('a1 7f 80 7d')));
    const long = new BerWriter(2).begin(C, 1).octetString(C, 0, new Uint8Array(300)).end().finish();
    expect(toHex(long.subarray(0, 8))).toBe(toHex(fromHex('a1 82 01 30 80 82 01 2c')));
    expect(long.length).toBe(4 + 4 + 300);
    const reader = new BerReader(long);
    const outer = reader.next();
    const inner = reader.children(outer).next();
    expect([inner.valueStart, inner.end]).toEqual([8, 308]);
  });

  it('nests, writes long tags and raw pre-encoded elements', () => {
    const hex = enc((w) =>
      w.begin(TagClass.application, 0).begin(C, 31).null(C, 2).end().raw(fromHex('02 01 05')).end(),
    );
    expect(hex).toBe(toHex(fromHex('60 08 bf 1f 02 82 00 02 01 05')));
  });

  it('refuses to finish with open elements and to end without begin', () => {
    expect(() => new BerWriter().begin(C, 0).finish()).toThrow(/still open/);
    expect(() => new BerWriter().end()).toThrow(/without begin/);
  });
});
