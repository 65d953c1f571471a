import { describe, expect, it } from 'vitest';
import { Asn1Error, BerReader } from '../asn1';
import { RelayGateError, fromHex, toHex } from '../shared';
import { MmsError } from './errors';
import { capturedPdus } from './fixtures';
import * as browse from './fixtures/libiec61850-browse';
import * as data from './fixtures/libiec61850-data';
import { domainName } from './object-name';
import { decodeMmsPdu, encodeMmsPdu, type MmsPdu } from './pdu';
import { dataSizeBound } from './services/read-size';
import { supportedServiceNames, supportsService } from './services/initiate';
import { summarizeMmsPdu } from './summary';
import { dataAccessError, type MmsValue } from './value';

/*
 * Decoding the PDUs a real libiec61850 client and server exchange (fixtures/libiec61850-*.ts), and
 * encoding them back byte for byte, so our client reads that server and our simulator can answer that
 * client.
 */

const SIO = 'simpleIOGenericIO';

function decodeHex(hex: string): MmsPdu {
  return decodeMmsPdu(fromHex(hex));
}

function field<K extends MmsPdu['kind']>(pdu: MmsPdu, kind: K): MmsPdu & { kind: K } {
  expect(pdu.kind).toBe(kind);
  return pdu as MmsPdu & { kind: K };
}

function response(hex: string) {
  return field(decodeHex(hex), 'confirmed-response').response;
}

const bool = (value: boolean): MmsValue => ({ type: 'boolean', value });

describe('libiec61850 browse PDUs', () => {
  it('initiate response: negotiated sizes and the services the server offers', () => {
    const { params } = field(decodeHex(browse.INITIATE_RESPONSE_2000), 'initiate-response');
    expect(params).toMatchObject({
      maxPduSize: 2000,
      maxServOutstandingCalling: 5,
      maxServOutstandingCalled: 5,
      dataStructureNestingLevel: 10,
      versionNumber: 1,
    });
    expect(supportedServiceNames(params.servicesSupported)).toEqual([
      'status',
      'getNameList',
      'identify',
      'read',
      'write',
      'getVariableAccessAttributes',
      'defineNamedVariableList',
      'getNamedVariableListAttributes',
      'deleteNamedVariableList',
      'informationReport',
      'conclude',
      'cancel',
    ]);
    expect(supportsService(params.servicesSupported, 'fileOpen')).toBe(false);
  });

  it('identify response', () => {
    expect(response(browse.IDENTIFY_RESPONSE)).toEqual({
      service: 'identify',
      vendorName: 'MZ',
      modelName: 'basic io',
      revision: '1.4.2',
    });
  });

  it('GetNameList: domains, an empty last page, and a page whose absent moreFollows means TRUE', () => {
    expect(response(browse.GET_NAME_LIST_DOMAINS_RESPONSE)).toEqual({
      service: 'getNameList',
      identifiers: [SIO],
      moreFollows: false,
    });
    expect(response(browse.GET_NAME_LIST_EMPTY_RESPONSE)).toEqual({
      service: 'getNameList',
      identifiers: [],
      moreFollows: false,
    });
    const page = response(browse.GET_NAME_LIST_FIRST_PAGE);
    if (page.service !== 'getNameList') throw new Error('not a getNameList response');
    expect(page.moreFollows).toBe(true);
    expect(page.identifiers).toHaveLength(39);
    expect(page.identifiers.slice(0, 3)).toEqual(['GGIO1', 'GGIO1$CF', 'GGIO1$CF$Mod']);
    expect(page.identifiers.at(-1)).toBe('GGIO1$CO$SPCSO3$Oper$origin');
  });

  it('GetVariableAccessAttributes of an FCD: the full recursive type, and its size bound', () => {
    const r = response(browse.GVAA_ANIN_RESPONSE);
    if (r.service !== 'getVariableAccessAttributes') throw new Error('not a GVAA response');
    expect(r.mmsDeletable).toBe(false);
    expect(r.typeSpec).toEqual(browse.ANIN_TYPE_SPEC);
    expect(dataSizeBound(r.typeSpec)).toBe(26);
  });

  it('GetNamedVariableListAttributes: the data set members', () => {
    expect(response(browse.GNVLA_EVENTS_RESPONSE)).toEqual({
      service: 'getNamedVariableListAttributes',
      mmsDeletable: false,
      variables: [1, 2, 3, 4].map((i) => domainName(SIO, `GGIO1$ST$SPCSO${i}$stVal`)),
    });
  });

  it('a confirmed-ErrorPDU names the error class and code', () => {
    const pdu = field(decodeHex(browse.GVAA_NON_EXISTENT_ERROR), 'confirmed-error');
    expect([pdu.invokeId, pdu.error.name]).toEqual([2, 'access/object-non-existent']);
  });
});

