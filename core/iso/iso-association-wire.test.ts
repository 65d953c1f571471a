import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../shared';
import { CP, CPA, CPR_USER, MMS_INITIATE_REQUEST, MMS_INITIATE_RESPONSE } from './fixtures';
import { IsoAssociation } from './iso-association';
import type { IsoEvent } from './iso-association-types';
import { decodeSpdu } from './session';
import { decodeTpkt } from './tpkt';
import { decodeCotp } from './cotp';

/*
 * What goes on the wire, byte for byte: our own PDUs as annotated golden hexdumps, and the exchange of
 * a libiec61850 client and server (1.5.3, loopback capture made while developing) parsed by our
 * responder and our initiator. The capture bytes are written out here with our own annotations.
 */

const hex = (bytes: Uint8Array) => toHex(bytes);
const sent = (events: IsoEvent[]) =>
  events.filter((e) => e.type === 'send').map((e) => (e.type === 'send' ? hex(e.bytes) : ''));
const others = (events: IsoEvent[]) => events.filter((e) => e.type !== 'send');

// ------------------------------------------------------------------ our PDUs

const OUR_CR = `
  03 00 00 16            # TPKT version 3, 22 octets
  11 e0                  # COTP LI 17, CR (class 0 follows)
  00 00 00 01            #   DST-REF 0, SRC-REF 1
  00                     #   class 0, no options
  c0 01 0d               #   TPDU size 2^13 = 8192
  c2 02 00 01            #   called TSAP 0001
  c1 02 00 01            #   calling TSAP 0001`;

const OUR_CC = `
  03 00 00 16            # TPKT, 22 octets
  11 d0                  # COTP LI 17, CC
  00 01 00 01            #   DST-REF 1 (the CR's SRC-REF), SRC-REF 1
  00                     #   class 0
  c0 01 0d               #   TPDU size 8192
  c2 02 00 01 c1 02 00 01 # called and calling TSAP as in the CR`;

const OUR_CN = `
  03 00 00 a2            # TPKT, 162 octets
  02 f0 80               # COTP DT, EOT
  0d 99                  # session CONNECT, LI 153
    05 06                #   Connect/Accept Item
      13 01 00           #     Protocol Options 0
      16 01 02           #     Version Number 2
    14 02 00 02          #   Session User Requirements: duplex
    33 02 00 01          #   Calling Session Selector 0001
    34 02 00 01          #   Called Session Selector 0001
    c1 83                #   User Data, 131 octets: CP-type + AARQ
${CP}`;

const OUR_AC = `
  03 00 00 85            # TPKT, 133 octets
  02 f0 80               # COTP DT, EOT
  0e 7c                  # session ACCEPT, LI 124
    05 06 13 01 00 16 01 02 # Connect/Accept Item: options 0, version 2
    14 02 00 02          #   Session User Requirements: duplex
    34 02 00 01          #   Responding Session Selector 0001
    c1 6a                #   User Data, 106 octets: CPA-PPDU + AARE
${CPA}`;

const OUR_RF = `
  03 00 00 4b            # TPKT, 75 octets
  02 f0 80               # COTP DT, EOT
  0c 42                  # session REFUSE, LI 66
    11 01 01             #   Transport Disconnect: the transport connection is released
    32 3d 02             #   Reason Code, 61 octets: 2 (rejection by the called SS-user), then its user data:
${CPR_USER}`;

const OUR_DATA = `
  03 00 00 19            # TPKT, 25 octets
  02 f0 80               # COTP DT, EOT
  01 00 01 00            # session GIVE TOKENS + DATA TRANSFER, no parameters
  61 0c 30 0a            # presentation fully-encoded-data, PDV-list
    02 01 03             #   context 3 (MMS)
    a0 05                #   single-ASN1-type
      a0 03 02 01 01     #     an MMS PDU`;

