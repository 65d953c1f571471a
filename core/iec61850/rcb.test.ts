import { describe, expect, it } from 'vitest';
import { fromHex, RelayGateError, toHex } from '../shared';
import { bitsFromText, bitsToText } from './bits';
import type { MmsValue } from '../mms';
import { parseObjectReference } from './object-reference';
import {
  configureWrites,
  dataSetMmsReference,
  optFldsFromBits,
  optFldsToBits,
  parseDataSetReference,
  purgeWrites,
  rcbRef,
  rcbRefFromMms,
  startWrites,
  stopWrites,
  trgOpsFromBits,
  trgOpsToBits,
  type RcbWrite,
} from './rcb';

/** A write as one line: `LLN0$RP$urcbA01$TrgOps = 011001`. */
function line(w: RcbWrite): string {
  const v: MmsValue = w.value;
  const shown =
    v.type === 'bit-string'
      ? bitsToText(v)
      : v.type === 'octet-string'
        ? toHex(v.value)
        : 'value' in v
          ? String(v.value)
          : v.type;
  return `${w.domain}/${w.item} = ${shown}`;
}

const urcb = rcbRef(parseObjectReference('LD0/LLN0.urcbA01[RP]'));
const brcb = rcbRef(parseObjectReference('LD0/LLN0.brcbMeas03[BR]'));
const config = {
  datSet: 'LD0/LLN0.Events',
  trgOps: ['dchg', 'qchg', 'gi'] as const,
  optFlds: ['seqNum', 'timeStamp', 'reasonCode', 'dataSet', 'confRev'] as const,
  intgPd: 5000,
  bufTm: 100,
};

describe('RCB references', () => {
  it('maps indexed instances to MMS names and knows buffered from the FC', () => {
    expect(urcb).toEqual({ domain: 'LD0', item: 'LLN0$RP$urcbA01', buffered: false });
    expect(brcb).toEqual({ domain: 'LD0', item: 'LLN0$BR$brcbMeas03', buffered: true });
    expect(rcbRefFromMms('LD0', 'LLN0$BR$brcbMeas03')).toEqual(brcb);
  });

  it.each(['LD0/LLN0.urcbA01[ST]', 'LD0/LLN0.urcbA01', 'LD0/LLN0.urcbA01.RptEna[RP]', 'LD0/LLN0[RP]'])(
    'refuses %s',
    (text) => {
      expect(() => rcbRef(parseObjectReference(text))).toThrow(RelayGateError);
    },
  );

  it.each([
    ['LD0/LLN0.Events', 'LD0/LLN0$Events', { ref: 'LD0/LLN0.Events', domain: 'LD0', item: 'LLN0$Events' }],
    ['LD0/LLN0$Events', 'LD0/LLN0$Events', { ref: 'LD0/LLN0.Events', domain: 'LD0', item: 'LLN0$Events' }],
    ['@Temp1', '@Temp1', { ref: '@Temp1', item: 'Temp1' }],
    ['', '', undefined],
  ])('data set reference %j', (text, mms, parsed) => {
    expect(dataSetMmsReference(text)).toBe(mms);
    expect(parseDataSetReference(text)).toEqual(parsed);
  });

  // libiec61850 1.5.3 (server_example_substitution urcb01) sends the LN alone for an RCB without a data set.
  it.each(['IED1LD1/LLN0$', 'IED1LD1/LLN0.'])('reads DatSet %j as no data set', (text) => {
    expect(parseDataSetReference(text)).toBeUndefined();
  });

  it.each(['LD0', 'LD0/LLN0', 'LD0/LLN0.A.B', 'LD 0/LLN0.DS', '@', 'LD0/LLN0.DS-1'])(
    'refuses data set reference %j',
    (text) => {
      expect(() => dataSetMmsReference(text)).toThrow(RelayGateError);
    },
  );
});

describe('OptFlds and TrgOps', () => {
  it.each([
    [['seqNum', 'timeStamp', 'reasonCode', 'dataSet', 'confRev'], '0111100010', '78 80'],
    [['dataRef', 'bufOvfl', 'entryID', 'segmentation'], '0000011101', '07 40'],
    [[], '0000000000', '00 00'],
  ] as const)('OptFlds %j is %s', (names, text, hex) => {
    const bits = optFldsToBits(names);
    expect(bitsToText(bits)).toBe(text);
    expect(toHex(bits.bytes, ' ')).toBe(hex);
    expect(optFldsFromBits(bits)).toEqual(names);
  });

  it.each([
    [['dchg', 'qchg', 'gi'], '011001', '64'],
    [['dupd', 'period'], '000110', '18'],
  ] as const)('TrgOps %j is %s', (names, text, hex) => {
    const bits = trgOpsToBits(names);
    expect(bitsToText(bits)).toBe(text);
    expect(toHex(bits.bytes)).toBe(hex);
    expect(trgOpsFromBits(bits)).toEqual(names);
  });

  it('ignores the reserved bit and bits past the defined ones when decoding', () => {
    expect(trgOpsFromBits(bitsFromText('11000101'))).toEqual(['dchg', 'gi']);
    expect(optFldsFromBits({ bitLength: 0, bytes: new Uint8Array(0) })).toEqual([]);
    expect(optFldsFromBits({ bitLength: 10, bytes: fromHex('ff c0') })).toHaveLength(9);
  });
});

