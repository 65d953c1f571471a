import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Asn1Error } from '../asn1';
import { RelayGateError, fromHex, toHex } from '../shared';
import { MmsError, rejectReason, serviceError, serviceErrorByName } from './errors';
import { domainName } from './object-name';
import { decodeOrTypedError } from './fixtures';
import { decodeMmsPdu, encodeMmsPdu, peekInvokeId, type MmsPdu } from './pdu';
import { defaultInitiateRequest, servicesSupported, supportsService } from './services/initiate';
import { summarizeMmsPdu } from './summary';
import { dataAccessError } from './value';

const SERVICES_85 = { bitLength: 85, bytes: fromHex('ee 1c 00 00 04 08 00 00 79 ef 18') };
const INITIATE = {
  maxPduSize: 65000,
  maxServOutstandingCalling: 10,
  maxServOutstandingCalled: 10,
  dataStructureNestingLevel: 10,
  versionNumber: 1,
  parameterCbb: { bitLength: 11, bytes: fromHex('f1 00') },
  servicesSupported: SERVICES_85,
};

const encode = encodeMmsPdu;

/** [name, hexdump with a comment per field, the decoded PDU, its one-line summary]. */
const table: [string, string, MmsPdu, string][] = [
  [
    'initiate-request',
    `a8 26                        # initiate-RequestPDU
       80 03 00 fd e8             #   localDetailCalling 65000
       81 01 0a                   #   proposedMaxServOutstandingCalling 10
       82 01 0a                   #   proposedMaxServOutstandingCalled 10
       83 01 0a                   #   proposedDataStructureNestingLevel 10
       a4 16                      #   mmsInitRequestDetail
         80 01 01                 #     proposedVersionNumber 1
         81 03 05 f1 00           #     proposedParameterCBB: 11 bits str1 str2 vnam valt vlis
         82 0c 03 ee 1c 00 00 04 08 00 00 79 ef 18  # servicesSupportedCalling: 85 bits`,
    { kind: 'initiate-request', params: INITIATE },
    'initiate-request max PDU 65000, outstanding 10/10, nesting 10',
  ],
  [
    'initiate-response',
    `a9 26 80 03 00 fd e8 81 01 05 82 01 05 83 01 0a  # negotiated: 65000 octets, 5/5 outstanding
       a4 16 80 01 01 81 03 05 f1 00 82 0c 03 ee 1c 00 00 04 08 00 00 79 ef 18`,
    {
      kind: 'initiate-response',
      params: { ...INITIATE, maxServOutstandingCalling: 5, maxServOutstandingCalled: 5 },
    },
    'initiate-response max PDU 65000, outstanding 5/5, nesting 10',
  ],
  [
    'identify request',
    'a0 05 02 01 01 82 00        # confirmed-RequestPDU, invokeID 1, identify [2] NULL',
    { kind: 'confirmed-request', invokeId: 1, request: { service: 'identify' } },
    'confirmed-request #1 identify',
  ],
  [
    'identify response',
    `a1 13 02 01 01               # confirmed-ResponsePDU, invokeID 1
       a2 0e                      #   identify
         80 03 41 43 4d           #     vendorName "ACM"
         81 02 52 31              #     modelName "R1"
         82 03 31 2e 30           #     revision "1.0"`,
    {
      kind: 'confirmed-response',
      invokeId: 1,
      response: { service: 'identify', vendorName: 'ACM', modelName: 'R1', revision: '1.0' },
    },
    'confirmed-response #1 identify ACM R1 1.0',
  ],
  [
    'getNameList domains',
    `a0 0e 02 01 01               # confirmed-RequestPDU, invokeID 1
       a1 09                      #   getNameList
         a0 03 80 01 09           #     objectClass: basicObjectClass domain (9)
         a1 02 80 00              #     objectScope: vmdSpecific NULL`,
    { kind: 'confirmed-request', invokeId: 1, request: { service: 'getNameList', objectClass: 'domain' } },
    'confirmed-request #1 getNameList domain in VMD',
  ],
  [
    'getNameList variables of a domain, continuing after a name',
    `a0 1b 02 01 02               # confirmed-RequestPDU, invokeID 2
       a1 16                      #   getNameList
         a0 03 80 01 00           #     objectClass: namedVariable (0)
         a1 05 81 03 4c 44 30     #     objectScope: domainSpecific "LD0"
         82 08 4c 4c 4e 30 24 53 54 24  # continueAfter "LLN0$ST$"`,
    {
      kind: 'confirmed-request',
      invokeId: 2,
      request: {
        service: 'getNameList',
        objectClass: 'namedVariable',
        domain: 'LD0',
        continueAfter: 'LLN0$ST$',
      },
    },
    'confirmed-request #2 getNameList namedVariable in LD0 after LLN0$ST$',
  ],
  [
    'getNameList response, last page',
    `a1 15 02 01 01               # confirmed-ResponsePDU, invokeID 1
       a1 10                      #   getNameList
         a0 0b                    #     listOfIdentifier
           1a 03 4c 44 30         #       "LD0"
           1a 04 50 52 4f 54      #       "PROT"
         81 01 00                 #     moreFollows FALSE`,
    {
      kind: 'confirmed-response',
      invokeId: 1,
      response: { service: 'getNameList', identifiers: ['LD0', 'PROT'], moreFollows: false },
    },
    'confirmed-response #1 getNameList 2 names',
  ],
  [
    'read request, one FCD',
    `a0 22 02 01 05               # confirmed-RequestPDU, invokeID 5
       a4 1d                      #   read
         a1 1b                    #     variableAccessSpecification
           a0 19                  #       listOfVariable
             30 17                #         variable
               a0 15              #           name
                 a1 13            #             domain-specific
                   1a 03 4c 44 30 #               domainId "LD0"
                   1a 0c 58 43 42 52 31 24 53 54 24 50 6f 73  # itemId "XCBR1$ST$Pos"`,
    {
      kind: 'confirmed-request',
      invokeId: 5,
      request: { service: 'read', access: { kind: 'list', variables: [domainName('LD0', 'XCBR1$ST$Pos')] } },
    },
    'confirmed-request #5 read 1 variable (LD0/XCBR1$ST$Pos)',
  ],
  [
    'read response: a structure and a per-item failure',
    `a1 15 02 01 05               # confirmed-ResponsePDU, invokeID 5
       a4 10                      #   read
         a1 0e                    #     listOfAccessResult
           a2 09                  #       success: structure
             84 02 06 80          #         stVal Dbpos on
             84 03 03 00 00       #         q good
           80 01 0a               #       failure: object-non-existent (10)`,
    {
      kind: 'confirmed-response',
      invokeId: 5,
      response: {
        service: 'read',
        results: [
          {
            ok: true,
            value: {
              type: 'structure',
              members: [
                { type: 'bit-string', bitLength: 2, bytes: fromHex('80') },
                { type: 'bit-string', bitLength: 13, bytes: fromHex('00 00') },
              ],
            },
          },
          { ok: false, error: dataAccessError(10) },
        ],
      },
    },
    'confirmed-response #5 read 2 results (1 failed)',
  ],
  [
    'write request',
    `a0 2f 02 01 07               # confirmed-RequestPDU, invokeID 7
       a5 2a                      #   write
         a0 23 30 21 a0 1f a1 1d  #     listOfVariable, variable, name, domain-specific
           1a 03 4c 44 30         #       "LD0"
           1a 16 4c 4c 4e 30 24 52 50 24 75 72 63 62 41 30 31 24 52 70 74 45 6e 61  # "LLN0$RP$urcbA01$RptEna"
         a0 03 83 01 01           #     listOfData: boolean TRUE`,
    {
      kind: 'confirmed-request',
      invokeId: 7,
      request: {
        service: 'write',
        access: { kind: 'list', variables: [domainName('LD0', 'LLN0$RP$urcbA01$RptEna')] },
        values: [{ type: 'boolean', value: true }],
      },
    },
    'confirmed-request #7 write 1 variable (LD0/LLN0$RP$urcbA01$RptEna)',
  ],
  [
    'write response: success and failure',
    'a1 0a 02 01 07 a5 05 81 00 80 01 03   # success NULL, failure object-access-denied (3)',
    {
      kind: 'confirmed-response',
      invokeId: 7,
      response: { service: 'write', results: [{ ok: true }, { ok: false, error: dataAccessError(3) }] },
    },
    'confirmed-response #7 write 2 results (1 failed)',
  ],
  [
    'getVariableAccessAttributes request',
    `a0 15 02 01 02               # confirmed-RequestPDU, invokeID 2
       a6 10 a0 0e                #   getVariableAccessAttributes, name
         a1 0c 1a 03 4c 44 30 1a 05 58 43 42 52 31  # domain-specific LD0 / XCBR1`,
    {
      kind: 'confirmed-request',
      invokeId: 2,
      request: { service: 'getVariableAccessAttributes', name: domainName('LD0', 'XCBR1') },
    },
    'confirmed-request #2 getVariableAccessAttributes LD0/XCBR1',
  ],
  [
    'getVariableAccessAttributes response',
    `a1 1b 02 01 02               # confirmed-ResponsePDU, invokeID 2
       a6 16                      #   getVariableAccessAttributes
         80 01 00                 #     mmsDeletable FALSE
         a2 11                    #     typeSpecification
           a2 0f a1 0d            #       structure, components
             30 0b                #         component
               80 05 73 74 56 61 6c  #       componentName "stVal"
               a1 02 83 00        #           componentType boolean`,
    {
      kind: 'confirmed-response',
      invokeId: 2,
      response: {
        service: 'getVariableAccessAttributes',
        mmsDeletable: false,
        typeSpec: {
          type: 'structure',
          packed: false,
          components: [{ name: 'stVal', spec: { type: 'boolean' } }],
        },
      },
    },
    'confirmed-response #2 getVariableAccessAttributes structure',
  ],
  [
    'getNamedVariableListAttributes request',
    'a0 16 02 01 03 ac 11 a1 0f 1a 03 4c 44 30 1a 08 4c 4c 4e 30 24 44 53 31  # LD0 / LLN0$DS1',
    {
      kind: 'confirmed-request',
      invokeId: 3,
      request: { service: 'getNamedVariableListAttributes', name: domainName('LD0', 'LLN0$DS1') },
    },
    'confirmed-request #3 getNamedVariableListAttributes LD0/LLN0$DS1',
  ],
  [
    'getNamedVariableListAttributes response',
    `a1 23 02 01 03               # confirmed-ResponsePDU, invokeID 3
       ac 1e                      #   getNamedVariableListAttributes
         80 01 00                 #     mmsDeletable FALSE
         a1 19 30 17 a0 15 a1 13  #     listOfVariable, variable, name, domain-specific
           1a 03 4c 44 30 1a 0c 58 43 42 52 31 24 53 54 24 50 6f 73  # LD0 / XCBR1$ST$Pos`,
    {
      kind: 'confirmed-response',
      invokeId: 3,
      response: {
        service: 'getNamedVariableListAttributes',
        mmsDeletable: false,
        variables: [domainName('LD0', 'XCBR1$ST$Pos')],
      },
    },
    'confirmed-response #3 getNamedVariableListAttributes 1 members',
  ],
  [
    'confirmed-error',
    'a2 0a 80 01 05 a2 05 a0 03 87 01 03   # invokeID 5, serviceError: access / object-access-denied',
    { kind: 'confirmed-error', invokeId: 5, error: serviceError(7, 3) },
    'confirmed-error #5 access/object-access-denied',
  ],
  [
    'reject',
    'a4 06 80 01 05 81 01 01      # originalInvokeID 5, confirmed-requestPDU: unrecognized-service',
    { kind: 'reject', invokeId: 5, reason: rejectReason(1, 1) },
    'reject #5 confirmed-requestPDU/unrecognized-service',
  ],
  [
    'information report',
    `a3 19 a0 17                  # unconfirmed-PDU, informationReport
       a1 05 80 03 52 50 54       #   variableListName: vmd-specific "RPT"
       a0 0e                      #   listOfAccessResult
         8a 04 72 70 74 31        #     RptID "rpt1"
         84 03 06 00 00           #     OptFlds (10 bits, none set)
         83 01 01                 #     a value: TRUE`,
    {
      kind: 'information-report',
      report: {
        access: { kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } },
        results: [
          { ok: true, value: { type: 'visible-string', value: 'rpt1' } },
          { ok: true, value: { type: 'bit-string', bitLength: 10, bytes: fromHex('00 00') } },
          { ok: true, value: { type: 'boolean', value: true } },
        ],
      },
    },
    'information-report list RPT, 3 items',
  ],
  [
    'initiate-error',
    'aa 05 a0 03 88 01 01        # initiate / version-incompatible',
    { kind: 'initiate-error', error: serviceError(8, 1) },
    'initiate-error initiate/version-incompatible',
  ],
  ['conclude request', '8b 00', { kind: 'conclude-request' }, 'conclude-request'],
  ['conclude response', '8c 00', { kind: 'conclude-response' }, 'conclude-response'],
  [
    'conclude-error',
    'ad 05 a0 03 89 01 01        # serviceError: conclude [9] / further-communication-required (1)',
    { kind: 'conclude-error', error: serviceError(9, 1) },
    'conclude-error conclude/further-communication-required',
  ],
  [
    'cancel request',
    '85 01 07   # cancel-RequestPDU: invokeID 7',
    { kind: 'cancel-request', invokeId: 7 },
    'cancel-request #7',
  ],
  [
    'cancel response',
    '86 01 07  # cancel-ResponsePDU: invokeID 7',
    { kind: 'cancel-response', invokeId: 7 },
    'cancel-response #7',
  ],
  [
    'cancel error',
    `a7 0a                        # cancel-ErrorPDU
       80 01 07                   #   originalInvokeID 7
       a1 05 a0 03 8a 01 01       #   serviceError: cancel [10] / invoke-id-unknown (1)`,
    { kind: 'cancel-error', invokeId: 7, error: serviceError(10, 1) },
    'cancel-error #7 cancel/invoke-id-unknown',
  ],
  [
    'defineNamedVariableList request',
    `a0 31 02 01 08               # confirmed-RequestPDU, invokeID 8
       ab 2c                      #   defineNamedVariableList [11]
         a1 0f                    #     variableListName: domain-specific
           1a 03 4c 44 30         #       domainId "LD0"
           1a 08 4c 4c 4e 30 24 44 53 31  # itemId "LLN0$DS1"
         a0 19                    #     listOfVariable
           30 17 a0 15 a1 13      #       variable, name, domain-specific
             1a 03 4c 44 30       #         "LD0"
             1a 0c 58 43 42 52 31 24 53 54 24 50 6f 73  # "XCBR1$ST$Pos"`,
    {
      kind: 'confirmed-request',
      invokeId: 8,
      request: {
        service: 'defineNamedVariableList',
        name: domainName('LD0', 'LLN0$DS1'),
        variables: [domainName('LD0', 'XCBR1$ST$Pos')],
      },
    },
    'confirmed-request #8 defineNamedVariableList LD0/LLN0$DS1 with 1 variable (LD0/XCBR1$ST$Pos)',
  ],
  [
    'defineNamedVariableList response',
    'a1 05 02 01 08 8b 00         # confirmed-ResponsePDU, invokeID 8, defineNamedVariableList [11] NULL',
    { kind: 'confirmed-response', invokeId: 8, response: { service: 'defineNamedVariableList' } },
    'confirmed-response #8 defineNamedVariableList done',
  ],
  [
    'deleteNamedVariableList request',
    `a0 18 02 01 09               # confirmed-RequestPDU, invokeID 9
       ad 13                      #   deleteNamedVariableList [13], scopeOfDelete absent = specific
         a1 11                    #     listOfVariableListName
           a1 0f 1a 03 4c 44 30 1a 08 4c 4c 4e 30 24 44 53 31  # domain-specific LD0 / LLN0$DS1`,
    {
      kind: 'confirmed-request',
      invokeId: 9,
      request: { service: 'deleteNamedVariableList', names: [domainName('LD0', 'LLN0$DS1')] },
    },
    'confirmed-request #9 deleteNamedVariableList specific LD0/LLN0$DS1',
  ],
  [
    'deleteNamedVariableList response',
    `a1 0b 02 01 09               # confirmed-ResponsePDU, invokeID 9
       ad 06 80 01 01 81 01 01    #   deleteNamedVariableList: numberMatched 1, numberDeleted 1`,
    {
      kind: 'confirmed-response',
      invokeId: 9,
      response: { service: 'deleteNamedVariableList', matched: 1, deleted: 1 },
    },
    'confirmed-response #9 deleteNamedVariableList 1 of 1 deleted',
  ],
];