const OUR_FN = `
  03 00 00 19 02 f0 80   # TPKT 25 octets, COTP DT EOT
  09 10                  # session FINISH, LI 16
    c1 0e                #   User Data
      61 0c 30 0a 02 01 01 a0 05 # fully-encoded-data, context 1 (ACSE), single-ASN1-type
        62 03 80 01 00   #     RLRQ, reason normal`;

const OUR_DN = `
  03 00 00 19 02 f0 80   # TPKT 25 octets, COTP DT EOT
  0a 10                  # session DISCONNECT, LI 16
    c1 0e 61 0c 30 0a 02 01 01 a0 05 # User Data: fully-encoded-data, context 1, single-ASN1-type
      63 03 80 01 00     #     RLRE, reason normal`;

const OUR_AB = `
  03 00 00 1e 02 f0 80   # TPKT 30 octets, COTP DT EOT
  19 15                  # session ABORT, LI 21
    11 01 03             #   Transport Disconnect: released, user abort
    c1 10                #   User Data
      a0 0e              #     ARU-PPDU normal-mode-parameters
        61 0c 30 0a 02 01 01 a0 05 # fully-encoded-data, context 1, single-ASN1-type
          64 03 80 01 00 #         ABRT, source acse-service-user`;

describe('our PDUs on the wire', () => {
  it('initiator and responder exchange exactly the annotated bytes', () => {
    const client = new IsoAssociation({ role: 'initiator' });
    const server = new IsoAssociation({ role: 'responder' });
    const cr = client.start(fromHex(MMS_INITIATE_REQUEST));
    expect(hex(cr)).toBe(hex(fromHex(OUR_CR)));
    const atServer = server.receive(cr);
    expect(sent(atServer)).toEqual([hex(fromHex(OUR_CC))]);
    const atClient = client.receive(fromHex(OUR_CC));
    expect(sent(atClient)).toEqual([hex(fromHex(OUR_CN))]);
    server.receive(fromHex(OUR_CN));
    expect(hex(server.accept(fromHex(MMS_INITIATE_RESPONSE)))).toBe(hex(fromHex(OUR_AC)));
    expect(others(client.receive(fromHex(OUR_AC))).map((e) => e.type)).toEqual(['associated']);
    expect(hex(client.sendData(fromHex('a0 03 02 01 01')))).toBe(hex(fromHex(OUR_DATA)));
    expect(hex(client.release())).toBe(hex(fromHex(OUR_FN)));
    expect(sent(server.receive(fromHex(OUR_FN)))).toEqual([hex(fromHex(OUR_DN))]);
  });

  it('refuses with REFUSE + CPR + AARE, and aborts with ABORT + ARU + ABRT', () => {
    const server = new IsoAssociation({ role: 'responder' });
    server.receive(fromHex(OUR_CR));
    server.receive(fromHex(OUR_CN));
    expect(hex(server.reject({ source: 'acse-service-user', reason: 'authentication-failure' }))).toBe(
      hex(fromHex(OUR_RF)),
    );

    const client = new IsoAssociation({ role: 'initiator' });
    client.start(fromHex(MMS_INITIATE_REQUEST));
    client.receive(fromHex(OUR_CC));
    client.receive(fromHex(OUR_AC));
    expect(hex(client.abort())).toBe(hex(fromHex(OUR_AB)));
  });

  it('every golden SPDU decodes with the session codec', () => {
    for (const frame of [OUR_CN, OUR_AC, OUR_RF, OUR_DATA, OUR_FN, OUR_DN, OUR_AB]) {
      const tpdu = decodeCotp(decodeTpkt(fromHex(frame)));
      expect(tpdu.type).toBe('DT');
      if (tpdu.type === 'DT') expect(() => decodeSpdu(tpdu.userData)).not.toThrow();
    }
  });
});

// ------------------------------------------------------------------ a libiec61850 exchange

/** Its client's CR: identical in content to ours. */
const LIB_CR = '03 00 00 16 11 e0 00 00 00 01 00 c0 01 0d c2 02 00 01 c1 02 00 01';
/** Its server's CC: DST-REF 1, SRC-REF 1, TPDU size 8192, both TSAPs echoed. */
const LIB_CC = '03 00 00 16 11 d0 00 01 00 01 00 c0 01 0d c2 02 00 01 c1 02 00 01';

