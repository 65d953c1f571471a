import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared';
import {
  ACSE_PROVIDER_DIAGNOSTICS,
  ACSE_USER_DIAGNOSTICS,
  decodeAcse,
  describeAare,
  encodeAcse,
  type AcseApdu,
  type Aare,
  type AssociateDiagnostic,
} from './acse';
import {
  MMS_APPLICATION_CONTEXT,
  PASSWORD_MECHANISM,
  userInformationFor,
  type External,
} from './acse-common';
import { ABORT_DIAGNOSTICS } from './acse-release';
import { IsoError } from './errors';
import {
  AARE_ACCEPTED,
  AARE_AUTH_FAILURE,
  AARQ,
  AARQ_PASSWORD,
  MMS_INITIATE_REQUEST,
  MMS_INITIATE_RESPONSE,
} from './fixtures';
import { checkAlterations, checkTruncations } from './codec-checks';
import { catchIso } from './testing';

const u = (hex: string) => fromHex(hex);
const mms = (hex: string): External[] => [
  { indirectReference: 3, encoding: 'single-asn1-type', data: u(hex) },
];
const CALLED = { apTitle: [1, 1, 1, 999, 1], aeQualifier: 12 };
const CALLING = { apTitle: [1, 1, 1, 999], aeQualifier: 12 };

