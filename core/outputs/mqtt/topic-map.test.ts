import { describe, expect, it } from 'vitest';
import { buildTopicMap, sanitizePath, sanitizeSegment } from './topic-map';

describe('sanitizeSegment', () => {
  it.each([
    ['plain', 'XCBR1_Pos', 'XCBR1_Pos'],
    ['plus', 'a+b', 'a_b'],
    ['hash', 'a#b', 'a_b'],
    ['slash', 'LD0/XCBR1', 'LD0_XCBR1'],
    ['NUL and newline', 'a\u0000b\nc', 'a_b_c'],
    ['DEL and C1 control', 'a\u007fb\u0085c', 'a_b_c'],
    ['a lone surrogate', 'a\ud800b', 'a_b'],
    ['empty', '', '_'],
  ])('%s', (_name, input, out) => {
    expect(sanitizeSegment(input)).toBe(out);
  });

  it('keeps non-ASCII text and whole surrogate pairs', () => {
    expect(sanitizeSegment('Schütz-Ω-😀')).toBe('Schütz-Ω-😀');
  });
});

describe('sanitizePath', () => {
  it('keeps levels, sanitises each, drops empty ones and a leading $', () => {
    expect(sanitizePath('relaygate/site-a')).toEqual({
      path: 'relaygate/site-a',
      changed: false,
      emptyLevels: false,
    });
    expect(sanitizePath('/plant//a+b/')).toEqual({ path: 'plant/a_b', changed: true, emptyLevels: true });
    expect(sanitizePath('$SYS/x').path).toBe('_SYS/x');
    expect(sanitizePath('')).toEqual({ path: '_', changed: false, emptyLevels: true });
  });
});

describe('buildTopicMap', () => {
  const points = [
    { id: 'pos', ied: 'IED1' },
    { id: 'amps', ied: 'IED1', mqtt: { enabled: true, topic: 'bay1/feeder/amps' } },
    { id: 'hidden', ied: 'IED1', mqtt: { enabled: false } },
    { id: 'pos', ied: 'IED2' },
  ];

  it('lays out the CONVENTIONS.md topics', () => {
    const map = buildTopicMap('relaygate/site-a', ['IED1', 'IED2'], points);
    expect(map.root).toBe('relaygate/site-a');
    expect(map.status).toBe('relaygate/site-a/status');
    expect(map.gateway).toBe('relaygate/site-a/gateway');
    expect([...map.iedStatus]).toEqual([
      ['IED1', 'relaygate/site-a/IED1/status'],
      ['IED2', 'relaygate/site-a/IED2/status'],
    ]);
    expect(map.points.get('IED1/pos')).toEqual({
      key: 'IED1/pos',
      value: 'relaygate/site-a/IED1/pos/value',
      state: 'relaygate/site-a/IED1/pos/state',
    });
    expect(map.points.get('IED1/amps')?.state).toBe('relaygate/site-a/bay1/feeder/amps/state');
    expect(map.points.get('IED2/pos')?.value).toBe('relaygate/site-a/IED2/pos/value');
    expect(map.points.has('IED1/hidden')).toBe(false);
    expect(map.issues).toEqual([]);
  });

  it('reports a collision naming both points', () => {
    const map = buildTopicMap(
      'relaygate',
      ['IED1'],
      [
        { id: 'a', ied: 'IED1', mqtt: { enabled: true, topic: 'x/a+b' } },
        { id: 'b', ied: 'IED1', mqtt: { enabled: true, topic: 'x/a#b' } },
      ],
    );
    const collisions = map.issues.filter((i) => i.code === 'collision');
    expect(collisions.map((c) => c.message)).toEqual([
      "point IED1/a and point IED1/b both publish to 'relaygate/x/a_b/value'",
      "point IED1/a and point IED1/b both publish to 'relaygate/x/a_b/state'",
    ]);
    expect(collisions[0]!.owners).toEqual(['IED1/a', 'IED1/b']);
    expect(collisions[0]!.severity).toBe('error');
    expect(map.issues.filter((i) => i.code === 'sanitised').map((i) => i.owners[0])).toEqual([
      'IED1/a',
      'IED1/b',
    ]);
  });

  it('reports a custom topic that lands on another point', () => {
    const map = buildTopicMap(
      'relaygate',
      ['IED1'],
      [
        { id: 'pos', ied: 'IED1' },
        { id: 'other', ied: 'IED1', mqtt: { enabled: true, topic: 'IED1/pos' } },
      ],
    );
    expect(map.issues.map((i) => i.message)).toContain(
      "point IED1/pos and point IED1/other both publish to 'relaygate/IED1/pos/value'",
    );
  });

  it('warns about a sanitised root', () => {
    const map = buildTopicMap('plant/+/gw', [], []);
    expect(map.root).toBe('plant/_/gw');
    expect(map.issues).toEqual([
      {
        severity: 'warning',
        code: 'sanitised',
        message: "topic root 'plant/+/gw' was sanitised to 'plant/_/gw'",
        owners: ['root'],
      },
    ]);
  });
});