/** Its client's CONNECT with password authentication. */
const LIB_CN = `
  03 00 00 d4 02 f0 80   # TPKT 212 octets, COTP DT EOT
  0d cb                  # session CONNECT, LI 203
    05 06 13 01 00 16 01 02 14 02 00 02 33 02 00 01 34 02 00 01 # as ours
    c1 b5                #   User Data, 181 octets
  31 81 b2               # CP-type, 178 octets
    a0 03 80 01 01       #   normal mode
    a2 81 aa             #   normal-mode-parameters, 170 octets
      81 04 00 00 00 01 82 04 00 00 00 01 # calling and called presentation selectors
      a4 23 30 0f 02 01 01 06 04 52 01 00 01 30 04 06 02 51 01 # context 1: ACSE, BER
            30 10 02 01 03 06 05 28 ca 22 02 01 30 04 06 02 51 01 # context 3: MMS, BER
      61 77 30 75 02 01 01 a0 70 # User-data: context 1, single-ASN1-type, 112 octets
  60 6e                  # AARQ, 110 octets (no protocol-version: the default)
    a1 07 06 05 28 ca 22 02 03 # MMS application context
    a2 07 06 05 29 01 87 67 01 a3 03 02 01 0c # called 1.1.1.999.1 / 12
    a6 06 06 04 29 01 87 67 a7 03 02 01 0c # calling 1.1.1.999 / 12
    8a 02 04 80          #   sender-acse-requirements: 4 bits, authentication set (not minimal, accepted)
    8b 03 52 03 01       #   mechanism 2.2.3.1
    ac 0e 80 0c          #   calling-authentication-value, charstring of 12 octets:
      75 73 65 72 31 40 74 65 73 74 70 77 # "user1@testpw"
    be 2f 28 2d 02 01 03 a0 28 # user-information: EXTERNAL, context 3, single-ASN1-type, 40 octets
  a8 26                  # MMS initiate-RequestPDU
    80 03 00 fd e8 81 01 05 82 01 05 83 01 0a # 65000 octets, 5/5 outstanding, nesting 10
    a4 16 80 01 01 81 03 05 f1 00 # version 1, parameter CBB
      82 0c 03 ee 1c 00 00 04 08 00 00 79 ef 18 # services supported`;

/** Its server's ACCEPT. */
const LIB_AC = `
  03 00 00 8f 02 f0 80   # TPKT 143 octets, COTP DT EOT
  0e 86                  # session ACCEPT, LI 134
    05 06 13 01 00 16 01 02 14 02 00 02 34 02 00 01 # as ours
    c1 74                #   User Data, 116 octets
  31 72 a0 03 80 01 01 a2 6b # CPA-PPDU, normal mode
    83 04 00 00 00 01    #   responding presentation selector
    a5 12 30 07 80 01 00 81 02 51 01 30 07 80 01 00 81 02 51 01 # both contexts accepted, BER
    61 4f 30 4d 02 01 01 a0 48 # User-data: context 1, single-ASN1-type
  61 46                  # AARE, 70 octets, without a responding title
    a1 07 06 05 28 ca 22 02 03 # MMS application context
    a2 03 02 01 00       #   accepted
    a3 05 a1 03 02 01 00 #   acse-service-user null
    be 2f 28 2d 02 01 03 a0 28 # user-information: EXTERNAL, context 3
  a9 26                  # MMS initiate-ResponsePDU
    80 03 00 fd e8 81 01 05 82 01 05 83 01 0a
    a4 16 80 01 01 81 03 05 f1 00 82 0c 03 ee 1c 00 00 00 02 00 00 40 ed 18`;

const LIB_CONCLUDE_REQUEST =
  '03 00 00 16 02 f0 80 01 00 01 00 61 09 30 07 02 01 03 a0 02 8b 00 # ... MMS conclude-RequestPDU';