const CASES: { name: string; hex: string; apdu: AcseApdu }[] = [
  {
    name: 'AARQ without authentication',
    hex: AARQ,
    apdu: {
      type: 'AARQ',
      applicationContext: MMS_APPLICATION_CONTEXT,
      called: CALLED,
      calling: CALLING,
      userInformation: mms(MMS_INITIATE_REQUEST),
    },
  },
  {
    name: 'AARQ with a password',
    hex: AARQ_PASSWORD,
    apdu: {
      type: 'AARQ',
      applicationContext: MMS_APPLICATION_CONTEXT,
      called: CALLED,
      calling: CALLING,
      senderRequirements: { authentication: true, contextNegotiation: false },
      mechanism: PASSWORD_MECHANISM,
      authenticationValue: { kind: 'charstring', value: 'secret' },
      userInformation: mms(MMS_INITIATE_REQUEST),
    },
  },
  {
    name: 'AARQ with invocation identifiers, a bit string authentication value and a direct reference',
    hex: `
      60 30                # AARQ-apdu, 48 octets
        a1 07 06 05 28 ca 22 02 03 # application-context-name 1.0.9506.2.3
        a4 03 02 01 05     #   called-AP-invocation-identifier [4]: 5
        a5 03 02 01 06     #   called-AE-invocation-identifier [5]: 6
        a8 03 02 01 07     #   calling-AP-invocation-identifier [8]: 7
        a9 03 02 01 08     #   calling-AE-invocation-identifier [9]: 8
        8a 02 06 c0        #   sender-acse-requirements: authentication, application-context-negotiation
        ac 04 81 02 04 a0  #   calling-authentication-value: bitstring [1], 4 bits 1010
        be 07 28 05        #   user-information: EXTERNAL
          06 01 01         #     direct-reference 0.1
          81 00            #     octet-aligned [1], empty`,
    apdu: {
      type: 'AARQ',
      applicationContext: MMS_APPLICATION_CONTEXT,
      called: { apInvocationId: 5, aeInvocationId: 6 },
      calling: { apInvocationId: 7, aeInvocationId: 8 },
      senderRequirements: { authentication: true, contextNegotiation: true },
      authenticationValue: { kind: 'bitstring', value: { bitLength: 4, bytes: u('a0') } },
      userInformation: [{ directReference: [0, 1], encoding: 'octet-aligned', data: new Uint8Array(0) }],
    },
  },
  {
    name: 'AARE accepted',
    hex: AARE_ACCEPTED,
    apdu: {
      type: 'AARE',
      applicationContext: MMS_APPLICATION_CONTEXT,
      result: 'accepted',
      diagnostic: { source: 'acse-service-user', reason: 'null' },
      responding: CALLED,
      userInformation: mms(MMS_INITIATE_RESPONSE),
    },
  },
  {
    name: 'AARE rejected: authentication-failure',
    hex: AARE_AUTH_FAILURE,
    apdu: {
      type: 'AARE',
      applicationContext: MMS_APPLICATION_CONTEXT,
      result: 'rejected-permanent',
      diagnostic: { source: 'acse-service-user', reason: 'authentication-failure' },
    },
  },
  {
    name: 'AARE with responder authentication',
    hex: `
      61 26                # AARE-apdu
        a1 07 06 05 28 ca 22 02 03 # application-context-name
        a2 03 02 01 00     #   result: accepted
        a3 05 a2 03 02 01 00 # result-source-diagnostic: acse-service-provider, null
        88 02 07 80        #   responder-acse-requirements [8]: authentication
        89 03 52 03 01     #   mechanism-name [9]: 2.2.3.1
        aa 06 80 04 6f 6b 21 21 # responding-authentication-value [10]: charstring "ok!!"`,
    apdu: {
      type: 'AARE',
      applicationContext: MMS_APPLICATION_CONTEXT,
      result: 'accepted',
      diagnostic: { source: 'acse-service-provider', reason: 'null' },
      responderRequirements: { authentication: true, contextNegotiation: false },
      mechanism: PASSWORD_MECHANISM,
      authenticationValue: { kind: 'charstring', value: 'ok!!' },
    },
  },
  {
    name: 'RLRQ normal',
    hex: '62 03 80 01 00  # RLRQ-apdu, reason [0]: normal',
    apdu: { type: 'RLRQ', reason: 'normal' },
  },
  { name: 'RLRQ without reason', hex: '62 00  # RLRQ-apdu', apdu: { type: 'RLRQ' } },
  {
    name: 'RLRQ user-defined',
    hex: '62 03 80 01 1e  # RLRQ-apdu, reason: user-defined (30)',
    apdu: { type: 'RLRQ', reason: 'user-defined' },
  },
  {
    name: 'RLRE normal',
    hex: '63 03 80 01 00  # RLRE-apdu, reason [0]: normal',
    apdu: { type: 'RLRE', reason: 'normal' },
  },
  { name: 'RLRE without reason', hex: '63 00  # RLRE-apdu', apdu: { type: 'RLRE' } },
  {
    name: 'RLRE not-finished with user information',
    hex: `
      63 0c                # RLRE-apdu
        80 01 01           #   reason: not-finished
        be 07 28 05        #   user-information: EXTERNAL
          02 01 03         #     indirect-reference 3
          81 00            #     octet-aligned [1], empty`,
    apdu: {
      type: 'RLRE',
      reason: 'not-finished',
      userInformation: [{ indirectReference: 3, encoding: 'octet-aligned', data: new Uint8Array(0) }],
    },
  },
  {
    name: 'ABRT from the user',
    hex: '64 03 80 01 00  # ABRT-apdu, abort-source [0]: acse-service-user',
    apdu: { type: 'ABRT', source: 'acse-service-user' },
  },
  {
    name: 'ABRT from the provider with a diagnostic',
    hex: `
      64 06                # ABRT-apdu
        80 01 01           #   abort-source: acse-service-provider
        81 01 02           #   abort-diagnostic [1]: protocol-error`,
    apdu: { type: 'ABRT', source: 'acse-service-provider', diagnostic: 'protocol-error' },
  },
];

describe('ACSE APDU codec', () => {
  it.each(CASES)('parses $name', ({ hex, apdu }) => expect(decodeAcse(fromHex(hex))).toEqual(apdu));
  it.each(CASES)('generates $name', ({ hex, apdu }) =>
    expect(toHex(encodeAcse(apdu))).toBe(toHex(fromHex(hex))),
  );
  it.each(CASES)('round-trips $name', ({ apdu }) => expect(decodeAcse(encodeAcse(apdu))).toEqual(apdu));

  it.each(CASES)('gives a typed error for every truncation of $name', ({ hex }) =>
    checkTruncations(decodeAcse, fromHex(hex)),
  );
  it.each(CASES)('gives an APDU or an IsoError for every one-byte alteration of $name', ({ hex }) =>
    checkAlterations(decodeAcse, fromHex(hex)),
  );

  it('finds the MMS PDU of presentation context 3 in the user information', () => {
    const aarq = decodeAcse(fromHex(AARQ));
    expect(aarq.type === 'AARQ' && toHex(userInformationFor(aarq.userInformation, 3)!)).toBe(
      toHex(fromHex(MMS_INITIATE_REQUEST)),
    );
    expect(aarq.type === 'AARQ' && userInformationFor(aarq.userInformation, 1)).toBeUndefined();
  });
});