describe('libiec61850 data PDUs', () => {
  it('read response: values and a per-item DataAccessError, as values', () => {
    const r = response(data.READ_FIVE_RESPONSE);
    if (r.service !== 'read') throw new Error('not a read response');
    expect(r.results).toHaveLength(5);
    const first = r.results[0];
    expect(first?.ok && first.value.type === 'float' ? first.value.value : NaN).toBeCloseTo(-0.8534684, 6);
    expect(r.results.slice(1)).toEqual([
      { ok: true, value: bool(false) },
      { ok: true, value: { type: 'integer', value: 1 } },
      { ok: true, value: { type: 'visible-string', value: 'libiec61850.com' } },
      { ok: false, error: dataAccessError(10) },
    ]);
  });

  it('read of a data set by name, with the name echoed in the response', () => {
    const list = { kind: 'named-list', name: domainName(SIO, 'LLN0$Events') } as const;
    expect(field(decodeHex(data.READ_DATA_SET_REQUEST), 'confirmed-request').request).toEqual({
      service: 'read',
      specificationWithResult: true,
      access: list,
    });
    expect(response(data.READ_DATA_SET_RESPONSE)).toEqual({
      service: 'read',
      access: list,
      results: [1, 2, 3, 4].map(() => ({ ok: true, value: bool(false) })),
    });
  });

  it('read of a whole URCB: one structure in the RCB attribute order', () => {
    const r = response(data.READ_URCB_RESPONSE);
    const v = r.service === 'read' && r.results[0]?.ok ? r.results[0].value : undefined;
    if (v?.type !== 'structure') throw new Error('expected a structure');
    expect(v.members).toHaveLength(11);
    expect(v.members[0]).toEqual({ type: 'visible-string', value: 'Events1' });
    expect(v.members[3]).toEqual({ type: 'visible-string', value: `${SIO}/LLN0$Events` });
    expect(v.members[9]).toEqual({ type: 'unsigned', value: 5000 });
  });

  it('write of two RCB attributes, all succeeding, and a write the server denies', () => {
    const req = field(decodeHex(data.WRITE_TWO_REQUEST), 'confirmed-request').request;
    expect(req).toEqual({
      service: 'write',
      access: {
        kind: 'list',
        variables: [
          domainName(SIO, 'LLN0$RP$EventsRCB01$TrgOps'),
          domainName(SIO, 'LLN0$RP$EventsRCB01$RptEna'),
        ],
      },
      values: [{ type: 'bit-string', bitLength: 6, bytes: fromHex('64') }, bool(true)],
    });
    expect(response(data.WRITE_TWO_RESPONSE)).toEqual({
      service: 'write',
      results: [{ ok: true }, { ok: true }],
    });
    expect(response(data.WRITE_DENIED_RESPONSE)).toEqual({
      service: 'write',
      results: [{ ok: false, error: dataAccessError(3) }],
    });
  });

  it('unbuffered report after a GI: an InformationReport on the "RPT" list', () => {
    const { report } = field(decodeHex(data.URCB_REPORT), 'information-report');
    expect(report.access).toEqual({ kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } });
    expect(report.results).toHaveLength(15);
    expect(report.results[3]).toEqual({
      ok: true,
      value: { type: 'binary-time', msOfDay: 32512441, days: 15667 },
    });
    expect(report.results.at(-1)).toEqual({
      ok: true,
      value: { type: 'bit-string', bitLength: 6, bytes: fromHex('04') },
    });
  });

  it('buffered report with EntryID and a partial inclusion', () => {
    const { report } = field(decodeHex(data.BRCB_REPORT), 'information-report');
    expect(report.results).toHaveLength(17);
    expect(report.results[6]).toEqual({
      ok: true,
      value: { type: 'octet-string', value: fromHex('00 00 01 a2 07 a0 3a ed') },
    });
    expect(report.results[8]).toEqual({
      ok: true,
      value: { type: 'bit-string', bitLength: 8, bytes: fromHex('aa') },
    });
  });
});

