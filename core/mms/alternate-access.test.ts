import { describe, expect, it } from 'vitest';
import { BerReader, BerWriter } from '../asn1';
import { RelayGateError, concatBytes, fromHex, toHex } from '../shared';
import {
  MAX_ACCESS_STEPS,
  alternateAccessSize,
  decodeAlternateAccess,
  formatAlternateAccess,
  selectType,
  writeAlternateAccess,
  type AccessStep,
} from './alternate-access';
import { caught } from './fixtures';
import { decodeMmsPdu, encodeMmsPdu, type MmsPdu } from './pdu';
import { readRequestSize } from './services/read-size';
import { summarizeMmsPdu } from './summary';
import type { MmsTypeSpec } from './type-spec';
import type { VariableName } from './variable-access';

const index = (i: number): AccessStep => ({ kind: 'index', index: i });
const comp = (name: string): AccessStep => ({ kind: 'component', name });

function encode(steps: readonly AccessStep[]): Uint8Array {
  const w = new BerWriter();
  writeAlternateAccess(w, steps);
  return w.finish();
}

function decode(bytes: Uint8Array): AccessStep[] {
  const reader = new BerReader(bytes);
  const steps = decodeAlternateAccess(reader, reader.next());
  reader.end('alternateAccess');
  return steps;
}

/** [7-2 text, `alternateAccess [5]` as a variable list carries it, the path]. */
const table: [string, string, AccessStep[]][] = [
  ['(7)', 'a5 03  82 01 07   # selectAccess index [2] 7', [index(7)]],
  ['.cVal', 'a5 06  81 04 63 56 61 6c   # selectAccess component [1] "cVal"', [comp('cVal')]],
  [
    '(9).cVal',
    `a5 0d
       a0 0b                    # selectAlternateAccess [0]
         81 01 09               #   accessSelection index [1] 9
         30 06                  #   alternateAccess: SEQUENCE OF
           81 04 63 56 61 6c    #     selectAccess component [1] "cVal"`,
    [index(9), comp('cVal')],
  ],
  [
    '(10).cVal.mag',
    `a5 16
       a0 14 81 01 0a           # selectAlternateAccess { index 10,
         30 0f a0 0d            #   { selectAlternateAccess {
           80 04 63 56 61 6c    #       component [0] "cVal",
           30 05 81 03 6d 61 67 #       { selectAccess component [1] "mag" } } } }`,
    [index(10), comp('cVal'), comp('mag')],
  ],
  [
    '(11).cVal.mag.f',
    `a5 1d a0 1b 81 01 0b       # index 11, then
       30 16 a0 14 80 04 63 56 61 6c   # component "cVal", then
         30 0c a0 0a 80 03 6d 61 67    # component "mag", then
           30 03 81 01 66              # last: selectAccess component "f"`,
    [index(11), comp('cVal'), comp('mag'), comp('f')],
  ],
  [
    '(2..4)',
    'a5 08  a3 06 80 01 02 81 01 03   # selectAccess indexRange [3] {low 2, count 3}',
    [{ kind: 'range', low: 2, count: 3 }],
  ],
  ['(*)', 'a5 02  84 00   # selectAccess allElements [4] NULL', [{ kind: 'all' }]],
  [
    '(0..1).x',
    'a5 0f  a0 0d  a2 06 80 01 00 81 01 02  30 03 81 01 78   # indexRange [2] {0, 2} then component "x"',
    [{ kind: 'range', low: 0, count: 2 }, comp('x')],
  ],
  [
    '(*).x',
    'a5 09  a0 07  83 00  30 03 81 01 78   # allElements [3] then component "x"',
    [{ kind: 'all' }, comp('x')],
  ],
];