describe('AARE diagnostics', () => {
  const rejected = (
    diagnostic: AssociateDiagnostic,
    result: Aare['result'] = 'rejected-permanent',
  ): Aare => ({
    type: 'AARE',
    applicationContext: MMS_APPLICATION_CONTEXT,
    result,
    diagnostic,
  });
  const TEMPLATE = (result: number, choice: number, value: number) => `
    61 15                  # AARE-apdu
      a1 07 06 05 28 ca 22 02 03 # application-context-name
      a2 03 02 01 ${hex2(result)} # result
      a3 05 ${hex2(0xa0 + choice)} 03 02 01 ${hex2(value)} # result-source-diagnostic`;
  const hex2 = (n: number) => n.toString(16).padStart(2, '0');

  const USER = Object.entries(ACSE_USER_DIAGNOSTICS).map(([n, reason]) => ({ n: Number(n), reason }));
  it.each(USER)('acse-service-user $n = $reason', ({ n, reason }) => {
    const aare = rejected({ source: 'acse-service-user', reason });
    expect(toHex(encodeAcse(aare))).toBe(toHex(fromHex(TEMPLATE(1, 1, n))));
    expect(decodeAcse(fromHex(TEMPLATE(1, 1, n)))).toEqual(aare);
  });

  const PROVIDER = Object.entries(ACSE_PROVIDER_DIAGNOSTICS).map(([n, reason]) => ({ n: Number(n), reason }));
  it.each(PROVIDER)('acse-service-provider $n = $reason', ({ n, reason }) => {
    const aare = rejected({ source: 'acse-service-provider', reason }, 'rejected-transient');
    expect(toHex(encodeAcse(aare))).toBe(toHex(fromHex(TEMPLATE(2, 2, n))));
    expect(decodeAcse(fromHex(TEMPLATE(2, 2, n)))).toEqual(aare);
  });

  it('keeps a diagnostic the standard does not name as unknown(n)', () => {
    expect(decodeAcse(fromHex(TEMPLATE(1, 1, 99)))).toMatchObject({
      diagnostic: { source: 'acse-service-user', reason: 'unknown(99)' },
    });
  });

  it('describes rejections in one line', () => {
    expect(describeAare(rejected({ source: 'acse-service-user', reason: 'authentication-failure' }))).toBe(
      'association rejected: authentication-failure',
    );
    expect(
      describeAare(
        rejected({ source: 'acse-service-provider', reason: 'no-common-acse-version' }, 'rejected-transient'),
      ),
    ).toBe('association rejected: no-common-acse-version (rejected-transient, by the ACSE provider)');
    expect(describeAare(decodeAcse(fromHex(AARE_ACCEPTED)) as Aare)).toBe('association accepted');
  });

  const ABORTS = Object.entries(ABORT_DIAGNOSTICS).map(([n, diagnostic]) => ({ n: Number(n), diagnostic }));
  it.each(ABORTS)('ABRT diagnostic $n = $diagnostic', ({ n, diagnostic }) => {
    const hex = `64 06 80 01 00 81 01 ${hex2(n)}`;
    expect(decodeAcse(fromHex(hex))).toEqual({ type: 'ABRT', source: 'acse-service-user', diagnostic });
    expect(toHex(encodeAcse({ type: 'ABRT', source: 'acse-service-user', diagnostic }))).toBe(
      toHex(fromHex(hex)),
    );
  });
});

