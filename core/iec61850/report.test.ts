import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BerReader } from '../asn1';
import { dataAccessError, decodeData, type AccessResult, type MmsValue } from '../mms';
import { fromHex } from '../shared';
import { bitsFromText } from './bits';
import { optFldsToBits, type OptField } from './rcb';
import {
  dataRefToObjectReference,
  isReportAccess,
  parseReport,
  parseReportHeader,
  ReportError,
  type ReportOptions,
} from './report';
import { ReportAssembler } from './report-segments';

const vs = (value: string): MmsValue => ({ type: 'visible-string', value });
const b = (value: boolean): MmsValue => ({ type: 'boolean', value });
const u = (value: number): MmsValue => ({ type: 'unsigned', value });
const f = (value: number): MmsValue => ({ type: 'float', value, width: 32 });
const bits = (text: string): MmsValue => ({ type: 'bit-string', ...bitsFromText(text) });
const opt = (...names: OptField[]): MmsValue => ({ type: 'bit-string', ...optFldsToBits(names) });
const failure = (code: number): AccessResult => ({ ok: false, error: dataAccessError(code) });

/** Items as the MMS decoder gives them: plain values here are successful access results. */
type ReportItem = MmsValue | AccessResult;
const results = (items: readonly ReportItem[]): AccessResult[] =>
  items.map((i) => ('ok' in i ? i : { ok: true, value: i }));
const parse = (items: readonly ReportItem[], options?: ReportOptions) => parseReport(results(items), options);

const MEMBERS = [
  'LD0/XCBR1.Pos[ST]',
  'LD0/MMXU1.TotW.mag.f[MX]',
  'LD0/LLN0.Mod.stVal[ST]',
  'LD0/GGIO1.Ind1.stVal[ST]',
];
/** XCBR1.Pos[ST] as a whole FCD: stVal (closed), q (good), t. */
const pos: MmsValue = {
  type: 'structure',
  members: [
    bits('10'),
    { type: 'bit-string', bitLength: 13, bytes: fromHex('00 00') },
    { type: 'utc-time', seconds: 1767225600, fraction: 0, quality: 0x8a },
  ],
};
const toe: MmsValue = { type: 'binary-time', msOfDay: 45296789, days: 15341 };
const entryId: MmsValue = { type: 'octet-string', value: fromHex('00 00 00 00 00 00 01 2c') };

/** The listOfAccessResult of a report as a server sends it: every item a successful Data element. */
const REPORT_BYTES = `
8a 08 45 76 65 6e 74 73 30 31           # RptID "Events01"
84 03 06 78 80                          # OptFlds 0111100010: seqNum, timeStamp, reasonCode, dataSet, confRev
86 01 11                                # SeqNum 17
8c 06 02 b3 2c 95 3b ed                 # TimeOfEntry: 45296789 ms of day 15341 = 2026-01-01T12:34:56.789Z
8a 0f 4c 44 30 2f 4c 4c 4e 30 24 45 76 65 6e 74 73   # DatSet "LD0/LLN0$Events"
86 01 03                                # ConfRev 3
84 02 04 50                             # Inclusion 0101: members 1 and 3
87 05 08 41 48 00 00                    # member 1 value: float32 12.5
83 01 ff                                # member 3 value: true
84 02 01 40                             # member 1 ReasonCode 0100000: dchg
84 02 01 0c                             # member 3 ReasonCode 0000110: integrity, GI
`;

function decodeItems(hex: string): AccessResult[] {
  const reader = new BerReader(fromHex(hex));
  const out: AccessResult[] = [];
  while (reader.hasMore()) out.push({ ok: true, value: decodeData(reader, reader.next()) });
  return out;
}

