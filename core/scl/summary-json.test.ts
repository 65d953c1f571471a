import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SclFile } from './file';
import { summaryOf } from './summary';
import { summaryJsonChunks } from './summary-json';

const FEEDER = readFileSync(join(import.meta.dirname, 'fixtures', 'feeder-relay.cid'), 'utf8');

/** The feeder relay's IED `n` times over (FDR1 … FDRn). */
function station(n: number): string {
  const ied = FEEDER.slice(FEEDER.indexOf('<IED '), FEEDER.indexOf('</IED>') + 6);
  return FEEDER.replace(ied, Array.from({ length: n }, (_, i) => ied.replace('name="FDR1"', `name="FDR${i + 1}"`)).join('\n'));
}

describe('summaryJsonChunks', () => {
  it.each([
    ['no IED in detail', () => false],
    ['one IED in detail', (name: string) => name === 'FDR7'],
    ['every IED in detail', () => true],
  ])('streams the same document as summaryOf, %s', (_case, detailed) => {
    const scl = SclFile.open(station(40), { fileName: 'station.scd' });
    const doc = scl.overview();
    const chunks = [...summaryJsonChunks(doc, detailed, (ied) => scl.details(ied))];
    const whole = summaryOf(doc, detailed, (ied) => scl.details(ied));
    expect(JSON.parse(chunks.join('\n'))).toEqual(JSON.parse(JSON.stringify(whole)));
    expect(whole.ieds).toHaveLength(40);
    // The details' warnings (about data set members) join the document's, once per detailed IED.
    expect(whole.warnings.filter((w) => w.code === 'unresolved-member')).toHaveLength(whole.ieds.filter((i) => 'recommended' in i).length);
  });

  it('writes in chunks of whole lines, one per IED overview, RCB and point, without indentation', () => {
    const scl = SclFile.open(station(40));
    const chunks = [...summaryJsonChunks(scl.overview(), () => true, (ied) => scl.details(ied))];
    expect(chunks.length).toBeGreaterThan(3);
    const lines = chunks.join('\n').split('\n');
    expect(lines[0]).toBe('{"file":null,"edition":"2007B4","ieds":[');
    expect(lines[1]).toMatch(/^\{"name":"FDR1","accessPoints":\[\{"name":"S1","ip":"192\.168\.1\.10"\}\],"counts":\{.*\},"reportControls":\[$/);
    expect(lines.filter((l) => l.startsWith('{"ref":')).length).toBe(40 * 46);
    expect(lines.some((l) => l.startsWith(' '))).toBe(false);
    expect(lines.at(-1)).toBe(']}');
  });
});
