import { describe, expect, it } from 'vitest';
import type { PointState, TrafficRecordDto } from '../../../../core/contract';
import { hexdumpLines, logText, trafficText } from './export';
import { isProblem, problemReasons } from './problems';

const record: TrafficRecordDto = {
  seq: 7,
  direction: 'received',
  time: '2026-01-01T00:00:00.000Z',
  summary: 'confirmed-response #3 read 1 results',
  invokeId: 3,
  hex: '0300001402f080' + '0100010061' + '41424344454647',
  framed: true,
  length: 40,
  tree: [
    { label: 'TPKT (RFC 1006)', value: 'version 3, length 20', offset: 0, length: 4, collapsed: true },
    { label: 'MMS (ISO 9506)', value: 'confirmed-response', children: [{ label: 'invokeId', value: '3' }] },
  ],
};

describe('exports', () => {
  it('dumps hex 16 octets a row with offsets and text', () => {
    expect(hexdumpLines(record.hex)).toEqual([
      '0000  03 00 00 14 02 f0 80 01 00 01 00 61 41 42 43 44  ...........aABCD',
      '0010  45 46 47                                         EFG',
    ]);
  });

  it('writes the traffic with each PDU line, its hex, what the tap left out and its tree expanded', () => {
    const text = trafficText('FDR1', [record, { ...record, seq: 8, framed: false, problem: 'unreadable report: Inclusion', invokeId: undefined }], 'NOW');
    expect(text.split('\n')).toEqual([
      'RelayGate MMS traffic of IED FDR1, 2 PDUs, exported NOW',
      '',
      '#7 2026-01-01T00:00:00.000Z received invoke 3 40 octets: confirmed-response #3 read 1 results',
      'frame (TPKT to MMS):',
      '  0000  03 00 00 14 02 f0 80 01 00 01 00 61 41 42 43 44  ...........aABCD',
      '  0010  45 46 47                                         EFG',
      '  … 21 more octets not kept by the tap',
      'decoded:',
      '  TPKT (RFC 1006) = version 3, length 20',
      '  MMS (ISO 9506) = confirmed-response',
      '    invokeId = 3',
      '',
      '#8 2026-01-01T00:00:00.000Z received 40 octets: confirmed-response #3 read 1 results',
      'problem: unreadable report: Inclusion',
      'MMS PDU (the ISO layers were not captured):',
      '  0000  03 00 00 14 02 f0 80 01 00 01 00 61 41 42 43 44  ...........aABCD',
      '  0010  45 46 47                                         EFG',
      '  … 21 more octets not kept by the tap',
      'decoded:',
      '  TPKT (RFC 1006) = version 3, length 20',
      '  MMS (ISO 9506) = confirmed-response',
      '    invokeId = 3',
      '',
    ]);
  });

  it('writes the log tab-separated, with tabs and newlines in messages flattened', () => {
    expect(logText([{ seq: 1, time: 'T', level: 'warn', source: 'ied:F', message: 'a\tb\nc' }])).toBe('seq\ttime\tlevel\tsource\tmessage\n1\tT\twarn\tied:F\ta b c\n');
  });
});

describe('problem points', () => {
  const ok: PointState = {
    key: 'F/a', ied: 'F', point: 'a', ref: 'LD/LN.a', fc: 'MX', type: 'float32', value: 1, numeric: 1, deviceTime: null, timeQuality: null,
    localTime: 1, seq: 1, source: 'poll', status: 'ok', test: false, reason: null,
    quality: { validity: 'good', flags: [], source: 'process', test: false, operatorBlocked: false, raw: 0, text: 'good' },
  };

  it('lists what is not ok, not good or in test, with every reason', () => {
    expect(isProblem(ok)).toBe(false);
    expect(problemReasons(ok)).toEqual([]);
    const stale = { ...ok, status: 'stale' as const, reason: 'no value for 3 s (stale timeout)' };
    expect(isProblem(stale)).toBe(true);
    expect(problemReasons(stale)).toEqual(['stale: no value for 3 s (stale timeout)']);
    const questionable = { ...ok, quality: { ...ok.quality!, validity: 'questionable' as const, text: 'questionable: oldData' } };
    expect(isProblem(questionable)).toBe(true);
    expect(problemReasons(questionable)).toEqual(['quality questionable: oldData']);
    const never = { ...ok, status: 'never' as const, quality: null, localTime: null };
    expect(problemReasons(never)).toEqual(['never: no value received since the start']);
    const test = { ...ok, test: true, quality: { ...ok.quality!, test: true } };
    expect(problemReasons(test)).toEqual(['in test (the quality’s test bit)']);
    expect(problemReasons({ ...ok, test: true })).toEqual(['in test (its LN’s Beh is test or test/blocked)']);
  });
});
