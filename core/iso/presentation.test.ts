import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex } from '../shared';
import { IsoError } from './errors';
import { AARE_ACCEPTED, AARE_AUTH_FAILURE, AARQ, ARU_ABRT, CP, CPA, CPR_USER } from './fixtures';
import {
  BER_TRANSFER_SYNTAX,
  decodeCp,
  decodeCpa,
  decodeCpr,
  defaultPresentationContexts,
  encodeCp,
  encodeCpa,
  encodeCpr,
  type CpPpdu,
  type CpaPpdu,
  type CprPpdu,
} from './presentation';
import { decodeAbortPpdu, encodeAbortPpdu, type AbortPpdu } from './presentation-abort';
import { decodeUserData, encodeUserData, userDataHeader, type Pdv } from './presentation-user-data';
import { checkAlterations, checkTruncations } from './codec-checks';
import { catchIso } from './testing';

const u = (hex: string) => fromHex(hex);
const PSEL = u('00000001');
const ACCEPT_BER = { result: 'acceptance', transferSyntax: BER_TRANSFER_SYNTAX } as const;
const acse = (hex: string): Pdv[] => [{ contextId: 1, encoding: 'single-asn1-type', data: u(hex) }];

interface Case<T> {
  name: string;
  hex: string;
  value: T;
}

const CP_CASES: Case<CpPpdu>[] = [
  {
    name: 'CP with selectors, the two IEC 61850 contexts and an AARQ',
    hex: CP,
    value: {
      callingSelector: PSEL,
      calledSelector: PSEL,
      contexts: defaultPresentationContexts(),
      userData: acse(AARQ),
    },
  },
  {
    name: 'CP with requirements, one context and no user data',
    hex: `
      31 23                # CP-type SET
        a0 03 80 01 01     #   mode-selector: normal-mode
        a2 1c              #   normal-mode-parameters
          a4 12            #     presentation-context-definition-list
            30 10 02 01 03 06 05 28 ca 22 02 01 30 04 06 02 51 01 # context 3: MMS, BER
          88 02 07 80      #     presentation-requirements [8]: context-management (bit 0)
          89 02 06 40      #     user-session-requirements [9]: duplex (bit 1)`,
    value: {
      contexts: [defaultPresentationContexts()[1]!],
      presentationRequirements: { bitLength: 1, bytes: u('80') },
      userSessionRequirements: { bitLength: 2, bytes: u('40') },
    },
  },
];

const CPA_CASES: Case<CpaPpdu>[] = [
  {
    name: 'CPA accepting both contexts, with an AARE',
    hex: CPA,
    value: { respondingSelector: PSEL, results: [ACCEPT_BER, ACCEPT_BER], userData: acse(AARE_ACCEPTED) },
  },
  {
    name: 'CPA rejecting a context by the provider',
    hex: `
      31 16                # CPA-PPDU SET
        a0 03 80 01 01     #   mode-selector: normal-mode
        a2 0f              #   normal-mode-parameters
          a5 0d            #     presentation-context-definition-result-list
            30 03 80 01 00 #       acceptance (no transfer syntax named)
            30 06          #       entry
              80 01 02     #         result: provider-rejection
              82 01 01     #         provider-reason [2]: abstract-syntax-not-supported`,
    value: {
      results: [
        { result: 'acceptance' },
        { result: 'provider-rejection', providerReason: 'abstract-syntax-not-supported' },
      ],
    },
  },
];

const CPR_CASES: Case<CprPpdu>[] = [
  {
    name: 'CPR of a user rejection carrying an AARE',
    hex: CPR_USER,
    value: { respondingSelector: PSEL, results: [ACCEPT_BER, ACCEPT_BER], userData: acse(AARE_AUTH_FAILURE) },
  },
  {
    name: 'CPR of a provider rejection',
    hex: `
      30 06                # CPR-PPDU normal-mode-parameters
        87 01 02           #   default-context-result [7]: provider-rejection
        8a 01 03           #   provider-reason [10]: called-presentation-address-unknown`,
    value: {
      defaultContextResult: 'provider-rejection',
      providerReason: 'called-presentation-address-unknown',
    },
  },
];

const ABORT_CASES: Case<AbortPpdu>[] = [
  { name: 'ARU carrying an ABRT', hex: ARU_ABRT, value: { type: 'ARU', userData: acse('64 03 80 01 00') } },
  {
    name: 'ARU naming a context and without user data',
    hex: `
      a0 0b                # ARU-PPDU normal-mode-parameters [0]
        a0 09              #   presentation-context-identifier-list [0]
          30 07            #     entry
            02 01 03       #       presentation-context-identifier 3
            06 02 51 01    #       transfer-syntax-name 2.1.1`,
    value: { type: 'ARU', contexts: [{ contextId: 3, transferSyntax: BER_TRANSFER_SYNTAX }] },
  },
  {
    name: 'ARP with a reason and an event',
    hex: `
      30 06                # ARP-PPDU SEQUENCE
        80 01 02           #   provider-reason [0]: unexpected-ppdu
        81 01 07           #   event-identifier [1]: td-PPDU (7)`,
    value: { type: 'ARP', providerReason: 'unexpected-ppdu', eventIdentifier: 7 },
  },
  { name: 'ARP without fields', hex: '30 00  # ARP-PPDU, empty', value: { type: 'ARP' } },
];

