import { describe, expect, it } from 'vitest';
import { fromHex, RelayGateError } from '../shared';
import { bitsFromText } from './bits';
import type { MmsValue } from '../mms';
import { BRCB_ATTRIBUTES, URCB_ATTRIBUTES } from './rcb';
import { parseRcbState } from './rcb-state';

const vs = (value: string): MmsValue => ({ type: 'visible-string', value });
const b = (value: boolean): MmsValue => ({ type: 'boolean', value });
const u = (value: number | bigint): MmsValue => ({ type: 'unsigned', value });
const i = (value: number): MmsValue => ({ type: 'integer', value });
const bits = (text: string): MmsValue => ({ type: 'bit-string', ...bitsFromText(text) });
const os = (hex: string): MmsValue => ({ type: 'octet-string', value: fromHex(hex) });
const struct = (members: MmsValue[]): MmsValue => ({ type: 'structure', members });

/** URCB Ed1: RptID, RptEna, Resv, DatSet, ConfRev, OptFlds, BufTm, SqNum, TrgOps, IntgPd, GI. */
const urcbEd1 = [
  vs('Events01'),
  b(true),
  b(true),
  vs('LD0/LLN0$Events'),
  u(3),
  bits('0111100010'),
  u(100),
  u(17),
  bits('011001'),
  u(5000),
  b(false),
];

/** BRCB Ed1: ..., PurgeBuf, EntryID, TimeofEntry (2026-01-01T12:34:56.789Z). */
const brcbEd1 = [
  vs('Meas03'),
  b(false),
  vs('LD0/LLN0$Meas'),
  u(1),
  bits('0111111111'),
  u(0),
  u(65535),
  bits('011111'),
  u(0),
  b(false),
  b(false),
  os('00 00 00 00 00 00 01 2c'),
  { type: 'binary-time', msOfDay: 45296789, days: 15341 } as MmsValue,
];

describe('RCB state', () => {
  it('parses an Ed1 URCB by position', () => {
    expect(parseRcbState(struct(urcbEd1), false)).toEqual({
      buffered: false,
      rptId: 'Events01',
      rptEna: true,
      resv: true,
      datSet: 'LD0/LLN0$Events',
      dataSet: { ref: 'LD0/LLN0.Events', domain: 'LD0', item: 'LLN0$Events' },
      confRev: 3,
      optFlds: ['seqNum', 'timeStamp', 'reasonCode', 'dataSet', 'confRev'],
      bufTm: 100,
      sqNum: 17,
      trgOps: ['dchg', 'qchg', 'gi'],
      intgPd: 5000,
      gi: false,
    });
  });

  it('parses an Ed2 URCB with Owner', () => {
    const state = parseRcbState(struct([...urcbEd1, os('7f 00 00 01')]), false);
    expect(state.owner).toEqual(fromHex('7f000001'));
  });

  it.each([
    ['Ed1 (13 members)', [], {}],
    ['Ed2 with ResvTms only', [i(-1)], { resvTms: -1 }],
    [
      'Ed2 with Owner only (libiec61850 without ResvTms)',
      [os('00 00 00 00')],
      { owner: fromHex('00000000') },
    ],
    ['Ed2 with ResvTms and Owner', [i(30), os('c0 a8 00 02')], { resvTms: 30, owner: fromHex('c0a80002') }],
  ])('parses a BRCB: %s', (_what, extra, expected) => {
    const state = parseRcbState(struct([...brcbEd1, ...extra]), true);
    expect(state).toMatchObject({
      buffered: true,
      rptId: 'Meas03',
      sqNum: 65535,
      purgeBuf: false,
      ...expected,
    });
    expect(state.entryId).toEqual(fromHex('000000000000012c'));
    expect(state.timeOfEntry?.iso).toBe('2026-01-01T12:34:56.789Z');
    expect(state.optFlds).toContain('segmentation');
    expect(state).not.toHaveProperty('resv');
  });

  it('uses component names when the type description gives them, in any order', () => {
    const names = [...BRCB_ATTRIBUTES.slice(0, 12), 'TimeOfEntry', 'Owner', 'VendorX'];
    const state = parseRcbState(struct([...brcbEd1, os('01'), u(9)]), true, names);
    expect(state.owner).toEqual(fromHex('01'));
    expect(state.timeOfEntry?.days).toBe(15341);

    const swapped = [...urcbEd1];
    [swapped[0], swapped[3]] = [swapped[3]!, swapped[0]!];
    const urcbNames: string[] = URCB_ATTRIBUTES.slice(0, 11);
    [urcbNames[0], urcbNames[3]] = ['DatSet', 'RptID'];
    expect(parseRcbState(struct(swapped), false, urcbNames)).toMatchObject({
      rptId: 'Events01',
      datSet: 'LD0/LLN0$Events',
    });
  });

  it('accepts integer for unsigned and an empty or odd DatSet', () => {
    const members = [...urcbEd1];
    members[4] = i(3);
    members[3] = vs('');
    expect(parseRcbState(struct(members), false)).toMatchObject({ confRev: 3, datSet: '' });
    members[3] = vs('not a reference');
    const state = parseRcbState(struct(members), false);
    expect(state.datSet).toBe('not a reference');
    expect(state).not.toHaveProperty('dataSet');
  });

  it.each<[string, MmsValue, boolean, readonly string[] | undefined, string]>([
    ['not a structure', u(1), false, undefined, 'structure'],
    ['a URCB missing GI', struct(urcbEd1.slice(0, 10)), false, undefined, 'GI is missing'],
    [
      'RptEna as an integer',
      struct(urcbEd1.map((m, k) => (k === 1 ? i(1) : m))),
      false,
      undefined,
      'RptEna should be boolean',
    ],
    [
      'a negative ConfRev',
      struct(urcbEd1.map((m, k) => (k === 4 ? i(-3) : m))),
      false,
      undefined,
      'ConfRev is negative',
    ],
    [
      'a 2^64 SqNum',
      struct(urcbEd1.map((m, k) => (k === 7 ? u(2n ** 64n) : m))),
      false,
      undefined,
      'SqNum is negative or too large',
    ],
    ['a URCB read as a BRCB', struct(urcbEd1), true, undefined, 'should be'],
    ['too many members', struct([...brcbEd1, i(1), os('00'), u(1)]), true, undefined, 'past the last'],
    ['names that do not match the count', struct(urcbEd1), false, ['RptID'], 'names 1 components'],
    ['40 members', struct(Array.from({ length: 40 }, () => b(true))), false, undefined, 'at most 32'],
  ])('refuses %s', (_what, value, buffered, names, message) => {
    let error: unknown;
    try {
      parseRcbState(value, buffered, names);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RelayGateError);
    expect((error as RelayGateError).code).toBe('bad-rcb');
    expect((error as RelayGateError).message).toContain(message);
  });
});
