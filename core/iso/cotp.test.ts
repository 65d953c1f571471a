import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared';
import { IsoError } from './errors';
import { decodeCotp, describeCotpDisconnect, encodeCotp, tpduSizeToCode, type CotpTpdu } from './cotp';
import { catchIso, truncations } from './testing';

const u = (hex: string) => fromHex(hex);

/** Fixtures written from ISO 8073 (class 0) as used over RFC 1006. */
const CASES: { name: string; hex: string; tpdu: CotpTpdu }[] = [
  {
    name: 'CR proposing 8192-byte TPDUs, TSAPs 0001/0001',
    hex: `
      11        # LI 17
      e0        # CR, CDT 0
      00 00     # DST-REF 0
      00 01     # SRC-REF 1
      00        # class 0, no options
      c0 01 0d  # TPDU size 2^13 = 8192
      c2 02 00 01  # called TSAP 0001
      c1 02 00 01  # calling TSAP 0001`,
    tpdu: { type: 'CR', dstRef: 0, srcRef: 1, protocolClass: 0, options: 0, tpduSize: 8192, calledTsap: u('0001'), callingTsap: u('0001') },
  },
  {
    name: 'CC lowering the TPDU size to 1024',
    hex: `
      11        # LI 17
      d0        # CC
      00 01     # DST-REF = the CR's SRC-REF
      00 02     # SRC-REF 2
      00        # class 0
      c0 01 0a  # TPDU size 2^10 = 1024
      c2 02 00 01  # called TSAP
      c1 02 00 01  # calling TSAP`,
    tpdu: { type: 'CC', dstRef: 1, srcRef: 2, protocolClass: 0, options: 0, tpduSize: 1024, calledTsap: u('0001'), callingTsap: u('0001') },
  },
  {
    name: 'CR without parameters (TPDU size defaults to 128)',
    hex: `
      06        # LI 6
      e0        # CR
      00 00 12 34  # DST-REF 0, SRC-REF 0x1234
      00        # class 0`,
    tpdu: { type: 'CR', dstRef: 0, srcRef: 0x1234, protocolClass: 0, options: 0 },
  },
  {
    name: 'CR with a 3-byte called TSAP, preferred max TPDU size and additional options',
    hex: `
      15        # LI 21
      e0 00 00 00 01 00  # CR, refs 0/1, class 0
      c0 01 07  # TPDU size 128
      c2 03 00 01 02  # called TSAP 000102
      f0 02 01 00     # preferred max TPDU size 256 x 128 = 32768
      c6 01 01        # additional option selection 01`,
    tpdu: {
      type: 'CR', dstRef: 0, srcRef: 1, protocolClass: 0, options: 0, tpduSize: 128,
      calledTsap: u('000102'), preferredMaxTpduSize: 32768, additionalOptions: 1,
    },
  },
  {
    name: 'DT, last unit, carrying user data',
    hex: `
      02        # LI 2
      f0        # DT
      80        # EOT=1, TPDU-NR 0
      01 00 01 00  # user data`,
    tpdu: { type: 'DT', eot: true, userData: u('01000100') },
  },
  {
    name: 'DT, more to follow',
    hex: `
      02 f0     # LI 2, DT
      00        # EOT=0
      aa bb     # user data`,
    tpdu: { type: 'DT', eot: false, userData: u('aabb') },
  },
  {
    name: 'DR, session entity not attached, with additional information',
    hex: `
      0a        # LI 10
      80        # DR
      00 01     # DST-REF
      00 02     # SRC-REF
      02        # reason 2: session entity not attached to TSAP
      e0 02 68 69  # additional information "hi"`,
    tpdu: { type: 'DR', dstRef: 1, srcRef: 2, reason: 2, additionalInfo: u('6869') },
  },
  {
    name: 'DR, normal disconnect',
    hex: `06 80 00 01 00 02 80   # LI 6, DR, refs 1/2, reason 128 normal`,
    tpdu: { type: 'DR', dstRef: 1, srcRef: 2, reason: 128 },
  },
  {
    name: 'DC',
    hex: `05 c0 00 02 00 01   # LI 5, DC, DST-REF 2, SRC-REF 1`,
    tpdu: { type: 'DC', dstRef: 2, srcRef: 1 },
  },
  {
    name: 'ER, invalid parameter value, quoting the bad TPDU',
    hex: `
      08        # LI 8
      70        # ER
      00 01     # DST-REF
      03        # cause 3: invalid parameter value
      c1 02 06 e0  # invalid TPDU: first bytes of the refused TPDU`,
    tpdu: { type: 'ER', dstRef: 1, cause: 3, invalidTpdu: u('06e0') },
  },
];