const LIB_CONCLUDE_RESPONSE =
  '03 00 00 16 02 f0 80 01 00 01 00 61 09 30 07 02 01 03 a0 02 8c 00 # ... MMS conclude-ResponsePDU';
/** Its client's FINISH: byte for byte what ours sends. */
const LIB_FN = OUR_FN;
/** Its server's DISCONNECT: an RLRE without a reason. */
const LIB_DN = `
  03 00 00 16 02 f0 80   # TPKT 22 octets, COTP DT EOT
  0a 0d c1 0b            # session DISCONNECT, LI 13, User Data 11 octets
    61 09 30 07 02 01 01 a0 02 # fully-encoded-data, context 1, single-ASN1-type
      63 00              #   RLRE, empty`;
/** Its client's ABORT: Transport Disconnect 0x0b (released, user abort, no reason). */
const LIB_AB = `
  03 00 00 1e 02 f0 80 19 15
    11 01 0b             #   Transport Disconnect 11
    c1 10 a0 0e 61 0c 30 0a 02 01 01 a0 05 64 03 80 01 00 # ARU + ABRT from the service user`;

describe('a libiec61850 client and server', () => {
  it('our responder takes its client’s association, data, release and abort', () => {
    const server = new IsoAssociation({ role: 'responder' });
    expect(others(server.receive(fromHex(LIB_CR)))).toEqual([{ type: 'cotp-connected', tpduSize: 8192 }]);
    const [request] = others(server.receive(fromHex(LIB_CN)));
    expect(request?.type).toBe('associate-request');
    if (request?.type !== 'associate-request') return;
    expect(request.request.password).toBe('user1@testpw');
    expect(request.request.aarq.called).toEqual({ apTitle: [1, 1, 1, 999, 1], aeQualifier: 12 });
    expect(request.request.aarq.calling).toEqual({ apTitle: [1, 1, 1, 999], aeQualifier: 12 });
    expect(request.request.aarq.senderRequirements).toEqual({
      authentication: true,
      contextNegotiation: false,
    });
    expect(hex(request.request.mmsPdu).slice(0, 8)).toBe('a8268003');
    expect(request.request.mmsPdu).toHaveLength(40);
    server.accept(fromHex(MMS_INITIATE_RESPONSE));
    expect(others(server.receive(fromHex(LIB_CONCLUDE_REQUEST)))).toEqual([
      { type: 'data', mmsPdu: fromHex('8b00') },
    ]);
    expect(others(server.receive(fromHex(LIB_FN))).map((e) => e.type)).toEqual([
      'release-request',
      'released',
    ]);

    const aborted = new IsoAssociation({ role: 'responder' });
    aborted.receive(fromHex(LIB_CR));
    aborted.receive(fromHex(LIB_CN));
    aborted.accept(fromHex(MMS_INITIATE_RESPONSE));
    expect(aborted.receive(fromHex(LIB_AB))).toMatchObject([
      { type: 'aborted', abort: { source: 'acse-service-user' } },
    ]);
  });

  it('our initiator takes its server’s association, data and release', () => {
    const client = new IsoAssociation({ role: 'initiator', password: 'user1@testpw' });
    client.start(fromHex(MMS_INITIATE_REQUEST));
    expect(others(client.receive(fromHex(LIB_CC)))).toEqual([{ type: 'cotp-connected', tpduSize: 8192 }]);
    const [associated] = others(client.receive(fromHex(LIB_AC)));
    expect(associated?.type).toBe('associated');
    if (associated?.type !== 'associated') return;
    expect(associated.aare.result).toBe('accepted');
    expect(associated.aare.responding).toBeUndefined();
    expect(hex(associated.mmsPdu).slice(0, 4)).toBe('a926');
    expect(client.receive(fromHex(LIB_CONCLUDE_RESPONSE))).toEqual([
      { type: 'data', mmsPdu: fromHex('8c00') },
    ]);
    client.release();
    expect(client.receive(fromHex(LIB_DN))).toEqual([{ type: 'released' }]);
  });
});