describe('AlternateAccess codec', () => {
  it.each(table)('%s parses, encodes and round-trips', (text, hex, steps) => {
    const bytes = fromHex(hex);
    expect(decode(bytes)).toEqual(steps);
    expect(toHex(encode(steps), ' ')).toBe(toHex(bytes, ' '));
    expect(alternateAccessSize(steps)).toBe(bytes.length);
    expect(formatAlternateAccess(steps)).toBe(text);
  });

  it('writes nothing for an empty path', () => {
    expect(encode([])).toEqual(new Uint8Array(0));
    expect(alternateAccessSize([])).toBe(0);
  });

  it.each(table)('%s: every truncation is a typed error', (_text, hex) => {
    const bytes = fromHex(hex);
    for (let n = 0; n < bytes.length; n++) {
      // Shorten the contents and the outer length together, so the damage is inside the path.
      const cut = Uint8Array.of(0xa5, n - 2 < 0 ? 0 : n - 2, ...bytes.subarray(2, n));
      expect(
        caught(() => decode(cut)),
        `${n} octets`,
      ).toBeInstanceOf(RelayGateError);
    }
  });

  it.each<[string, string, string]>([
    ['two selections at a level', 'a5 06 82 01 07 82 01 08', 'more than one selection'],
    ['a named selection', 'a5 09 a5 07 80 01 61 82 02 00 07', 'named'],
    ['an unknown selectAccess tag', 'a5 03 85 01 07', 'AlternateAccessSelection'],
    ['an unknown accessSelection tag', 'a5 0a a0 08 84 01 07 30 03 82 01 01', 'accessSelection'],
    ['a negative index', 'a5 03 82 01 ff', 'negative'],
    ['selectAlternateAccess without the rest', 'a5 05 a0 03 81 01 07', 'alternateAccess'],
    ['an empty AlternateAccess', 'a5 00', 'AlternateAccessSelection'],
  ])('refuses %s', (_what, hex, message) => {
    const err = caught(() => decode(fromHex(hex)));
    expect(err).toBeInstanceOf(RelayGateError);
    expect((err as Error).message).toContain(message);
  });

  it(`refuses a path deeper than ${MAX_ACCESS_STEPS} steps, and a 10,000-deep bomb, with too-deep`, () => {
    const deep = Array.from({ length: MAX_ACCESS_STEPS + 1 }, (_, i) => comp(`c${i}`));
    expect(() => encode(deep)).toThrow(/at most/);
    // Build it by hand: MAX+1 nested selectAlternateAccess levels.
    let inner = fromHex('81 01 78');
    for (let i = 0; i < MAX_ACCESS_STEPS; i++)
      inner = tlv(0xa0, concatBytes([fromHex('80 01 78'), tlv(0x30, inner)]));
    expect(caught(() => decode(tlv(0xa5, inner)))).toMatchObject({ layer: 'asn1', code: 'too-deep' });
    let bomb = fromHex('81 01 78');
    for (let i = 0; i < 10_000; i++) bomb = tlv(0xa0, concatBytes([fromHex('80 01 78'), tlv(0x30, bomb)]));
    expect(caught(() => decode(tlv(0xa5, bomb)))).toMatchObject({ layer: 'asn1', code: 'too-deep' });
  });
});

function tlv(tag: number, contents: Uint8Array): Uint8Array {
  const n = contents.length;
  const len =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concatBytes([Uint8Array.of(tag, ...len), contents]);
}

/**
 * libiec61850's complex_array example answering GetNamedVariableListAttributes for
 * testComplexArray/MHAI1$TestMHAI (captured in the interop sweep; the MMS PDU only, after the ISO
 * session and presentation headers). Five members of one array, HA.phsAHar[MX], each narrowed by
 * alternate access.
 */
const ITEM = '1a 13 4d 48 41 49 31 24 4d 58 24 48 41 24 70 68 73 41 48 61 72'; // "MHAI1$MX$HA$phsAHar"
const DOMAIN = '1a 10 74 65 73 74 43 6f 6d 70 6c 65 78 41 72 72 61 79'; // "testComplexArray"
const GNVLA_MHAI = `
  a1 82 01 3f                  # confirmed-ResponsePDU
    02 01 01                   #   invokeID 1
    ac 82 01 38                #   getNamedVariableListAttributes [12]
      80 01 00                 #     mmsDeletable FALSE
      a1 82 01 31              #     listOfVariable [1]
        30 30 a0 29 a1 27 ${DOMAIN} ${ITEM}   # member: name [0] domain-specific [1]
          a5 03 82 01 07                      #   (7)
        30 30 a0 29 a1 27 ${DOMAIN} ${ITEM}
          a5 03 82 01 08                      #   (8)
        30 3a a0 29 a1 27 ${DOMAIN} ${ITEM}
          a5 0d a0 0b 81 01 09 30 06 81 04 63 56 61 6c                     # (9).cVal
        30 43 a0 29 a1 27 ${DOMAIN} ${ITEM}
          a5 16 a0 14 81 01 0a 30 0f a0 0d 80 04 63 56 61 6c 30 05 81 03 6d 61 67   # (10).cVal.mag
        30 4a a0 29 a1 27 ${DOMAIN} ${ITEM}
          a5 1d a0 1b 81 01 0b 30 16 a0 14 80 04 63 56 61 6c 30 0c a0 0a 80 03 6d 61 67
                30 03 81 01 66                                             # (11).cVal.mag.f
`;

const member = (...alternateAccess: AccessStep[]): VariableName => ({
  scope: 'domain',
  domain: 'testComplexArray',
  item: 'MHAI1$MX$HA$phsAHar',
  alternateAccess,
});