const fixtures = capturedPdus();

describe('libiec61850 PDUs: encoding and hostile copies', () => {
  it.each(fixtures)('%s encodes back to the same bytes and has a summary', (name, hex) => {
    const bytes = fromHex(hex);
    const pdu = decodeMmsPdu(bytes);
    expect(summarizeMmsPdu(pdu)).not.toBe('');
    const again = encodeMmsPdu(pdu);
    if (name === 'GET_NAME_LIST_FIRST_PAGE') {
      // We always send moreFollows; libiec61850 leaves out the DEFAULT TRUE. Same meaning, 3 more octets.
      expect(again.length).toBe(bytes.length + 3);
      expect(decodeMmsPdu(again)).toEqual(pdu);
    } else {
      expect(toHex(again)).toBe(toHex(bytes));
    }
  });

  it('summarizes in one line what the traffic tap shows', () => {
    expect(summarizeMmsPdu(decodeHex(data.READ_FIVE_RESPONSE))).toBe(
      'confirmed-response #1 read 5 results (1 failed)',
    );
    expect(summarizeMmsPdu(decodeHex(browse.GET_NAME_LIST_FIRST_PAGE))).toBe(
      'confirmed-response #1 getNameList 39 names, more follow',
    );
    expect(summarizeMmsPdu(decodeHex(data.BRCB_REPORT))).toBe('information-report list RPT, 17 items');
  });

  it.each(fixtures)('%s: every truncation is a typed BER error', (_name, hex) => {
    const bytes = fromHex(hex);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decodeMmsPdu(bytes.subarray(0, cut))).toThrow(Asn1Error);
    }
  });

  it.each(fixtures)(
    '%s: every length octet one more or one less is refused with a typed error',
    (_name, hex) => {
      const bytes = fromHex(hex);
      for (const at of lengthOctets(bytes)) {
        for (const delta of [1, -1]) {
          const copy = bytes.slice();
          copy[at] = ((copy[at] as number) + delta) & 0xff;
          expect(() => decodeMmsPdu(copy), `length octet at ${at} ${delta > 0 ? '+1' : '-1'}`).toThrow(
            RelayGateError,
          );
        }
      }
    },
  );

  it('an unknown PDU tag and an unknown service tag are named, and the invoke id is kept', () => {
    const pdu = fromHex(data.WRITE_TWO_RESPONSE);
    expect(() => decodeMmsPdu(Uint8Array.of(0xae, ...pdu.subarray(1)))).toThrow(/unsupported MMS PDU \[14\]/);
    const unknownService = pdu.slice();
    unknownService[5] = 0xbe; // write [5] becomes [30], a service we do not implement
    expect(() => decodeMmsPdu(unknownService)).toThrow(
      expect.objectContaining({
        code: 'unknown-service',
        invokeId: 2,
        message: expect.stringContaining('[30]'),
      }),
    );
    const badBody = pdu.slice();
    badBody[7] = 0x82; // success [1] NULL becomes [2]: not a Write-Response alternative
    let caught: unknown;
    try {
      decodeMmsPdu(badBody);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MmsError);
    expect(caught).toMatchObject({ code: 'bad-pdu', invokeId: 2, offset: 7 });
  });
});

/** Offsets of the last length octet of every TLV in a well-formed BER buffer (short-form lengths only). */
function lengthOctets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const stack = [new BerReader(bytes)];
  while (stack.length > 0) {
    const reader = stack.pop() as BerReader;
    while (reader.hasMore()) {
      const tlv = reader.next();
      if (tlv.valueStart - tlv.start === 2) out.push(tlv.start + 1);
      if (tlv.constructed) stack.push(reader.children(tlv));
    }
  }
  return out;
}
