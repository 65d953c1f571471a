import type { ModbusType, WordOrder } from '../../contract';
import { TYPE_LENGTH } from './register-map-layout';

/**
 * Value encoding into register bytes (big-endian registers, as they go on the wire), straight into the
 * image at a byte offset: no allocation per value.
 *
 * Scaling (CONVENTIONS.md): `raw = round(value * gain + offset)`, clamped to the type's range; a clamp
 * reports overflow. Rounding is half away from zero (-2.5 → -3), the engineering convention, not
 * Math.round's half-up. Floats are scaled but not rounded; float32 clamps a finite value beyond its range
 * to ±3.4028235e38. A NaN cannot be put in an integer register: the registers are left as they are and
 * overflow is reported. bool, dbpos and enum are codes, never scaled: bool is 0/1, dbpos 0..3 (uint16),
 * enum the ordinal (int16).
 *
 * Word order of multi-register values, shown for the bytes A B C D (E F G H) of the big-endian value:
 *   ABCD  A B | C D                        (big-endian, the default)
 *   CDAB  C D | A B     G H | E F | C D | A B   (words reversed)
 *   BADC  B A | D C     B A | D C | F E | H G   (bytes swapped in each word)
 *   DCBA  D C | B A     H G | F E | D C | B A   (all bytes reversed: little-endian)
 * One-register types are always big-endian: word order is about multi-register values.
 */

const RANGE: Readonly<Partial<Record<ModbusType, readonly [number, number]>>> = {
  int16: [-0x8000, 0x7fff],
  uint16: [0, 0xffff],
  int32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  dbpos: [0, 3],
  enum: [-0x8000, 0x7fff],
};

const FLOAT32_MAX = 3.4028234663852886e38;

/** Scratch for one value in big-endian order before the word order is applied. */
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export interface ScaleSpec {
  readonly type: ModbusType;
  readonly wordOrder: WordOrder;
  readonly gain: number;
  readonly offset: number;
}

/** The register value before encoding: scaled, rounded and clamped. `raw` is null when nothing can be written. */
export function scaleValue(spec: ScaleSpec, value: number): { raw: number | null; overflow: boolean } {
  const { type } = spec;
  if (type === 'bool') return { raw: value !== 0 && !Number.isNaN(value) ? 1 : 0, overflow: false };
  if (type === 'float64') return { raw: value * spec.gain + spec.offset, overflow: false };
  if (type === 'float32') {
    const v = value * spec.gain + spec.offset;
    if (Number.isFinite(v) && Math.abs(v) > FLOAT32_MAX) return { raw: Math.sign(v) * FLOAT32_MAX, overflow: true };
    return { raw: v, overflow: false };
  }
  const scaled = type === 'dbpos' || type === 'enum' ? value : value * spec.gain + spec.offset;
  if (Number.isNaN(scaled)) return { raw: null, overflow: true };
  const [min, max] = RANGE[type] ?? [0, 0];
  const rounded = roundHalfAwayFromZero(scaled);
  if (rounded < min) return { raw: min, overflow: true };
  if (rounded > max) return { raw: max, overflow: true };
  return { raw: rounded, overflow: false };
}

/**
 * Encodes `value` into the register bytes at `target[byteOffset..]` (TYPE_LENGTH * 2 bytes) in the
 * spec's word order. Returns whether the value was clamped (or, for NaN in an integer type, not written).
 * Not for bit areas: a bit is `target[address] = raw`.
 */
export function writeRegisters(target: Uint8Array, byteOffset: number, spec: ScaleSpec, value: number): boolean {
  const { raw, overflow } = scaleValue(spec, value);
  if (raw === null) return overflow;
  const bytes = TYPE_LENGTH[spec.type] * 2;
  switch (spec.type) {
    case 'int16':
    case 'enum':
      scratch.setInt16(0, raw);
      break;
    case 'int32':
      scratch.setInt32(0, raw);
      break;
    case 'uint32':
      scratch.setUint32(0, raw);
      break;
    case 'float32':
      scratch.setFloat32(0, raw);
      break;
    case 'float64':
      scratch.setFloat64(0, raw);
      break;
    default:
      scratch.setUint16(0, raw);
  }
  placeWords(target, byteOffset, bytes, bytes === 2 ? 'ABCD' : spec.wordOrder);
  return overflow;
}

/** Writes an unsigned 32-bit integer (two registers) in a word order; used for the timestamp's seconds. */
export function writeUint32(target: Uint8Array, byteOffset: number, value: number, wordOrder: WordOrder): void {
  scratch.setUint32(0, value);
  placeWords(target, byteOffset, 4, wordOrder);
}

export function writeUint16(target: Uint8Array, byteOffset: number, value: number): void {
  target[byteOffset] = (value >>> 8) & 0xff;
  target[byteOffset + 1] = value & 0xff;
}

/** Copies scratchBytes[0..bytes) (big-endian) to the target in the given word order. */
function placeWords(target: Uint8Array, at: number, bytes: number, order: WordOrder): void {
  const words = bytes >> 1;
  for (let w = 0; w < words; w++) {
    const src = order === 'CDAB' || order === 'DCBA' ? (words - 1 - w) * 2 : w * 2;
    const swap = order === 'BADC' || order === 'DCBA';
    target[at + w * 2] = scratchBytes[swap ? src + 1 : src] ?? 0;
    target[at + w * 2 + 1] = scratchBytes[swap ? src : src + 1] ?? 0;
  }
}