describe('COTP TPDU codec', () => {
  it.each(CASES)('parses $name', ({ hex, tpdu }) => {
    expect(decodeCotp(fromHex(hex))).toEqual(tpdu);
  });
  it.each(CASES)('generates $name', ({ hex, tpdu }) => {
    expect(toHex(encodeCotp(tpdu))).toBe(toHex(fromHex(hex)));
  });
  it.each(CASES)('round-trips $name', ({ tpdu }) => {
    expect(decodeCotp(encodeCotp(tpdu))).toEqual(tpdu);
  });

  it('skips unknown parameters and keeps CR user data for the caller to judge', () => {
    const cr = decodeCotp(u('0a e0 0000 0001 00 c3 02 abcd 99 0000'));
    expect(cr).toEqual({ type: 'CR', dstRef: 0, srcRef: 1, protocolClass: 0, options: 0, userData: u('990000') });
  });

  it('decodes a CR with class 2 and options so the connection can refuse it', () => {
    expect(decodeCotp(u('06 e0 0000 0001 23'))).toMatchObject({ protocolClass: 2, options: 3 });
  });

  it('names DR reasons and ER causes', () => {
    expect(describeCotpDisconnect({ type: 'DR', dstRef: 0, srcRef: 0, reason: 133 })).toBe('protocol error');
    expect(describeCotpDisconnect({ type: 'ER', dstRef: 0, cause: 2 })).toBe('invalid TPDU type');
    expect(describeCotpDisconnect({ type: 'DR', dstRef: 0, srcRef: 0, reason: 77 })).toBe('reason 77');
  });

  it('encodes TPDU sizes 128..8192 only', () => {
    expect([128, 256, 512, 1024, 2048, 4096, 8192].map(tpduSizeToCode)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    for (const bad of [64, 100, 16384, 0]) expect(catchIso(() => tpduSizeToCode(bad)).code).toBe('cotp-tpdu-size');
  });

  const NEGATIVE: { name: string; hex: string; code: string; offset: number }[] = [
    { name: 'CR with TPDU size 2^14', hex: '09 e0 0000 0001 00 c0 01 0e', code: 'cotp-tpdu-size', offset: 9 },
    { name: 'CR with TPDU size 2^6', hex: '09 e0 0000 0001 00 c0 01 06', code: 'cotp-tpdu-size', offset: 9 },
    { name: 'CR with a 2-byte TPDU size value', hex: '0a e0 0000 0001 00 c0 02 0d 00', code: 'cotp-tpdu-size', offset: 9 },
    { name: 'CR parameter longer than the header', hex: '0a e0 0000 0001 00 c2 05 00 01 02', code: 'cotp-parameter', offset: 8 },
    { name: 'CR parameter cut after its code', hex: '07 e0 0000 0001 00 c2', code: 'cotp-parameter', offset: 7 },
    { name: 'CR with LI 5 (fixed part is 6)', hex: '05 e0 0000 0001', code: 'cotp-length', offset: 0 },
    { name: 'LI larger than the TPDU', hex: '11 e0 0000 0001 00', code: 'cotp-length', offset: 0 },
    { name: 'LI 255 (reserved)', hex: 'ff f0' + ' 00'.repeat(300), code: 'cotp-length', offset: 0 },
    { name: 'LI 0', hex: '00 f0 80', code: 'cotp-length', offset: 0 },
    { name: 'DT with LI 1', hex: '01 f0 80', code: 'cotp-length', offset: 0 },
    { name: 'DT code with flags set (not class 0)', hex: '02 f1 80', code: 'cotp-unsupported-tpdu', offset: 1 },
    { name: 'ED (expedited data, not class 0)', hex: '04 10 0001 80', code: 'cotp-unsupported-tpdu', offset: 1 },
    { name: 'AK (not class 0)', hex: '04 60 0001 80', code: 'cotp-unsupported-tpdu', offset: 1 },
    { name: 'DR with LI 5', hex: '05 80 0001 0002', code: 'cotp-length', offset: 0 },
    { name: 'ER with LI 3', hex: '03 70 0001', code: 'cotp-length', offset: 0 },
    { name: 'one byte', hex: '02', code: 'cotp-truncated', offset: 1 },
  ];
  it.each(NEGATIVE)('refuses $name', ({ hex, code, offset }) => {
    const err = catchIso(() => decodeCotp(fromHex(hex)));
    expect([err.code, err.offset]).toEqual([code, offset]);
  });

  it('gives a typed error for every truncation of every header', () => {
    for (const { hex, tpdu } of CASES) {
      const bytes = fromHex(hex);
      const headerEnd = bytes[0]! + 1;
      for (const [n, prefix] of truncations(bytes)) {
        if (n >= headerEnd) {
          // Cutting user data off a DT still leaves a valid (shorter) DT.
          expect(decodeCotp(prefix).type).toBe(tpdu.type);
        } else {
          expect(catchIso(() => decodeCotp(prefix)).layer).toBe('iso');
        }
      }
    }
  });

  it('gives a TPDU or a typed error for every one-byte alteration of every fixture', () => {
    for (const { hex, name } of CASES) {
      const good = fromHex(hex);
      for (let i = 0; i < good.length; i++) {
        for (const delta of [1, 0x40, 0x80, 0xff]) {
          const bad = good.slice();
          bad[i] = (bad[i]! + delta) & 0xff;
          try {
            decodeCotp(bad);
          } catch (err) {
            expect(err, `${name}: byte ${i} + ${delta}`).toBeInstanceOf(IsoError);
          }
        }
      }
    }
  });

  it('returns a TPDU or an IsoError for random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const t = decodeCotp(bytes);
          expect(['CR', 'CC', 'DT', 'DR', 'DC', 'ER']).toContain(t.type);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('returns a TPDU or an IsoError for TPDUs built from valid pieces with random parameters (property)', () => {
    const params = fc.array(fc.tuple(fc.constantFrom(0xc0, 0xc1, 0xc2, 0xc6, 0xf0, 0xe0, 0x85), fc.uint8Array({ maxLength: 6 })), { maxLength: 5 });
    fc.assert(
      fc.property(fc.constantFrom(0xe0, 0xd0, 0x80, 0x70), params, fc.integer({ min: -2, max: 2 }), (code, ps, liSkew) => {
        const body = [code, 0, 1, 0, 2, 0, ...ps.flatMap(([c, v]) => [c, v.length, ...v])];
        const bytes = Uint8Array.from([Math.max(0, Math.min(254, body.length + liSkew)), ...body]);
        try {
          decodeCotp(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