describe('ACSE refusals', () => {
  const NEGATIVE: { name: string; hex: string; code: string; offset: number }[] = [
    { name: 'an MMS PDU instead of an APDU', hex: 'a0 03 02 01 01', code: 'acse-structure', offset: 0 },
    { name: '[APPLICATION 5]', hex: '65 00', code: 'acse-structure', offset: 0 },
    { name: 'primitive [APPLICATION 0]', hex: '40 00', code: 'acse-structure', offset: 0 },
    { name: 'AARQ without application-context-name', hex: '60 00', code: 'acse-missing-field', offset: 0 },
    {
      name: 'AARE without result',
      hex: '61 09 a1 07 06 05 28 ca 22 02 03',
      code: 'acse-missing-field',
      offset: 0,
    },
    {
      name: 'AARE without diagnostic',
      hex: '61 0e a1 07 06 05 28 ca 22 02 03 a2 03 02 01 00',
      code: 'acse-missing-field',
      offset: 0,
    },
    {
      name: 'AARE diagnostic [3]',
      hex: '61 15 a1 07 06 05 28 ca 22 02 03 a2 03 02 01 00 a3 05 a3 03 02 01 00',
      code: 'acse-structure',
      offset: 18,
    },
    {
      name: 'AARE result 256',
      hex: '61 16 a1 07 06 05 28 ca 22 02 03 a2 04 02 02 01 00 a3 05 a1 03 02 01 00',
      code: 'acse-value',
      offset: 15,
    },
    {
      name: 'application-context-name as INTEGER',
      hex: '60 05 a1 03 02 01 01',
      code: 'acse-structure',
      offset: 4,
    },
    {
      name: 'two values in an EXPLICIT tag',
      hex: '60 0b a1 09 06 05 28 ca 22 02 03 05 00',
      code: 'acse-ber',
      offset: 11,
    },
    {
      name: 'duplicate called-AP-title',
      hex: '60 13 a1 07 06 05 28 ca 22 02 03 a2 03 06 01 01 a2 03 06 01 01',
      code: 'acse-structure',
      offset: 16,
    },
    {
      name: 'authentication-value tagged [4]',
      hex: '60 0d a1 07 06 05 28 ca 22 02 03 ac 02 84 00',
      code: 'acse-structure',
      offset: 13,
    },
    {
      name: 'user-information holding an INTEGER',
      hex: '60 0e a1 07 06 05 28 ca 22 02 03 be 03 02 01 03',
      code: 'acse-structure',
      offset: 13,
    },
    {
      name: 'EXTERNAL without encoding',
      hex: '60 10 a1 07 06 05 28 ca 22 02 03 be 05 28 03 02 01 03',
      code: 'acse-ber',
      offset: 18,
    },
    { name: 'ABRT without source', hex: '64 00', code: 'acse-missing-field', offset: 0 },
    { name: 'trailing bytes', hex: '62 00 00', code: 'acse-ber', offset: 2 },
    { name: 'length 2^31', hex: '62 84 80 00 00 00', code: 'acse-ber', offset: 1 },
  ];
  it.each(NEGATIVE)('refuses $name', ({ hex, code, offset }) => {
    const err = catchIso(() => decodeAcse(fromHex(hex)));
    expect([err.code, err.offset]).toEqual([code, offset]);
  });

  it('skips AP-title and AE-qualifier in directory-name form', () => {
    const apdu = decodeAcse(fromHex('60 11 a1 07 06 05 28 ca 22 02 03 a2 02 30 00 a3 02 31 00'));
    expect(apdu).toEqual({ type: 'AARQ', applicationContext: MMS_APPLICATION_CONTEXT });
  });

  it('returns an APDU or an IsoError for random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodeAcse(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('returns an APDU or an IsoError for APDUs built from ACSE tags and random contents (property)', () => {
    const component = fc.tuple(
      fc.constantFrom(0x80, 0xa1, 0xa2, 0xa3, 0xa4, 0x8a, 0x8b, 0xac, 0xbe, 0x81),
      fc.uint8Array({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0x60, max: 0x64 }),
        fc.array(component, { maxLength: 6 }),
        (tag, parts) => {
          const body = parts.flatMap(([t, v]) => [t, v.length, ...v]);
          const bytes = Uint8Array.from([tag, body.length, ...body]);
          if (body.length > 127) return;
          try {
            const apdu = decodeAcse(bytes);
            expect(decodeAcse(encodeAcse(apdu))).toEqual(apdu);
          } catch (err) {
            expect(err).toBeInstanceOf(IsoError);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