describe('reports', () => {
  it('decodes a report from its bytes', () => {
    const report = parseReport(decodeItems(REPORT_BYTES), { members: MEMBERS });
    expect(report).toMatchObject({
      rptId: 'Events01',
      seqNum: 17,
      datSet: 'LD0/LLN0$Events',
      confRev: 3,
      dataSetSize: 4,
    });
    expect(report.timeOfEntry?.iso).toBe('2026-01-01T12:34:56.789Z');
    expect(report.entries).toEqual([
      { index: 1, member: MEMBERS[1], value: f(12.5), reasons: ['dchg'] },
      { index: 3, member: MEMBERS[3], value: b(true), reasons: ['integrity', 'gi'] },
    ]);
  });

  it('refuses altered copies of those bytes', () => {
    const altered = (from: string, to: string) => () =>
      parseReport(decodeItems(REPORT_BYTES.replace(from, to)), { members: MEMBERS });
    expect(altered('84 02 04 50', '84 02 03 50')).toThrow(/Inclusion.*5 bits for a data set of 4/); // 5-bit inclusion
    expect(altered('84 02 04 50', '84 02 04 d0')).toThrow(/3 members included/); // one more member, no value
    expect(altered('86 01 11', '85 01 11')).not.toThrow(); // an integer SeqNum is accepted when not negative
    expect(altered('86 01 03', '83 01 03')).toThrow(/ConfRev \(item 5\)/); // ConfRev as a boolean
  });

  it('decodes a minimal report (no optional fields) and maps values to members', () => {
    const report = parse([vs('Events01'), opt(), bits('1010'), pos, { type: 'integer', value: 1 }], {
      members: MEMBERS,
    });
    expect(report).toEqual({
      rptId: 'Events01',
      optFlds: [],
      dataSetSize: 4,
      entries: [
        { index: 0, member: 'LD0/XCBR1.Pos[ST]', value: pos },
        { index: 2, member: 'LD0/LLN0.Mod.stVal[ST]', value: { type: 'integer', value: 1 } },
      ],
    });
  });

  it('decodes every optional field in its place', () => {
    const items: ReportItem[] = [
      vs('Events01'), // RptID
      opt('seqNum', 'timeStamp', 'reasonCode', 'dataSet', 'dataRef', 'bufOvfl', 'entryID', 'confRev'),
      u(17), // SeqNum
      toe, // TimeOfEntry
      vs('LD0/LLN0$Events'), // DatSet
      b(false), // BufOvfl
      entryId, // EntryID
      u(3), // ConfRev
      bits('0101'), // Inclusion: members 1 and 3
      vs('LD0/MMXU1$MX$TotW$mag$f'), // data-reference of member 1
      vs('LD0/GGIO1$ST$Ind1$stVal'), // data-reference of member 3
      f(12.5), // value of member 1
      b(true), // value of member 3
      bits('0100000'), // ReasonCode of member 1: dchg
      bits('000011'), // ReasonCode of member 3: integrity + GI (an Ed1 6-bit code)
    ];
    const report = parse(items, { members: MEMBERS });
    expect(report).toMatchObject({
      rptId: 'Events01',
      seqNum: 17,
      timeOfEntry: { iso: '2026-01-01T12:34:56.789Z' },
      datSet: 'LD0/LLN0$Events',
      bufOvfl: false,
      entryId: fromHex('000000000000012c'),
      confRev: 3,
      dataSetSize: 4,
    });
    expect(report).not.toHaveProperty('subSeqNum');
    expect(report.entries).toEqual([
      { index: 1, member: MEMBERS[1], dataRef: 'LD0/MMXU1$MX$TotW$mag$f', value: f(12.5), reasons: ['dchg'] },
      {
        index: 3,
        member: MEMBERS[3],
        dataRef: 'LD0/GGIO1$ST$Ind1$stVal',
        value: b(true),
        reasons: ['integrity', 'gi'],
      },
    ]);
  });

  it.each<[string, OptField[], ReportItem[], Record<string, unknown>]>([
    ['SeqNum', ['seqNum'], [u(65535)], { seqNum: 65535 }],
    [
      'TimeOfEntry',
      ['timeStamp'],
      [toe],
      {
        timeOfEntry: {
          msOfDay: 45296789,
          days: 15341,
          epochMs: 1767270896789,
          iso: '2026-01-01T12:34:56.789Z',
        },
      },
    ],
    ['DatSet', ['dataSet'], [vs('LD0/LLN0$Events')], { datSet: 'LD0/LLN0$Events' }],
    ['BufOvfl', ['bufOvfl'], [b(true)], { bufOvfl: true }],
    ['EntryID', ['entryID'], [entryId], { entryId: fromHex('000000000000012c') }],
    ['ConfRev', ['confRev'], [u(1)], { confRev: 1 }],
    ['segmentation', ['segmentation'], [u(2), b(true)], { subSeqNum: 2, moreSegmentsFollow: true }],
  ])('decodes a report with only %s', (_field, fields, header, expected) => {
    const report = parse([vs('R'), opt(...fields), ...header, bits('0001'), b(true)], {
      members: MEMBERS,
    });
    expect(report).toMatchObject({ ...expected, optFlds: fields });
    expect(report.entries).toEqual([{ index: 3, member: MEMBERS[3], value: b(true) }]);
  });

  it('keeps DataAccessErrors as entries and works without a member list', () => {
    const report = parse([vs('R'), opt(), bits('11000'), failure(10), f(1)]);
    expect(report.entries).toEqual([
      { index: 0, accessError: { code: 10, name: 'object-non-existent' } },
      { index: 1, value: f(1) },
    ]);
    expect(report.dataSetSize).toBe(5);
  });

  it('finds the members from the header', () => {
    const seen: string[] = [];
    const report = parse([vs('Events01'), opt('dataSet'), vs('LD0/LLN0$Events'), bits('0010'), u(1)], {
      members: (h) => {
        seen.push(`${h.rptId} ${h.datSet}`);
        return MEMBERS;
      },
    });
    expect(seen).toEqual(['Events01 LD0/LLN0$Events']);
    expect(report.entries[0]?.member).toBe('LD0/LLN0.Mod.stVal[ST]');
    expect(parseReportHeader(results([vs('X'), opt('confRev'), u(4)]))).toEqual({
      rptId: 'X',
      optFlds: ['confRev'],
      confRev: 4,
    });
  });

  it.each([
    ['LD0/MMXU1$MX$TotW$mag$f', 'LD0/MMXU1.TotW.mag.f[MX]'],
    ['LD0/XCBR1$ST$Pos', 'LD0/XCBR1.Pos[ST]'],
    ['MMXU1$MX$TotW', undefined],
    ['LD0/MMXU1$XX$TotW', undefined],
    ['/MMXU1$MX$TotW', undefined],
  ])('turns data-reference %s into %s', (dataRef, ref) => {
    expect(dataRefToObjectReference(dataRef)).toBe(ref);
  });

  it('recognises the RPT variable list', () => {
    expect(isReportAccess({ kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } })).toBe(true);
    expect(
      isReportAccess({ kind: 'named-list', name: { scope: 'domain', domain: 'LD0', item: 'RPT' } }),
    ).toBe(false);
    expect(isReportAccess({ kind: 'list' })).toBe(false);
  });

  it('decodes an empty inclusion (no members included)', () => {
    expect(
      parse([vs('R'), opt('dataRef', 'reasonCode'), bits('0000')], { members: MEMBERS }).entries,
    ).toEqual([]);
  });

  it.each<[string, ReportItem[], string, number]>([
    ['no items', [], 'RptID', 0],
    ['RptID as an integer', [u(1), opt(), bits('1'), b(true)], 'RptID', 0],
    ['RptID as a DataAccessError', [failure(3)], 'RptID', 0],
    ['OptFlds missing', [vs('R')], 'OptFlds', 1],
    ['OptFlds as a boolean', [vs('R'), b(true)], 'OptFlds', 1],
    ['SeqNum missing', [vs('R'), opt('seqNum')], 'SeqNum', 2],
    ['SeqNum negative', [vs('R'), opt('seqNum'), { type: 'integer', value: -1 }], 'SeqNum', 2],
    ['TimeOfEntry as utc-time', [vs('R'), opt('timeStamp'), pos.members[2]!], 'TimeOfEntry', 2],
    ['DatSet as a boolean', [vs('R'), opt('seqNum', 'dataSet'), u(1), b(true)], 'DatSet', 3],
    ['BufOvfl as unsigned', [vs('R'), opt('bufOvfl'), u(1)], 'BufOvfl', 2],
    ['EntryID as a string', [vs('R'), opt('entryID'), vs('x')], 'EntryID', 2],
    ['ConfRev as a float', [vs('R'), opt('confRev'), f(1)], 'ConfRev', 2],
    ['MoreSegmentsFollow missing', [vs('R'), opt('segmentation'), u(0)], 'MoreSegmentsFollow', 3],
    ['Inclusion missing', [vs('R'), opt()], 'Inclusion', 2],
    ['Inclusion of the wrong length', [vs('R'), opt(), bits('101'), b(true), b(true)], 'Inclusion', 2],
    [
      'Inclusion longer than its octets',
      [vs('R'), opt(), { type: 'bit-string', bitLength: 4000, bytes: fromHex('f0') }],
      'Inclusion',
      2,
    ],
    ['a value missing', [vs('R'), opt(), bits('1100'), b(true)], 'Inclusion', 2],
    ['an extra item', [vs('R'), opt(), bits('1000'), b(true), b(true)], 'Inclusion', 2],
    [
      'a data-reference as a boolean',
      [vs('R'), opt('dataRef'), bits('1000'), b(true), b(true)],
      'data-reference',
      3,
    ],
    [
      'a ReasonCode as a boolean',
      [vs('R'), opt('reasonCode'), bits('1000'), b(true), b(true)],
      'ReasonCode',
      4,
    ],
    [
      'a ReasonCode longer than its octets',
      [
        vs('R'),
        opt('reasonCode'),
        bits('1000'),
        b(true),
        { type: 'bit-string', bitLength: 9, bytes: fromHex('40') },
      ],
      'ReasonCode',
      4,
    ],
  ])('refuses %s, naming the field and item', (_what, items, field, index) => {
    let error: unknown;
    try {
      parse(items, { members: MEMBERS });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportError);
    expect(error).toMatchObject({ layer: 'iec61850', code: 'bad-report', field, index });
  });

  it('throws nothing but ReportError on random item lists', () => {
    const item = fc.oneof(
      fc.constant(vs('R')),
      fc.boolean().map(b),
      fc.nat(70000).map(u),
      fc.integer().map((value): MmsValue => ({ type: 'integer', value })),
      fc.constant(toe),
      fc.constant(entryId),
      fc.constant(failure(7)),
      fc
        .uint8Array({ maxLength: 3 })
        .chain((bytes) =>
          fc
            .nat(bytes.length * 8 + 2)
            .map((bitLength): MmsValue => ({ type: 'bit-string', bitLength, bytes })),
        ),
    );
    fc.assert(
      fc.property(
        fc.nat(1023),
        fc.array(item, { maxLength: 24 }),
        fc.boolean(),
        (optBits, rest, withMembers) => {
          // A valid RptID and random OptFlds most of the time, so the fuzzing reaches past the header.
          const optFlds: MmsValue = {
            type: 'bit-string',
            bitLength: 10,
            bytes: Uint8Array.of(optBits >> 2, (optBits & 3) << 6),
          };
          const items = optBits % 8 === 0 ? rest : [vs('R'), optFlds, ...rest];
          try {
            const report = parse(items, withMembers ? { members: MEMBERS } : {});
            expect(report.entries.length).toBeLessThanOrEqual(items.length);
          } catch (e) {
            if (!(e instanceof ReportError)) throw e;
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('segmented reports', () => {
  const segment = (seqNum: number, sub: number, more: boolean, inclusion: string, values: MmsValue[]) =>
    parse(
      [vs('Meas03'), opt('seqNum', 'segmentation'), u(seqNum), u(sub), b(more), bits(inclusion), ...values],
      { members: MEMBERS },
    );

  it('decodes SubSeqNum and MoreSegmentsFollow and joins the segments', () => {
    const first = segment(5, 0, true, '1100', [pos, f(1)]);
    expect(first).toMatchObject({ seqNum: 5, subSeqNum: 0, moreSegmentsFollow: true });
    const assembler = new ReportAssembler();
    expect(assembler.push(first)).toBeUndefined();
    expect(assembler.push(segment(5, 1, true, '0010', [u(1)]))).toBeUndefined();
    const whole = assembler.push(segment(5, 2, false, '0001', [b(true)]));
    expect(whole).toMatchObject({ seqNum: 5, subSeqNum: 0, moreSegmentsFollow: false });
    expect(whole?.entries.map((e) => e.member)).toEqual(MEMBERS);
    expect(assembler.dropped).toBe(0);
  });

  it('passes unsegmented reports through and drops a report with a missing segment', () => {
    const assembler = new ReportAssembler();
    const plain = parse([vs('R'), opt(), bits('1000'), pos], { members: MEMBERS });
    expect(assembler.push(plain)).toBe(plain);
    assembler.push(segment(6, 0, true, '1000', [pos]));
    expect(assembler.push(segment(6, 2, false, '0001', [b(true)]))).toBeUndefined(); // 1 is missing
    expect(assembler.dropped).toBe(2); // the pending report, then the orphan segment
    assembler.push(segment(7, 0, true, '1000', [pos]));
    const next = assembler.push(segment(8, 0, false, '0100', [f(2)])); // a new SeqNum replaces 7
    expect(next?.seqNum).toBe(8);
    expect(assembler.dropped).toBe(3);
  });

  it('bounds the reports in progress', () => {
    const assembler = new ReportAssembler({ limits: { maxInProgress: 2 } });
    for (const id of ['A', 'B', 'C']) {
      assembler.push(parse([vs(id), opt('segmentation'), u(0), b(true), bits('1'), b(true)]));
    }
    expect(assembler.dropped).toBe(1);
    assembler.clear();
    expect(
      assembler.push(parse([vs('A'), opt('segmentation'), u(1), b(false), bits('1'), b(true)])),
    ).toBeUndefined();
  });
});
