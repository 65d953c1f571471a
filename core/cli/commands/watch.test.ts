import { describe, expect, it } from 'vitest';
import type { IedClient } from '../../client';
import type { Report } from '../../iec61850';
import type { MmsTypeSpec, MmsValue, ObjectName } from '../../mms';
import { fromHex } from '../../shared';
import { formatReport, memberTypes, throttledLines } from './watch';

// Report shapes as libiec61850 1.5.3's server_example_deadband (URCB_Events01, data set AnalogEvents of
// whole MX FCDs) and server_example_simple (LLN0_Events_BuffRep01, quality leaves) send them.
const f32 = (value: number): MmsValue => ({ type: 'float', value, width: 32 });
const good: MmsValue = { type: 'bit-string', bitLength: 13, bytes: fromHex('00 00') };
/** 2026-11-23T09:24:05.602Z */
const t: MmsValue = { type: 'utc-time', seconds: 1795425845, fraction: 0x9a1cad, quality: 0 };
const struct = (...members: MmsValue[]): MmsValue => ({ type: 'structure', members });

const F32: MmsTypeSpec = { type: 'float', formatWidth: 32, exponentWidth: 8 };
const spec = (...components: [string, MmsTypeSpec][]): MmsTypeSpec => ({
  type: 'structure',
  packed: false,
  components: components.map(([name, s]) => ({ name, spec: s })),
});
const MAG = spec(['f', F32]);
/** AnInGGIO1.AnIn1 [MX] of the deadband example: instMag, mag, q, t. */
const ANIN: MmsTypeSpec = spec(
  ['instMag', MAG],
  ['mag', MAG],
  ['q', { type: 'bit-string', size: -13 }],
  ['t', { type: 'utc-time' }],
);
const member = 'IED1LD1/AnInGGIO1.AnIn1[MX]';

function report(entries: Report['entries']): Report {
  return {
    rptId: 'IED1LD1/LLN0$RP$URCB_Events01',
    seqNum: 0,
    timeOfEntry: { msOfDay: 33845608, days: 15667, epochMs: 1795425845608, iso: '2026-11-23T09:24:05.608Z' },
    dataSetSize: entries.length,
    entries,
  } as Report;
}

describe('watch report text', () => {
  const fcd = struct(struct(f32(1.5)), struct(f32(1.25)), good, t);

  it('prints a whole-FCD member like read does when its type is known', () => {
    const text = formatReport(
      report([{ index: 0, member, value: fcd, reasons: ['gi'] }]),
      new Map([[member, ANIN]]),
    );
    expect(text.split('\n')).toEqual([
      'report IED1LD1/LLN0$RP$URCB_Events01  #0  2026-11-23T09:24:05.608Z',
      '  IED1LD1/AnInGGIO1.AnIn1[MX] = 1.25  q=good  t=2026-11-23T09:24:05.602Z  (gi)',
    ]);
  });

  it('prints an FCD member as it came when its type is unknown', () => {
    const text = formatReport(report([{ index: 0, member, value: fcd, reasons: ['gi'] }]));
    expect(text.split('\n')[1]).toBe(
      '  IED1LD1/AnInGGIO1.AnIn1[MX] = [[1.5],[1.25],"0000000000000","2026-11-23T09:24:05.602Z"]  (gi)',
    );
  });

  it('prints a quality member once', () => {
    const text = formatReport(
      report([{ index: 0, member: 'SampleIEDDevice1/LLN0.Mod.q[ST]', value: good, reasons: ['gi'] }]),
    );
    expect(text.split('\n')[1]).toBe('  SampleIEDDevice1/LLN0.Mod.q[ST] = good  (gi)');
  });

  it('asks the type of each distinct member once and skips what cannot be typed', async () => {
    const asked: string[] = [];
    const client = {
      typeOf(name: ObjectName): Promise<MmsTypeSpec> {
        const text = name.scope === 'domain' ? `${name.domain}/${name.item}` : name.item;
        asked.push(text);
        return text.includes('AnIn1')
          ? Promise.resolve(ANIN)
          : Promise.reject(new Error('object-non-existent'));
      },
    } as unknown as IedClient;
    const types = await memberTypes(client, [
      member,
      member,
      'IED1LD1/AnInGGIO1.AnIn2[MX]',
      'not a reference',
    ]);
    expect(asked.sort()).toEqual(['IED1LD1/AnInGGIO1$MX$AnIn1', 'IED1LD1/AnInGGIO1$MX$AnIn2']);
    expect([...types.keys()]).toEqual([member]);
  });
});

describe('throttledLines', () => {
  it('writes at most N lines a second and says how many it held back', () => {
    let clock = 0;
    const out: string[] = [];
    const line = throttledLines((l) => out.push(l), 2, () => clock);
    for (let i = 0; i < 5; i++) line(`bad report ${i}`);
    expect(out).toEqual(['bad report 0', 'bad report 1']);
    clock = 1000;
    line('bad report 5');
    expect(out.slice(2)).toEqual(['3 more such lines not shown', 'bad report 5']);
    line('bad report 6');
    line('bad report 7');
    line.flush();
    expect(out.slice(4)).toEqual(['bad report 6', '1 more such line not shown']);
  });
});
