import { describe, expect, it } from 'vitest';
import { PointConfigSchema, type PointConfig, type PointQuality, type PointState } from '../../contract';
import { toHex } from '../../shared';
import { compileRegisterMap, type MappedPoint } from './register-map';
import { RegisterImage, initialPointState } from './register-map-image';

const NOW = Date.parse('2026-01-01T00:10:00.000Z');

function config(id: string, type: PointConfig['type'], modbus: Record<string, unknown>): PointConfig {
  return PointConfigSchema.parse({ id, ied: 'ied1', ref: `LD0/LN1.${id}.stVal`, fc: 'ST', type, source: 'report', modbus });
}

const POINTS = [
  config('A', 'float32', {
    area: 'holding',
    address: 0,
    type: 'float32',
    wordOrder: 'CDAB',
    companions: {
      quality: { area: 'holding', address: 2 },
      status: { area: 'holding', address: 3 },
      timestamp: { area: 'holding', address: 4 },
      age: { area: 'holding', address: 7 },
      sequence: { area: 'holding', address: 8 },
    },
  }),
  config('B', 'boolean', { area: 'discrete', address: 0, type: 'bool', companions: { status: { area: 'input', address: 0 } } }),
  config('C', 'dbpos', { area: 'input', address: 1, type: 'dbpos' }),
  config('D', 'int32', { area: 'holding', address: 20, type: 'int16', gain: 10, companions: { status: { area: 'input', address: 2 } } }),
];

function quality(validity: PointQuality['validity'], raw: number, source: PointQuality['source'] = 'process'): PointQuality {
  return { validity, flags: [], source, test: false, operatorBlocked: false, raw, text: validity };
}

function setup(policy?: ConstructorParameters<typeof RegisterImage>[1]) {
  const { map, problems } = compileRegisterMap(POINTS);
  expect(problems).toEqual([]);
  const image = new RegisterImage(map, policy);
  const state = (key: string, changes: Partial<PointState>): PointState => ({
    ...initialPointState(map.byKey.get(`ied1/${key}`) as MappedPoint),
    status: 'ok',
    quality: quality('good', 0),
    localTime: NOW,
    ...changes,
  });
  const registers = (area: 'input' | 'holding', start: number, count: number): string => toHex(image.bytes(area).subarray(start * 2, (start + count) * 2));
  return { image, state, registers };
}