const USER_DATA_CASES: Case<Pdv[]>[] = [
  {
    name: 'data phase: an MMS PDU in context 3',
    hex: `
      61 09                # fully-encoded-data [APPLICATION 1]
        30 07              #   PDV-list
          02 01 03         #     presentation-context-identifier 3 (MMS)
          a0 02            #     single-ASN1-type [0]
            8b 00          #       MMS conclude-RequestPDU`,
    value: [{ contextId: 3, encoding: 'single-asn1-type', data: u('8b00') }],
  },
  {
    name: 'two PDV-lists, a transfer syntax, octet-aligned and arbitrary values',
    hex: `
      61 16                # fully-encoded-data
        30 0b              #   PDV-list
          06 02 51 01      #     transfer-syntax-name 2.1.1
          02 01 05         #     presentation-context-identifier 5
          81 02 ca fe      #     octet-aligned [1]
        30 07              #   PDV-list
          02 01 07         #     presentation-context-identifier 7
          82 02 04 f0      #     arbitrary [2]: 4 bits 1111`,
    value: [
      { transferSyntax: BER_TRANSFER_SYNTAX, contextId: 5, encoding: 'octet-aligned', data: u('cafe') },
      { contextId: 7, encoding: 'arbitrary', data: u('04f0') },
    ],
  },
];

function codecTable<T>(
  name: string,
  cases: Case<T>[],
  encode: (v: T) => Uint8Array,
  decode: (b: Uint8Array) => T,
): void {
  describe(name, () => {
    it.each(cases)('parses $name', ({ hex, value }) => expect(decode(fromHex(hex))).toEqual(value));
    it.each(cases)('generates $name', ({ hex, value }) =>
      expect(toHex(encode(value))).toBe(toHex(fromHex(hex))),
    );
    it.each(cases)('round-trips $name', ({ value }) => expect(decode(encode(value))).toEqual(value));
    it.each(cases)('gives a typed error for every truncation of $name', ({ hex }) =>
      checkTruncations(decode, fromHex(hex)),
    );
    it.each(cases)('gives a value or an IsoError for every one-byte alteration of $name', ({ hex }) =>
      checkAlterations(decode, fromHex(hex)),
    );
  });
}

codecTable('CP-type', CP_CASES, encodeCp, decodeCp);
codecTable('CPA-PPDU', CPA_CASES, encodeCpa, decodeCpa);
codecTable('CPR-PPDU', CPR_CASES, encodeCpr, decodeCpr);
codecTable('ARU/ARP-PPDU', ABORT_CASES, encodeAbortPpdu, decodeAbortPpdu);
codecTable('User-data', USER_DATA_CASES, encodeUserData, decodeUserData);