describe('alternate access in PDUs', () => {
  it('decodes the data set members of libiec61850 complex_array with their index and components', () => {
    const bytes = fromHex(GNVLA_MHAI);
    const pdu = decodeMmsPdu(bytes);
    expect(pdu).toEqual({
      kind: 'confirmed-response',
      invokeId: 1,
      response: {
        service: 'getNamedVariableListAttributes',
        mmsDeletable: false,
        variables: [
          member(index(7)),
          member(index(8)),
          member(index(9), comp('cVal')),
          member(index(10), comp('cVal'), comp('mag')),
          member(index(11), comp('cVal'), comp('mag'), comp('f')),
        ],
      },
    });
    expect(toHex(encodeMmsPdu(pdu), ' ')).toBe(toHex(bytes, ' '));
  });

  it('encodes a Read of an array element with alternate access, and summarizes it', () => {
    const pdu: MmsPdu = {
      kind: 'confirmed-request',
      invokeId: 5,
      request: { service: 'read', access: { kind: 'list', variables: [member(index(9), comp('cVal'))] } },
    };
    const bytes = fromHex(`
      a0 45 02 01 05             # confirmed-RequestPDU, invokeID 5
        a4 40 a1 3e a0 3c        #   read [4] { variableAccessSpecification [1] { listOfVariable [0]
          30 3a a0 29 a1 27 ${DOMAIN} ${ITEM}   # name
            a5 0d a0 0b 81 01 09 30 06 81 04 63 56 61 6c   # alternateAccess (9).cVal`);
    expect(toHex(encodeMmsPdu(pdu), ' ')).toBe(toHex(bytes, ' '));
    expect(decodeMmsPdu(bytes)).toEqual(pdu);
    expect(summarizeMmsPdu(pdu)).toBe(
      'confirmed-request #5 read 1 variable (testComplexArray/MHAI1$MX$HA$phsAHar(9).cVal)',
    );
    expect(readRequestSize([member(index(9), comp('cVal'))], { invokeId: 5 })).toBe(bytes.length);
  });

  it('keeps a variable without alternate access free of the key', () => {
    const name: VariableName = { scope: 'domain', domain: 'LD', item: 'LLN0$ST$Mod' };
    const pdu: MmsPdu = {
      kind: 'confirmed-request',
      invokeId: 1,
      request: { service: 'read', access: { kind: 'list', variables: [name] } },
    };
    expect(decodeMmsPdu(encodeMmsPdu(pdu))).toEqual(pdu);
    const decoded = decodeMmsPdu(encodeMmsPdu(pdu));
    if (decoded.kind !== 'confirmed-request' || decoded.request.service !== 'read') throw new Error('read');
    if (decoded.request.access.kind !== 'list') throw new Error('list');
    expect('alternateAccess' in (decoded.request.access.variables[0] ?? {})).toBe(false);
  });

  it('answers every truncation and a bad alternate access in the GNVLA response with a typed error', () => {
    const bytes = fromHex(GNVLA_MHAI);
    for (let n = 0; n < bytes.length; n++) {
      expect(
        caught(() => decodeMmsPdu(bytes.subarray(0, n))),
        `${n} octets`,
      ).toBeInstanceOf(RelayGateError);
    }
    // The first member's index [2] turned into an unknown selectAccess tag [6].
    const bad = bytes.slice();
    const at = toHex(bad).indexOf('a50382');
    bad[at / 2 + 2] = 0x86;
    expect(caught(() => decodeMmsPdu(bad))).toMatchObject({ code: 'bad-pdu', invokeId: 1 });
  });
});

describe('selectType', () => {
  const f: MmsTypeSpec = { type: 'float', formatWidth: 32, exponentWidth: 8 };
  const cVal: MmsTypeSpec = { type: 'structure', packed: false, components: [{ name: 'mag', spec: f }] };
  const array: MmsTypeSpec = { type: 'array', packed: false, elementCount: 16, element: cVal };

  it.each<[string, AccessStep[], MmsTypeSpec | undefined]>([
    ['nothing', [], array],
    ['an element', [index(15)], cVal],
    ['a component inside an element', [index(0), comp('mag')], f],
    ['a range', [{ kind: 'range', low: 2, count: 3 }], { ...array, elementCount: 3 }],
    ['all elements', [{ kind: 'all' }], array],
    ['an index past the end', [index(16)], undefined],
    ['a range past the end', [{ kind: 'range', low: 15, count: 2 }], undefined],
    ['a component of an array', [comp('mag')], undefined],
    ['an index into a structure', [index(0), index(0)], undefined],
    ['an unknown component', [index(0), comp('ang')], undefined],
  ])('selects %s', (_what, steps, expected) => {
    expect(selectType(array, steps)).toEqual(expected);
  });
});
