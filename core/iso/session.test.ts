import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../shared';
import { IsoError } from './errors';
import {
  decodeSpdu,
  describeRefuseReason,
  describeTransportDisconnect,
  encodeSpdu,
  type Spdu,
} from './session';
import { encodeSessionLength, readSessionLength } from './session-params';
import { catchIso, truncations } from './testing';

const u = (hex: string) => fromHex(hex);
const CAI_V2 = { protocolOptions: 0, versionNumber: 2 };

/** Fixtures written from ISO 8327-1 / X.225, in the shape IEC 61850-8-1 peers use. */
const CASES: { name: string; hex: string; spdu: Spdu }[] = [
  {
    name: 'CN with selectors 0001/0001 and 4 octets of user data',
    hex: `
      0d        # SI 13: CONNECT
      1a        # LI 26
      05 06     # PGI 5 Connect/Accept Item, 6 octets
        13 01 00  # PI 19 Protocol Options: 0
        16 01 02  # PI 22 Version Number: version 2
      14 02 00 02  # PI 20 Session User Requirements: duplex
      33 02 00 01  # PI 51 Calling Session Selector 0001
      34 02 00 01  # PI 52 Called Session Selector 0001
      c1 04 31 02 a0 00  # PGI 193 User Data (4 octets)`,
    spdu: {
      type: 'CN',
      connectAcceptItem: CAI_V2,
      sessionUserRequirements: 2,
      callingSessionSelector: u('0001'),
      calledSessionSelector: u('0001'),
      userData: u('3102a000'),
    },
  },
  {
    name: 'CN with connection identifier, TSDU maximum size, token setting, data overflow and extended user data',
    hex: `
      0d 21     # SI 13: CONNECT, LI 33
      01 03 0a 01 41  # PGI 1 Connection Identifier: PI 10 calling SS-user reference "A"
      05 0f     # PGI 5 Connect/Accept Item, 15 octets
        13 01 01  # Protocol Options: extended concatenation
        15 04 10 00 20 00  # PI 21 TSDU Maximum Size: 4096 to responder, 8192 to initiator
        16 01 03  # Version Number: versions 1 and 2
        1a 01 55  # PI 26 Token Setting Item
      14 02 00 02  # Session User Requirements: duplex
      3c 01 01  # PI 60 Data Overflow
      c2 02 aa bb  # PGI 194 Extended User Data`,
    spdu: {
      type: 'CN',
      connectionIdentifier: u('0a0141'),
      connectAcceptItem: { protocolOptions: 1, versionNumber: 3, tsduMaximumSize: { toResponder: 4096, toInitiator: 8192 }, tokenSettingItem: 0x55 },
      sessionUserRequirements: 2,
      dataOverflow: 1,
      extendedUserData: u('aabb'),
    },
  },
  {
    name: 'AC with the responding selector and user data',
    hex: `
      0e        # SI 14: ACCEPT
      14        # LI 20
      05 06 13 01 00 16 01 02  # Connect/Accept Item: options 0, version 2
      14 02 00 02  # Session User Requirements: duplex
      34 02 00 01  # PI 52 Responding Session Selector 0001
      c1 02 31 00  # User Data`,
    spdu: { type: 'AC', connectAcceptItem: CAI_V2, sessionUserRequirements: 2, respondingSessionSelector: u('0001'), userData: u('3100') },
  },
  {
    name: 'AC with token item, enclosure and calling selector',
    hex: `
      0e 10     # SI 14: ACCEPT, LI 16
      05 03 13 01 00  # Connect/Accept Item: options 0 (no Version Number: version 1)
      10 01 00  # PI 16 Token Item
      19 01 03  # PI 25 Enclosure Item: beginning and end of SSDU
      33 03 01 02 03  # PI 51 Calling Session Selector 010203`,
    spdu: { type: 'AC', connectAcceptItem: { protocolOptions: 0 }, tokenItem: 0, enclosureItem: 3, callingSessionSelector: u('010203') },
  },
  {
    name: 'RF: session selector unknown',
    hex: `
      0c 06     # SI 12: REFUSE, LI 6
      11 01 01  # PI 17 Transport Disconnect: released
      32 01 81  # PI 50 Reason Code 129: session selector unknown`,
    spdu: { type: 'RF', transportDisconnect: 1, reason: 129 },
  },
  {
    name: 'RF: rejection by the called SS-user, with user data',
    hex: `
      0c 0b     # SI 12: REFUSE, LI 11
      14 02 00 02  # Session User Requirements
      16 01 02  # PI 22 Version Number 2
      32 02 02 ff  # Reason Code 2 + SS-user data ff`,
    spdu: { type: 'RF', sessionUserRequirements: 2, versionNumber: 2, reason: 2, reasonUserData: u('ff') },
  },
  {
    name: 'FN carrying a release request',
    hex: `
      09 05     # SI 9: FINISH, LI 5
      c1 03 61 01 00  # User Data`,
    spdu: { type: 'FN', userData: u('610100') },
  },
  {
    name: 'FN with transport disconnect',
    hex: `09 03 11 01 00   # SI 9: FINISH, LI 3, PI 17 Transport Disconnect: kept`,
    spdu: { type: 'FN', transportDisconnect: 0 },
  },
  {
    name: 'DN carrying a release response',
    hex: `
      0a 04     # SI 10: DISCONNECT, LI 4
      c1 02 63 00  # User Data`,
    spdu: { type: 'DN', userData: u('6300') },
  },
  {
    name: 'NF',
    hex: `08 00   # SI 8: NOT FINISHED, LI 0`,
    spdu: { type: 'NF' },
  },
  {
    name: 'AB, user abort with user data',
    hex: `
      19 08     # SI 25: ABORT, LI 8
      11 01 0b  # PI 17 Transport Disconnect: released, user abort, no reason
      c1 03 a0 01 00  # User Data`,
    spdu: { type: 'AB', transportDisconnect: 0x0b, userData: u('a00100') },
  },
  {
    name: 'AB with reflect parameter values',
    hex: `19 07 11 01 05 31 02 de ad  # ABORT, LI 7, Transport Disconnect 5 (released, protocol error), PI 49 reflect`,
    spdu: { type: 'AB', transportDisconnect: 5, reflectParameterValues: u('dead') },
  },
  {
    name: 'AA',
    hex: `1a 00   # SI 26: ABORT ACCEPT, LI 0`,
    spdu: { type: 'AA' },
  },
  {
    name: 'GT + DT with user information',
    hex: `
      01 00     # SI 1: GIVE TOKENS, LI 0
      01 00     # SI 1: DATA TRANSFER, LI 0
      61 03 30 01 00  # user information (outside the LI)`,
    spdu: { type: 'DT', userInformation: u('6103300100') },
  },
  {
    name: 'GT + DT with an enclosure item',
    hex: `
      01 00     # GIVE TOKENS
      01 03 19 01 03  # DATA TRANSFER, LI 3, Enclosure Item 3
      aa        # user information`,
    spdu: { type: 'DT', enclosureItem: 3, userInformation: u('aa') },
  },
  {
    name: 'GT + DT with no user information',
    hex: `01 00 01 00   # GIVE TOKENS, DATA TRANSFER`,
    spdu: { type: 'DT', userInformation: new Uint8Array(0) },
  },
];

