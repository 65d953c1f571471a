import { describe, expect, it } from 'vitest';
import type { ModbusType, WordOrder } from '../../contract';
import { toHex, fromHex } from '../../shared';
import { roundHalfAwayFromZero, writeRegisters, writeUint32 } from './register-map-codec';
import { TYPE_LENGTH } from './register-map-layout';

const f32 = (hex: string): number => new DataView(fromHex(hex).buffer).getFloat32(0);
const f64 = (hex: string): number => new DataView(fromHex(hex).buffer).getFloat64(0);

interface Case {
  type: ModbusType;
  order?: WordOrder;
  gain?: number;
  offset?: number;
  value: number;
  hex: string;
  overflow?: boolean;
}

/** Register bytes as they go on the wire, for every type and word order. */
const CASES: Case[] = [
  { type: 'bool', value: 1, hex: '0001' },
  { type: 'bool', value: 0, hex: '0000' },
  { type: 'int16', value: -2, hex: 'fffe' },
  { type: 'int16', value: 40000, hex: '7fff', overflow: true },
  { type: 'int16', value: -40000, hex: '8000', overflow: true },
  { type: 'int16', order: 'DCBA', value: 0x0102, hex: '0102' },
  { type: 'uint16', value: 65535, hex: 'ffff' },
  { type: 'uint16', value: -1, hex: '0000', overflow: true },
  { type: 'uint16', value: 70000, hex: 'ffff', overflow: true },
  { type: 'int32', order: 'ABCD', value: 0x01020304, hex: '01020304' },
  { type: 'int32', order: 'CDAB', value: 0x01020304, hex: '03040102' },
  { type: 'int32', order: 'BADC', value: 0x01020304, hex: '02010403' },
  { type: 'int32', order: 'DCBA', value: 0x01020304, hex: '04030201' },
  { type: 'int32', value: -1, hex: 'ffffffff' },
  { type: 'int32', gain: 1000, value: 3e6, hex: '7fffffff', overflow: true },
  { type: 'uint32', value: 4294967295, hex: 'ffffffff' },
  { type: 'uint32', order: 'CDAB', value: 0x0a0b0c0d, hex: '0c0d0a0b' },
  { type: 'uint32', value: -5, hex: '00000000', overflow: true },
  { type: 'float32', order: 'ABCD', value: f32('3fc00001'), hex: '3fc00001' },
  { type: 'float32', order: 'CDAB', value: f32('3fc00001'), hex: '00013fc0' },
  { type: 'float32', order: 'BADC', value: f32('3fc00001'), hex: 'c03f0100' },
  { type: 'float32', order: 'DCBA', value: f32('3fc00001'), hex: '0100c03f' },
  { type: 'float32', gain: 2, offset: 1, value: 1.5, hex: '40800000' },
  { type: 'float32', value: 1e39, hex: '7f7fffff', overflow: true },
  { type: 'float32', value: -1e39, hex: 'ff7fffff', overflow: true },
  { type: 'float32', value: NaN, hex: '7fc00000' },
  { type: 'float32', value: Infinity, hex: '7f800000' },
  { type: 'float64', order: 'ABCD', value: f64('0102030405060708'), hex: '0102030405060708' },
  { type: 'float64', order: 'CDAB', value: f64('0102030405060708'), hex: '0708050603040102' },
  { type: 'float64', order: 'BADC', value: f64('0102030405060708'), hex: '0201040306050807' },
  { type: 'float64', order: 'DCBA', value: f64('0102030405060708'), hex: '0807060504030201' },
  { type: 'float64', gain: 0.5, offset: -1, value: 5, hex: '3ff8000000000000' },
  { type: 'dbpos', value: 2, hex: '0002' },
  { type: 'dbpos', value: 3, hex: '0003' },
  { type: 'dbpos', value: 7, hex: '0003', overflow: true },
  { type: 'enum', value: -1, hex: 'ffff' },
  { type: 'enum', value: 5, hex: '0005' },
  // Scaling rounds half away from zero.
  { type: 'int16', gain: 10, value: 12.34, hex: '007b' },
  { type: 'int16', value: 2.5, hex: '0003' },
  { type: 'int16', value: -2.5, hex: 'fffd' },
  { type: 'int16', gain: 100, offset: -5, value: -1.234, hex: 'ff80' },
  { type: 'uint16', gain: 0.1, offset: 1000, value: 123, hex: '03f4' },
];

describe('writeRegisters', () => {
  it.each(CASES)('$type $order gain $gain offset $offset: $value → $hex', (c) => {
    const target = new Uint8Array(TYPE_LENGTH[c.type] * 2 + 2).fill(0xaa);
    const spec = { type: c.type, wordOrder: c.order ?? 'ABCD', gain: c.gain ?? 1, offset: c.offset ?? 0 };
    const overflow = writeRegisters(target, 1, spec, c.value);
    expect(toHex(target.subarray(1, target.length - 1))).toBe(c.hex);
    expect(overflow).toBe(c.overflow ?? false);
    // Nothing outside the value's registers is touched.
    expect(target[0]).toBe(0xaa);
    expect(target[target.length - 1]).toBe(0xaa);
  });

  it('leaves an integer register as it was for NaN and reports overflow', () => {
    const target = fromHex('aaaa');
    expect(writeRegisters(target, 0, { type: 'int16', wordOrder: 'ABCD', gain: 1, offset: 0 }, NaN)).toBe(true);
    expect(toHex(target)).toBe('aaaa');
  });
});

describe('writeUint32', () => {
  it.each([
    ['ABCD', '6a0f4d80'],
    ['CDAB', '4d806a0f'],
    ['BADC', '0f6a804d'],
    ['DCBA', '804d0f6a'],
  ] as const)('%s', (order, hex) => {
    const target = new Uint8Array(4);
    writeUint32(target, 0, 0x6a0f4d80, order);
    expect(toHex(target)).toBe(hex);
  });
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [0.5, 1],
    [-0.5, -1],
    [1.49, 1],
    [-1.51, -2],
    [2, 2],
  ])('%d → %d', (x, r) => expect(roundHalfAwayFromZero(x)).toBe(r));
});
