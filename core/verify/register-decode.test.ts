import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PointConfigSchema, WordOrderSchema, type ModbusType, type WordOrder } from '../contract';
import { RegisterImage, compileRegisterMap, initialPointState, scaleValue, type MappedPoint } from '../outputs';
import { decodeRegisters, hexWords, valueBytes } from './register-decode';

const ORDERS = WordOrderSchema.options;

describe('decodeRegisters: the client side of the word orders, written from the contract', () => {
  it('reads float32 1.5 (3FC00000) in each word order as docs/MODBUS.md tabulates it', () => {
    const table: Record<WordOrder, number[]> = {
      ABCD: [0x3fc0, 0x0000],
      CDAB: [0x0000, 0x3fc0],
      BADC: [0xc03f, 0x0000],
      DCBA: [0x0000, 0xc03f],
    };
    for (const order of ORDERS) expect(decodeRegisters(table[order], 'float32', order)).toBe(1.5);
  });

  it('reads 64-bit words reversed (CDAB), swapped (BADC) and both (DCBA)', () => {
    // 1.5 as float64 is 3FF8 0000 0000 0000.
    expect(decodeRegisters([0x3ff8, 0, 0, 0], 'float64', 'ABCD')).toBe(1.5);
    expect(decodeRegisters([0, 0, 0, 0x3ff8], 'float64', 'CDAB')).toBe(1.5);
    expect(decodeRegisters([0xf83f, 0, 0, 0], 'float64', 'BADC')).toBe(1.5);
    expect(decodeRegisters([0, 0, 0, 0xf83f], 'float64', 'DCBA')).toBe(1.5);
  });

  it('signed and unsigned integers, and one-register types ignore the word order', () => {
    expect(decodeRegisters([0xffff, 0xfffe], 'int32', 'ABCD')).toBe(-2);
    expect(decodeRegisters([0xfffe, 0xffff], 'int32', 'CDAB')).toBe(-2);
    expect(decodeRegisters([0xffff, 0xfffe], 'uint32', 'ABCD')).toBe(0xfffffffe);
    expect(decodeRegisters([0x8000], 'int16', 'DCBA')).toBe(-32768);
    expect(decodeRegisters([0x8000], 'enum', 'CDAB')).toBe(-32768);
    expect(decodeRegisters([0x8000], 'uint16', 'DCBA')).toBe(32768);
    expect(decodeRegisters([2], 'dbpos', 'BADC')).toBe(2);
    expect(Array.from(valueBytes([0x1234], 'DCBA'))).toEqual([0x12, 0x34]);
  });

  it('names registers in hex for messages', () => {
    expect(hexWords([0x449a, 0x5000, 7])).toBe('0x449A 0x5000 0x0007');
  });

  it("agrees with the gateway's register image for any value, type, scaling and word order (property)", () => {
    const types: ModbusType[] = ['int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'];
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.constantFrom(...ORDERS),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom(1, 10, 0.001, -2),
        fc.integer({ min: -100, max: 100 }),
        (type, wordOrder, value, gain, offset) => {
          const config = PointConfigSchema.parse({
            id: 'P',
            ied: 'I',
            ref: 'LD/MMXU1.TotW.mag.f',
            fc: 'MX',
            type: 'float64',
            source: 'poll',
            modbus: { area: 'holding', address: 10, type, wordOrder, gain, offset },
          });
          const { map } = compileRegisterMap([config]);
          const point = map.byKey.get('I/P') as MappedPoint;
          const image = new RegisterImage(map);
          image.apply({ ...initialPointState(point), status: 'ok', numeric: value, value, quality: null }, 0);
          const bytes = image.bytes('holding').subarray(20, 20 + point.length * 2);
          const words = Array.from({ length: point.length }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
          const expected = scaleValue(point.modbus, value).raw as number;
          const read = decodeRegisters(words, type, wordOrder);
          expect(read === (type === "float32" ? Math.fround(expected) : expected), `${type} ${wordOrder} ${value}: read ${read}, expected ${expected}`).toBe(true);
        },
      ),
    );
  });
});