describe('RCB write sequences', () => {
  it('starts a URCB: Resv, then configuration, then RptEna, then GI', () => {
    expect(startWrites(urcb, { config }).map(line)).toEqual([
      'LD0/LLN0$RP$urcbA01$Resv = true',
      'LD0/LLN0$RP$urcbA01$DatSet = LD0/LLN0$Events',
      'LD0/LLN0$RP$urcbA01$TrgOps = 011001',
      'LD0/LLN0$RP$urcbA01$OptFlds = 0111100010',
      'LD0/LLN0$RP$urcbA01$IntgPd = 5000',
      'LD0/LLN0$RP$urcbA01$BufTm = 100',
      'LD0/LLN0$RP$urcbA01$RptEna = true',
      'LD0/LLN0$RP$urcbA01$GI = true',
    ]);
    expect(stopWrites(urcb).map(line)).toEqual([
      'LD0/LLN0$RP$urcbA01$RptEna = false',
      'LD0/LLN0$RP$urcbA01$Resv = false',
    ]);
  });

  it('starts an Ed2 BRCB with ResvTms and resumes after an EntryID', () => {
    const entryId = fromHex('00 00 00 00 00 00 01 2c');
    const plan = {
      config: { datSet: 'LD0/LLN0$Meas', intgPd: 0 },
      resvTms: 60,
      resumeEntryId: entryId,
      purge: true,
      gi: false,
    };
    expect(startWrites(brcb, plan).map(line)).toEqual([
      'LD0/LLN0$BR$brcbMeas03$ResvTms = 60',
      'LD0/LLN0$BR$brcbMeas03$DatSet = LD0/LLN0$Meas',
      'LD0/LLN0$BR$brcbMeas03$IntgPd = 0',
      'LD0/LLN0$BR$brcbMeas03$EntryID = 000000000000012c',
      'LD0/LLN0$BR$brcbMeas03$RptEna = true',
    ]);
    expect(stopWrites(brcb, true).map(line)).toEqual([
      'LD0/LLN0$BR$brcbMeas03$RptEna = false',
      'LD0/LLN0$BR$brcbMeas03$ResvTms = 0',
    ]);
  });

  it('starts an Ed1 BRCB without reservation and purges when asked', () => {
    expect(startWrites(brcb, { purge: true }).map(line)).toEqual([
      'LD0/LLN0$BR$brcbMeas03$PurgeBuf = true',
      'LD0/LLN0$BR$brcbMeas03$RptEna = true',
      'LD0/LLN0$BR$brcbMeas03$GI = true',
    ]);
    expect(stopWrites(brcb).map(line)).toEqual(['LD0/LLN0$BR$brcbMeas03$RptEna = false']);
  });

  it('writes RptID before the data set when asked, with MMS types', () => {
    const writes = configureWrites(urcb, { rptId: 'Events01', datSet: '' });
    expect(writes.map((w) => [w.attribute, w.value])).toEqual([
      ['RptID', { type: 'visible-string', value: 'Events01' }],
      ['DatSet', { type: 'visible-string', value: '' }],
    ]);
  });

  it.each<[string, () => unknown]>([
    ['PurgeBuf on a URCB', () => purgeWrites(urcb)],
    ['EntryID on a URCB', () => startWrites(urcb, { resumeEntryId: new Uint8Array(8) })],
    ['a 7-octet EntryID', () => startWrites(brcb, { resumeEntryId: new Uint8Array(7) })],
    ['ResvTms 0', () => startWrites(brcb, { resvTms: 0 })],
    ['a negative IntgPd', () => configureWrites(urcb, { intgPd: -1 })],
    ['a fractional BufTm', () => configureWrites(urcb, { bufTm: 1.5 })],
    ['an unknown trigger', () => configureWrites(urcb, { trgOps: ['reserved' as 'gi'] })],
  ])('refuses %s', (_what, run) => {
    expect(run).toThrow();
  });
});