describe('MMS PDUs: parse, generate, round trip', () => {
  it.each(table)('%s', (_name, hex, pdu, summary) => {
    const bytes = fromHex(hex);
    expect(decodeMmsPdu(bytes)).toEqual(pdu);
    expect(toHex(encode(pdu))).toBe(toHex(bytes));
    expect(summarizeMmsPdu(pdu)).toBe(summary);
  });

  it('reads an absent moreFollows as TRUE', () => {
    const pdu = decodeMmsPdu(fromHex('a1 12 02 01 01 a1 0d a0 0b 1a 03 4c 44 30 1a 04 50 52 4f 54'));
    expect(pdu).toMatchObject({
      response: { service: 'getNameList', identifiers: ['LD0', 'PROT'], moreFollows: true },
    });
  });

  it('decodes cancel PDUs', () => {
    expect(decodeMmsPdu(fromHex('85 01 07'))).toEqual({ kind: 'cancel-request', invokeId: 7 });
  });

  it.each([
    ['a universal tag', '30 00', 'mms/unknown-pdu', 'expected an MMS PDU'],
    ['an unsupported PDU', 'ae 00', 'mms/unknown-pdu', 'unsupported MMS PDU [14]'],
    ['a conclude request with contents', '8b 01 00', 'asn1/bad-value', 'NULL must be empty'],
    [
      'an unsupported request service',
      'a0 06 02 01 01 9f 48 00',
      'mms/unknown-service',
      'unsupported confirmed request service [72]',
    ],
    ['a response without invokeID', 'a1 02 82 00', 'asn1/unexpected-tag', 'expected [UNIVERSAL 2] invokeID'],
    [
      'a truncated read response',
      'a1 15 02 01 05 a4 10 a1 0e a2 09 84 02 06 80 84 03 03 00 00 80 01',
      'asn1/truncated',
      '',
    ],
    ['trailing bytes after the PDU', '8b 00 00', 'asn1/trailing-bytes', 'after the MMS PDU'],
    [
      'an informationReport without results',
      'a3 09 a0 07 a1 05 80 03 52 50 54',
      'asn1/truncated',
      'listOfAccessResult',
    ],
    [
      'a getNameList response with a number for a name',
      'a1 0a 02 01 01 a1 05 a0 03 02 01 01',
      'mms/bad-pdu',
      'confirmed response #1: expected [UNIVERSAL 26] an Identifier',
    ],
  ])('refuses %s with a typed error', (_name, hex, code, message) => {
    let caught: unknown;
    try {
      decodeMmsPdu(fromHex(hex));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RelayGateError);
    const err = caught as RelayGateError;
    expect(`${err.layer}/${err.code}`).toBe(code);
    expect(err.message).toContain(message);
  });

  it('keeps the invoke id of a response to a service it cannot decode', () => {
    let caught: unknown;
    try {
      decodeMmsPdu(fromHex('a1 06 02 01 09 9f 48 00'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MmsError);
    expect(caught).toMatchObject({ code: 'unknown-service', invokeId: 9 });
    expect(peekInvokeId(fromHex('a1 06 02 01 09 9f 48 00'))).toBe(9);
    expect(peekInvokeId(fromHex('a2 0a 80 01 05 a2 05 a0 03 87 01 03'))).toBe(5);
    expect(peekInvokeId(fromHex('a3 00'))).toBeUndefined();
    expect(peekInvokeId(fromHex('a1'))).toBeUndefined();
  });

  it('names the invoke id of a request it cannot serve, so a server can reject exactly that one', () => {
    expect(() => decodeMmsPdu(fromHex('a0 06 02 01 2a 9f 48 00'))).toThrow(
      expect.objectContaining({ code: 'unknown-service', invokeId: 42 }),
    );
    expect(peekInvokeId(fromHex('a0 06 02 01 2a 9f 48 00'))).toBe(42);
    expect(peekInvokeId(fromHex('85 01 07'))).toBe(7);
    expect(peekInvokeId(fromHex('a7 0a 80 01 07 a1 05 a0 03 8a 01 01'))).toBe(7);
    expect(peekInvokeId(fromHex('a4 03 81 01 01'))).toBeUndefined(); // a reject without originalInvokeID
    expect(peekInvokeId(fromHex('8b 00'))).toBeUndefined();
  });

  it('turns a malformed body into a bad-pdu MmsError that keeps the invoke id and the BER cause', () => {
    // read response #5 whose only AccessResult is a Data boolean with 2 content octets
    let caught: unknown;
    try {
      decodeMmsPdu(fromHex('a1 0b 02 01 05 a4 06 a1 04 83 02 01 01'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MmsError);
    const err = caught as MmsError;
    expect([err.code, err.invokeId, err.offset]).toEqual(['bad-pdu', 5, 11]);
    expect(err.cause).toBeInstanceOf(Asn1Error);
    expect(err.message).toContain('confirmed response #5');
  });

  it('fails with a typed error at every truncation of every fixture', () => {
    for (const [name, hex] of table) {
      const bytes = fromHex(hex);
      for (let cut = 0; cut < bytes.length; cut++) {
        expect(() => decodeMmsPdu(bytes.subarray(0, cut)), `${name} cut at ${cut}`).toThrow(Asn1Error);
      }
    }
  });

  it('never throws anything but a RelayGateError on random bytes or on mutated fixtures (property)', () => {
    const fixtures = table.map(([, hex]) => fromHex(hex));
    const mutated = fc
      .tuple(fc.constantFrom(...fixtures), fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([bytes, at, b]) => {
        const copy = bytes.slice();
        copy[at % copy.length] = b;
        return copy;
      });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mutated), decodeOrTypedError), {
      numRuns: 10_000,
    });
  });
});

describe('ServiceError names', () => {
  it('builds a ServiceError from its name and refuses names that do not exist', () => {
    expect(serviceErrorByName('access/object-non-existent')).toEqual(serviceError(7, 2));
    expect(serviceErrorByName('initiate/max-segment-insufficient', { additionalDescription: 'x' })).toEqual({
      ...serviceError(8, 2),
      additionalDescription: 'x',
    });
    expect(() => serviceErrorByName('access/no-such-code')).toThrow(/unknown MMS ServiceError name/);
    expect(() => serviceErrorByName('nothing')).toThrow(/unknown MMS ServiceError name/);
  });
});

describe('initiate parameters', () => {
  it('proposes 65000-octet PDUs and the services a 61850 client uses', () => {
    const p = defaultInitiateRequest();
    expect(p.maxPduSize).toBe(65000);
    expect(supportsService(p.servicesSupported, 'read')).toBe(true);
    expect(supportsService(p.servicesSupported, 'getNamedVariableListAttributes')).toBe(true);
    expect(supportsService(p.servicesSupported, 'fileOpen')).toBe(false);
    expect(toHex(servicesSupported(['getNameList', 'read']).bytes.subarray(0, 1))).toBe('48');
  });
});