describe('presentation refusals', () => {
  const NEGATIVE: {
    name: string;
    decode: (b: Uint8Array) => unknown;
    hex: string;
    code: string;
    offset: number;
  }[] = [
    {
      name: 'X.410-1984 mode',
      decode: decodeCp,
      hex: '31 07 a0 03 80 01 00 a2 00',
      code: 'presentation-value',
      offset: 6,
    },
    {
      name: 'CP without mode-selector',
      decode: decodeCp,
      hex: '31 02 a2 00',
      code: 'presentation-missing-field',
      offset: 0,
    },
    {
      name: 'CP without normal-mode-parameters',
      decode: decodeCp,
      hex: '31 05 a0 03 80 01 01',
      code: 'presentation-missing-field',
      offset: 0,
    },
    {
      name: 'CP as a SEQUENCE',
      decode: decodeCp,
      hex: '30 05 a0 03 80 01 01',
      code: 'presentation-structure',
      offset: 0,
    },
    {
      name: 'CP with two called selectors',
      decode: decodeCp,
      hex: '31 0d a0 03 80 01 01 a2 06 82 01 01 82 01 02',
      code: 'presentation-structure',
      offset: 12,
    },
    {
      name: 'mode-value 2',
      decode: decodeCpa,
      hex: '31 07 a0 03 80 01 02 a2 00',
      code: 'presentation-value',
      offset: 6,
    },
    {
      name: 'CPR in X.410 mode (a SET)',
      decode: decodeCpr,
      hex: '31 00',
      code: 'presentation-structure',
      offset: 0,
    },
    {
      name: 'context identifier 0',
      decode: decodeUserData,
      hex: '61 07 30 05 02 01 00 a0 00',
      code: 'presentation-value',
      offset: 6,
    },
    {
      name: 'simply-encoded-data',
      decode: decodeCpr,
      hex: '30 04 60 02 8b 00',
      code: 'presentation-value',
      offset: 2,
    },
    {
      name: 'User-data that is simply-encoded',
      decode: decodeUserData,
      hex: '60 02 8b 00',
      code: 'presentation-value',
      offset: 0,
    },
    {
      name: 'empty fully-encoded-data',
      decode: decodeUserData,
      hex: '61 00',
      code: 'presentation-missing-field',
      offset: 0,
    },
    {
      name: 'PDV value tagged [3]',
      decode: decodeUserData,
      hex: '61 07 30 05 02 01 03 83 00',
      code: 'presentation-structure',
      offset: 7,
    },
    {
      name: 'two values in single-ASN1-type',
      decode: decodeUserData,
      hex: '61 0b 30 09 02 01 03 a0 04 8b 00 8b 00',
      code: 'presentation-ber',
      offset: 11,
    },
    {
      name: 'PDV-list with trailing element',
      decode: decodeUserData,
      hex: '61 0b 30 09 02 01 03 a0 02 8b 00 05 00',
      code: 'presentation-ber',
      offset: 11,
    },
    {
      name: 'constructed octet-aligned',
      decode: decodeUserData,
      hex: '61 07 30 05 02 01 03 a1 00',
      code: 'presentation-structure',
      offset: 7,
    },
    {
      name: 'trailing bytes after User-data',
      decode: decodeUserData,
      hex: '61 09 30 07 02 01 03 a0 02 8b 00 00',
      code: 'presentation-ber',
      offset: 11,
    },
    {
      name: 'abort PPDU in X.410 mode',
      decode: decodeAbortPpdu,
      hex: '31 00',
      code: 'presentation-structure',
      offset: 0,
    },
    { name: 'indefinite length', decode: decodeCp, hex: '31 80 00 00', code: 'presentation-ber', offset: 1 },
  ];
  it.each(NEGATIVE)('refuses $name', ({ decode, hex, code, offset }) => {
    const err = catchIso(() => decode(fromHex(hex)));
    expect([err.code, err.offset]).toEqual([code, offset]);
  });

  it('refuses nesting 10,000 deep and a length of 2^31 with typed errors', () => {
    // 10,000 constructed elements, each holding the next, with definite lengths computed inside out.
    const headers: number[][] = [];
    let length = 0;
    for (let i = 0; i < 10_000; i++) {
      const lengthOctets =
        length < 0x80 ? [length] : length < 0x100 ? [0x81, length] : [0x82, length >> 8, length & 0xff];
      headers.push([i === 9_999 ? 0x61 : 0x30, ...lengthOctets]);
      length += 1 + lengthOctets.length;
    }
    const deep = Uint8Array.from(headers.reverse().flat());
    // The PPDU structure is fixed, so decoding stops at the first element out of place, not deeper.
    expect([catchIso(() => decodeUserData(deep)).code, catchIso(() => decodeCp(deep)).code]).toEqual([
      'presentation-ber',
      'presentation-structure',
    ]);
    const huge = catchIso(() => decodeUserData(Uint8Array.from([0x61, 0x84, 0x80, 0x00, 0x00, 0x00])));
    expect([huge.code, huge.offset]).toEqual(['presentation-ber', 1]);
  });

  it('keeps unknown CPR provider reasons as unknown(n)', () => {
    expect(decodeCpr(u('30 03 8a 01 63'))).toEqual({ providerReason: 'unknown(99)' });
    expect(toHex(encodeCpr({ providerReason: 'unknown(99)' }))).toBe('30038a0163');
  });

  it('skips components it does not model (protocol-version, default context, extensions)', () => {
    const cp = decodeCp(u('31 12 a0 03 80 01 01 a2 0b 80 02 07 80 86 02 51 01 9f 2a 00'));
    expect(cp).toEqual({ contexts: [] });
  });

  it('returns a PPDU or an IsoError for random bytes (property)', () => {
    const decoders = [decodeCp, decodeCpa, decodeCpr, decodeAbortPpdu, decodeUserData];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 0, max: 4 }), (bytes, i) => {
        try {
          decoders[i]!(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('data phase fast path', () => {
  it.each([0, 1, 2, 100, 127, 128, 200, 255, 256, 1000, 65535, 70000])(
    'userDataHeader + an MMS PDU of %i octets equals encodeUserData',
    (n) => {
      const pdu = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);
      for (const contextId of [3, 127, 128, 300]) {
        const full = encodeUserData([{ contextId, encoding: 'single-asn1-type', data: pdu }]);
        const header = userDataHeader(contextId, n);
        expect(toHex(concatBytes([header, pdu]))).toBe(toHex(full));
      }
    },
  );

  it('returns the MMS PDU as a view into the input, no copy', () => {
    const bytes = fromHex(USER_DATA_CASES[0]!.hex);
    const [pdv] = decodeUserData(bytes);
    expect(pdv!.data.buffer).toBe(bytes.buffer);
    expect(pdv!.data.byteOffset).toBe(9);
  });
});
