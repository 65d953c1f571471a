import { describe, expect, it } from 'vitest';
import type { PointQuality, PointState } from '../../contract';
import { okState } from './states.fixture';
import { float32Text, stateJson, valueText } from './json-payload';
import { neverState } from './never-state';

/** numeric follows the value, as the cache derives it. */
function state(
  type: PointState['type'],
  value: PointState['value'],
  extra: Partial<PointState> = {},
): PointState {
  const numeric = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : null;
  return okState(type, value, numeric, { seq: 17, ...extra });
}

describe('valueText', () => {
  it.each([
    ['boolean', state('boolean', true), 'true'],
    ['int16', state('int16', -42), '-42'],
    ['uint32', state('uint32', 4294967295), '4294967295'],
    ['int64 beyond 2^53 as text', state('int64', '9223372036854775807'), '9223372036854775807'],
    ['float32 shortest', state('float32', Math.fround(0.1)), '0.1'],
    ['float32 12.5', state('float32', 12.5), '12.5'],
    ['float64 keeps every digit', state('float64', 0.1 + 0.2), '0.30000000000000004'],
    ['float NaN', state('float32', NaN), 'NaN'],
    ['dbpos name', state('dbpos', 'closed', { numeric: 2 }), 'closed'],
    ['enum name', state('enum', 'test/blocked', { numeric: 4 }), 'test/blocked'],
    ['visible string', state('visiblestring', 'Feeder 1'), 'Feeder 1'],
    ['unknown', state('float32', null), 'null'],
  ])('%s', (_name, s, text) => {
    expect(valueText(s)).toBe(text);
  });
});

describe('float32Text', () => {
  it('reads back as the same float32 for awkward values', () => {
    for (const v of [1 / 3, 123456.789, 1e-7, -3.4028234663852886e38, 16777217]) {
      const text = float32Text(Math.fround(v));
      expect(Math.fround(Number(text))).toBe(Math.fround(v));
      expect(text.replace(/[-.]|e.*$/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
  });
});

describe('stateJson', () => {
  it('is the CONVENTIONS.md state, keys in order', () => {
    const text = stateJson(state('float32', 12.5));
    expect(text).toBe(
      '{"value":12.5,"type":"float32","quality":{"validity":"good","flags":[],"raw":0},"status":"ok",' +
        '"deviceTime":"2026-01-01T00:00:00.123Z","localTime":"2026-01-01T00:00:00.148Z","seq":17,' +
        '"ref":"LD0/GGIO1.AnIn1.mag.f","fc":"MX","source":"report","test":false,"reason":null}',
    );
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'value',
      'type',
      'quality',
      'status',
      'deviceTime',
      'localTime',
      'seq',
      'ref',
      'fc',
      'source',
      'test',
      'reason',
    ]);
  });

  it('says stale, the flags, test and the reason', () => {
    const q: PointQuality = {
      validity: 'questionable',
      flags: ['oldData'],
      source: 'substituted',
      test: true,
      operatorBlocked: true,
      raw: 0x1c43,
      text: 'x',
    };
    const parsed = JSON.parse(
      stateJson(
        state('dbpos', 'open', { quality: q, status: 'stale', test: true, reason: 'no update for 3 s' }),
      ),
    );
    expect(parsed).toMatchObject({
      value: 'open',
      quality: {
        validity: 'questionable',
        flags: ['oldData', 'substituted', 'test', 'operatorBlocked'],
        raw: 0x1c43,
      },
      status: 'stale',
      test: true,
      reason: 'no update for 3 s',
    });
  });

  it('says never with nulls, and carries NaN as text', () => {
    const never = JSON.parse(
      stateJson(neverState({ id: 'p', ied: 'I', ref: 'LD/LN.DO.DA', fc: 'ST', type: 'boolean' })),
    );
    expect(never).toEqual({
      value: null,
      type: 'boolean',
      quality: null,
      status: 'never',
      deviceTime: null,
      localTime: null,
      seq: 0,
      ref: 'LD/LN.DO.DA',
      fc: 'ST',
      source: null,
      test: false,
      reason: null,
    });
    expect(JSON.parse(stateJson(state('float64', -Infinity))).value).toBe('-Infinity');
  });
});
