import { describe, expect, it } from 'vitest';
import type { PointState } from '../../contract';
import { neverState } from './never-state';
import { DEVICE_TIME as deviceTime, LOCAL_TIME, okState } from './states.fixture';
import { decodeSparkplug, encodeSparkplug } from './sparkplug-codec';
import {
  pointMetric,
  qualityCode,
  QUALITY_BAD,
  QUALITY_GOOD,
  QUALITY_STALE,
  QUALITY_UNCERTAIN,
} from './sparkplug-metrics';

function state(
  type: PointState['type'],
  value: PointState['value'],
  numeric: number | null,
  extra: Partial<PointState> = {},
): PointState {
  return okState(type, value, numeric, extra, `p_${type}`);
}

/** Encodes a metric with the library and decodes it again, as a subscriber would. */
function roundTrip(s: PointState, birth = true) {
  const bytes = encodeSparkplug({ timestamp: 1, seq: 0, metrics: [pointMetric(s, 7, birth, 1)] });
  return decodeSparkplug(bytes, 't').metrics![0]!;
}

describe('pointMetric through sparkplug-payload', () => {
  it.each([
    ['boolean', state('boolean', true, 1), 'Boolean', true],
    ['int8', state('int8', -5, -5), 'Int8', -5],
    ['int16', state('int16', -300, -300), 'Int16', -300],
    ['int32', state('int32', -70000, -70000), 'Int32', -70000],
    ['uint8', state('uint8', 200, 200), 'UInt8', 200],
    ['uint16', state('uint16', 60000, 60000), 'UInt16', 60000],
    ['uint32', state('uint32', 70000, 70000), 'UInt32', 70000],
    ['float32', state('float32', 12.5, 12.5), 'Float', 12.5],
    ['float64', state('float64', 0.1 + 0.2, 0.1 + 0.2), 'Double', 0.1 + 0.2],
    ['dbpos', state('dbpos', 'closed', 2), 'String', 'closed'],
    ['enum', state('enum', 'test/blocked', 4), 'String', 'test/blocked'],
    ['visiblestring', state('visiblestring', 'Feeder 1', null), 'String', 'Feeder 1'],
    ['timestamp', state('timestamp', deviceTime, null), 'DateTime', Date.parse(deviceTime)],
  ])('%s', (_name, s, type, value) => {
    const m = roundTrip(s);
    expect(m.type).toBe(type);
    expect(m.name).toBe(s.point);
    expect(Number(m.alias)).toBe(7);
    expect(typeof m.value === 'object' && m.value !== null ? Number(m.value) : m.value).toEqual(value);
    expect(Number(m.timestamp)).toBe(Date.parse(deviceTime));
    expect(m.properties).toMatchObject({
      Quality: { type: 'Int32', value: QUALITY_GOOD },
      iecValidity: { value: 'good' },
      iecQuality: { value: 0 },
      status: { value: 'ok' },
      test: { value: false },
      timeSource: { value: 'device' },
      ref: { value: 'LD0/GGIO1.AnIn1.mag.f' },
      fc: { value: 'MX' },
      iecType: { value: s.type },
    });
  });

  it('int64 carries 64 bits', () => {
    const m = roundTrip(state('int64', '-9223372036854775807', null));
    expect(m.value?.toString()).toBe('-9223372036854775807');
  });

  it('a DATA metric names by alias only and keeps the quality properties', () => {
    const m = roundTrip(state('float32', 1.5, 1.5), false);
    expect(m.name).toBeUndefined();
    expect(Number(m.alias)).toBe(7);
    expect(Object.keys(m.properties ?? {}).sort()).toEqual([
      'Quality',
      'iecQuality',
      'iecValidity',
      'status',
      'test',
      'timeSource',
    ]);
  });

  it('a point never read is null, BAD, with the gateway time flagged', () => {
    const m = roundTrip(neverState({ id: 'x', ied: 'I', ref: 'LD/LN.DO.DA', fc: 'MX', type: 'float32' }));
    expect(m.value).toBeNull();
    expect(Number(m.timestamp)).toBe(1);
    expect(m.properties).toMatchObject({
      Quality: { value: QUALITY_BAD },
      timeSource: { value: 'none' },
      iecQuality: { value: null },
    });
  });

  it('without a device time the receive time stands in, flagged', () => {
    const m = roundTrip(state('float32', 2, 2, { deviceTime: null }));
    expect(Number(m.timestamp)).toBe(LOCAL_TIME);
    expect(m.properties?.timeSource?.value).toBe('gateway');
  });
});

describe('qualityCode', () => {
  const q = (validity: 'good' | 'invalid' | 'questionable' | 'unknown') => ({
    validity,
    flags: [],
    source: 'process' as const,
    test: false,
    operatorBlocked: false,
    raw: 0,
    text: validity,
  });
  it.each([
    ['ok good', { status: 'ok', quality: q('good') }, QUALITY_GOOD],
    ['ok without quality', { status: 'ok', quality: null }, QUALITY_GOOD],
    ['ok questionable', { status: 'ok', quality: q('questionable') }, QUALITY_UNCERTAIN],
    ['ok invalid', { status: 'ok', quality: q('invalid') }, QUALITY_BAD],
    ['stale', { status: 'stale', quality: q('good') }, QUALITY_STALE],
    ['disconnected', { status: 'disconnected', quality: q('good') }, QUALITY_STALE],
    ['error', { status: 'error', quality: null }, QUALITY_BAD],
    ['never', { status: 'never', quality: null }, QUALITY_BAD],
  ] as [string, Pick<PointState, 'status' | 'quality'>, number][])('%s', (_n, s, code) => {
    expect(qualityCode(s)).toBe(code);
  });
});