describe('session SPDU codec', () => {
  it.each(CASES)('parses $name', ({ hex, spdu }) => {
    expect(decodeSpdu(fromHex(hex))).toEqual(spdu);
  });
  it.each(CASES)('generates $name', ({ hex, spdu }) => {
    expect(toHex(encodeSpdu(spdu))).toBe(toHex(fromHex(hex)));
  });
  it.each(CASES)('round-trips $name', ({ spdu }) => {
    expect(decodeSpdu(encodeSpdu(spdu))).toEqual(spdu);
  });

  it('uses the three-octet LI from 255 octets on, for the SPDU and the user data', () => {
    const userData = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const bytes = encodeSpdu({ type: 'CN', connectAcceptItem: CAI_V2, userData });
    expect(toHex(bytes.subarray(0, 16))).toBe(
      toHex(fromHex(`
        0d ff 01 38  # CONNECT, LI 0xff + 0x0138 = 312
        05 06 13 01 00 16 01 02  # Connect/Accept Item
        c1 ff 01 2c  # User Data, LI 0xff + 0x012c = 300`)),
    );
    expect(bytes.length).toBe(4 + 312);
    expect(decodeSpdu(bytes)).toEqual({ type: 'CN', connectAcceptItem: CAI_V2, userData });
  });

  it('reads a three-octet LI even for small values, as X.225 allows', () => {
    expect(decodeSpdu(fromHex('09 ff 00 04 c1 ff 00 00'))).toEqual({ type: 'FN', userData: new Uint8Array(0) });
  });

  it('skips parameters an SPDU does not define', () => {
    expect(decodeSpdu(fromHex('0a 07 99 01 00 c1 02 63 00'))).toEqual({ type: 'DN', userData: u('6300') });
  });

  it('encodes lengths at the one/three octet boundary', () => {
    expect(encodeSessionLength(254)).toEqual([254]);
    expect(encodeSessionLength(255)).toEqual([0xff, 0x00, 0xff]);
    expect(encodeSessionLength(65535)).toEqual([0xff, 0xff, 0xff]);
    expect(catchIso(() => encodeSessionLength(65536)).code).toBe('session-length');
    expect(readSessionLength(fromHex('ff 01 00'), 0, 3)).toEqual({ length: 256, next: 3 });
  });

  it('names refuse reasons and transport disconnect bits', () => {
    expect(describeRefuseReason(129)).toBe('session selector unknown');
    expect(describeRefuseReason(77)).toBe('reason code 77');
    expect(describeTransportDisconnect(0x0b)).toBe('transport connection released, user abort, no reason');
  });

  const NEGATIVE: { name: string; hex: string; code: string; offset: number }[] = [
    { name: 'LI past the end', hex: '0d 20 05 06 13 01 00 16 01 02', code: 'session-length', offset: 1 },
    { name: 'trailing octets after a CN', hex: '0d 00 00', code: 'session-length', offset: 2 },
    { name: 'parameter longer than the SPDU', hex: '0d 04 33 05 00 01', code: 'session-length', offset: 3 },
    { name: 'three-octet LI cut short', hex: '0d ff 00', code: 'session-truncated', offset: 1 },
    { name: 'parameter LI cut short', hex: '0d 02 33 ff', code: 'session-truncated', offset: 3 },
    { name: 'parameter without LI', hex: '0d 01 33', code: 'session-truncated', offset: 3 },
    { name: 'unknown SPDU 99', hex: '63 00', code: 'session-unsupported-spdu', offset: 0 },
    { name: 'PLEASE TOKENS (SI 2)', hex: '02 00 01 00', code: 'session-unsupported-spdu', offset: 0 },
    { name: 'GT not followed by DT', hex: '01 00 0d 00', code: 'session-unsupported-spdu', offset: 2 },
    { name: 'GT alone', hex: '01 00', code: 'session-truncated', offset: 2 },
    { name: 'DT parameter field past the end', hex: '01 00 01 05 19 01', code: 'session-length', offset: 3 },
    { name: 'RF without reason code', hex: '0c 03 11 01 01', code: 'session-missing-parameter', offset: 2 },
    { name: 'RF with an empty reason code', hex: '0c 02 32 00', code: 'session-missing-parameter', offset: 2 },
    { name: 'Connect/Accept Item without Protocol Options', hex: '0d 05 05 03 16 01 02', code: 'session-missing-parameter', offset: 2 },
    { name: 'Protocol Options of 2 octets', hex: '0d 06 05 04 13 02 00 00', code: 'session-value', offset: 4 },
    { name: 'Session User Requirements of 1 octet', hex: '0d 03 14 01 02', code: 'session-value', offset: 2 },
    { name: 'session selector of 17 octets', hex: '0d 13 33 11' + ' 00'.repeat(17), code: 'session-value', offset: 2 },
    { name: 'the same parameter twice', hex: '0d 08 33 02 00 01 33 02 00 01', code: 'session-parameter', offset: 6 },
    { name: 'one octet', hex: '0d', code: 'session-truncated', offset: 1 },
  ];
  it.each(NEGATIVE)('refuses $name', ({ hex, code, offset }) => {
    const err = catchIso(() => decodeSpdu(fromHex(hex)));
    expect([err.code, err.offset]).toEqual([code, offset]);
  });

  it('gives a typed error for every truncation of every category 1 SPDU', () => {
    for (const { hex, spdu } of CASES) {
      if (spdu.type === 'DT') continue;
      for (const [n, prefix] of truncations(fromHex(hex))) {
        const err = catchIso(() => decodeSpdu(prefix));
        expect(err.layer, `${spdu.type} cut at ${n}`).toBe('iso');
      }
    }
  });

  it('gives a DT with less user information, or a typed error, for every truncation of a DT', () => {
    const bytes = fromHex('01 00 01 03 19 01 03 aa bb');
    for (const [n, prefix] of truncations(bytes)) {
      if (n >= 7) expect(decodeSpdu(prefix)).toMatchObject({ type: 'DT', userInformation: bytes.slice(7, n) });
      else expect(catchIso(() => decodeSpdu(prefix)).layer).toBe('iso');
    }
  });

  it('refuses a three-octet LI of 65535 over a short buffer without reading past it', () => {
    const err = catchIso(() => decodeSpdu(fromHex('0d ff ff ff c1 ff ff f0 00')));
    expect([err.code, err.offset]).toEqual(['session-length', 1]);
    const inner = catchIso(() => decodeSpdu(fromHex('0d 06 c1 ff ff f0 00 00')));
    expect([inner.code, inner.offset]).toEqual(['session-length', 3]);
  });

  it('encodes parameters in X.225 order whatever the order of the fields in the object', () => {
    const spdu: Spdu = {
      userData: u('aa'),
      calledSessionSelector: u('0002'),
      callingSessionSelector: u('0001'),
      sessionUserRequirements: 2,
      connectAcceptItem: CAI_V2,
      type: 'CN',
    };
    const codes: number[] = [];
    const bytes = encodeSpdu(spdu);
    for (let at = 2; at < bytes.length; at += 2 + bytes[at + 1]!) codes.push(bytes[at]!);
    expect(codes).toEqual([5, 20, 51, 52, 193]);
  });

  it('gives an SPDU or a typed error for every one-byte alteration of every fixture', () => {
    for (const { hex, name } of CASES) {
      const good = fromHex(hex);
      for (let i = 0; i < good.length; i++) {
        for (const delta of [1, 0x7f, 0xff]) {
          const bad = good.slice();
          bad[i] = (bad[i]! + delta) & 0xff;
          try {
            decodeSpdu(bad);
          } catch (err) {
            expect(err, `${name}: byte ${i} + ${delta}`).toBeInstanceOf(IsoError);
          }
        }
      }
    }
  });

  it('returns an SPDU or an IsoError for random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodeSpdu(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('returns an SPDU or an IsoError for SPDUs built from known codes and random values (property)', () => {
    const si = fc.constantFrom(13, 14, 12, 9, 10, 8, 25, 26);
    const unit = fc.tuple(fc.constantFrom(1, 5, 16, 17, 19, 20, 21, 22, 25, 26, 49, 50, 51, 52, 60, 193, 194), fc.uint8Array({ maxLength: 20 }));
    fc.assert(
      fc.property(si, fc.array(unit, { maxLength: 6 }), (code, units) => {
        const params = units.flatMap(([c, v]) => [c, ...encodeSessionLength(v.length), ...v]);
        const bytes = Uint8Array.from([code, ...encodeSessionLength(params.length), ...params]);
        try {
          const spdu = decodeSpdu(bytes);
          // Whatever decodes must encode again and decode to the same value.
          expect(decodeSpdu(encodeSpdu(spdu))).toEqual(spdu);
        } catch (err) {
          expect(err).toBeInstanceOf(IsoError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