describe('RegisterImage', () => {
  it('starts with every point never updated: invalid, quality unknown, age 65535, value 0', () => {
    const { registers, image } = setup();
    //                              value     quality status ts seconds ms    age   seq
    expect(registers('holding', 0, 9)).toBe('00000000' + '8000' + '0081' + '00000000' + '0000' + 'ffff' + '0000');
    expect(registers('input', 0, 3)).toBe('0081' + '0000' + '0081');
    expect(image.bytes('discrete')[0]).toBe(0);
  });

  it('writes value and companions of a good point, byte for byte', () => {
    const { image, state, registers } = setup();
    image.apply(state('A', { numeric: 1.5, value: 1.5, deviceTime: '2026-01-01T00:00:00.123Z', localTime: NOW - 2500, seq: 70000 }), NOW);
    // 1.5 = 3fc00000 in CDAB; seconds 1767225600 = 6955b900 in CDAB; 123 ms; age 2 s; 70000 & 0xffff = 0x1170.
    expect(registers('holding', 0, 9)).toBe('00003fc0' + '0000' + '0000' + 'b9006955' + '007b' + '0002' + '1170');
  });

  it('writes bits, dbpos codes and the status of each', () => {
    const { image, state, registers } = setup();
    image.apply(state('B', { numeric: 1, value: true, test: true }), NOW);
    image.apply(state('C', { numeric: 2, value: 'closed' }), NOW);
    expect(image.bytes('discrete')[0]).toBe(1);
    expect(registers('input', 0, 2)).toBe('0010' + '0002');
  });

  it('holds the last value when the point goes stale, and the status says so', () => {
    const { image, state, registers } = setup();
    image.apply(state('A', { numeric: 1.5 }), NOW);
    image.apply(state('A', { numeric: 9, status: 'stale' }), NOW);
    expect(registers('holding', 0, 2)).toBe('00003fc0');
    expect(registers('holding', 3, 1)).toBe('0004');
  });

  it('holds the value of an invalid quality, with validity invalid and the raw quality', () => {
    const { image, state, registers } = setup();
    image.apply(state('A', { numeric: 1.5 }), NOW);
    image.apply(state('A', { numeric: 2, quality: quality('invalid', 0x0002 | 0x0080) }), NOW);
    expect(registers('holding', 0, 4)).toBe('00003fc0' + '0082' + '0001');
  });

  it('writes questionable and substituted values, and says so', () => {
    const { image, state, registers } = setup();
    image.apply(state('A', { numeric: 2, quality: quality('questionable', 0x0403, 'substituted') }), NOW);
    expect(registers('holding', 0, 4)).toBe('00004000' + '0403' + '0023');
  });

  it('substitutes the configured value when the point is bad, and sets the substituted bit', () => {
    const { image, state, registers } = setup({ mode: 'substitute', value: -1 });
    // Before anything arrives the substitute is already there.
    expect(registers('holding', 0, 4)).toBe('0000bf80' + '8000' + '00a1');
    expect(registers('holding', 20, 1)).toBe('fff6');
    image.apply(state('A', { numeric: 1.5 }), NOW);
    expect(registers('holding', 0, 4)).toBe('00003fc0' + '0000' + '0000');
    image.apply(state('A', { numeric: 1.5, status: 'disconnected' }), NOW);
    expect(registers('holding', 0, 4)).toBe('0000bf80' + '0000' + '0028');
    expect(image.flags('ied1/A')).toEqual({ overflow: false, substituted: true });
  });

  it('clamps a scaled value and sets overflow until a value fits again', () => {
    const { image, state, registers } = setup();
    image.apply(state('D', { numeric: 5000 }), NOW);
    expect(registers('holding', 20, 1)).toBe('7fff');
    expect(registers('input', 2, 1)).toBe('0040');
    image.apply(state('D', { numeric: -12.34 }), NOW);
    expect(registers('holding', 20, 1)).toBe('ff85');
    expect(registers('input', 2, 1)).toBe('0000');
  });

  it('says error and unknown validity when the IED refused the read', () => {
    const { image, state, registers } = setup();
    image.apply(state('D', { numeric: null, quality: null, status: 'error', reason: 'object-non-existent' }), NOW);
    expect(registers('input', 2, 1)).toBe('0101');
    image.apply(state('D', { numeric: 3, quality: null }), NOW);
    expect(registers('input', 2, 1)).toBe('0003');
  });

  it('refreshes ages, saturating at 65535', () => {
    const { image, state, registers } = setup();
    image.apply(state('A', { numeric: 1, localTime: NOW }), NOW);
    expect(registers('holding', 7, 1)).toBe('0000');
    image.refreshAges(NOW + 61_999);
    expect(registers('holding', 7, 1)).toBe('003d');
    image.refreshAges(NOW + 70_000_000);
    expect(registers('holding', 7, 1)).toBe('ffff');
  });

  it('ignores states of points that are not in the map', () => {
    const { image, state } = setup();
    const other = { ...state('A', { numeric: 1 }), key: 'ied9/X' };
    expect(image.applyBatch({ batch: 1, changes: [other, state('C', { numeric: 1 })] }, NOW)).toBe(1);
  });

  it('knows which ranges are mapped', () => {
    const { image } = setup();
    expect(image.isReadable('holding', 0, 9, false)).toBe(true);
    expect(image.isReadable('holding', 0, 10, false)).toBe(false);
    expect(image.isReadable('holding', 9, 1, false)).toBe(false);
    expect(image.isReadable('holding', 9, 1, true)).toBe(true);
    expect(image.isReadable('holding', 65535, 2, true)).toBe(false);
    expect(image.isReadable('input', 0, 3, false)).toBe(true);
    expect(image.isReadable('discrete', 0, 1, false)).toBe(true);
    expect(image.isReadable('coil', 0, 1, false)).toBe(false);
  });
});
