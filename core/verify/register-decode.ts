import type { ModbusType, WordOrder } from '../contract';

/**
 * The client side of the Modbus contract (CONVENTIONS.md "Modbus TCP server"), written from the
 * contract and not from the gateway's encoder, so that a mistake in one is not repeated in the other:
 * registers as a client receives them (16-bit words, big-endian on the wire) turned back into the value
 * of a point's type and word order.
 *
 * For the big-endian bytes A B C D (A … H for 64 bits) of the value:
 *   ABCD  registers AB CD          (AB CD EF GH)
 *   CDAB  registers CD AB          (GH EF CD AB): the words reversed
 *   BADC  registers BA DC          (BA DC FE HG): the bytes of each word swapped
 *   DCBA  registers DC BA          (HG FE DC BA): both, little-endian
 * A one-register type is always big-endian.
 */

/** The value's big-endian bytes from the registers read, undoing the word order. */
export function valueBytes(words: readonly number[], order: WordOrder): Uint8Array {
  const n = words.length;
  const out = new Uint8Array(n * 2);
  const reversed = n > 1 && (order === 'CDAB' || order === 'DCBA');
  const swapped = n > 1 && (order === 'BADC' || order === 'DCBA');
  words.forEach((w, i) => {
    const at = (reversed ? n - 1 - i : i) * 2;
    const hi = (w >>> 8) & 0xff;
    const lo = w & 0xff;
    out[at] = swapped ? lo : hi;
    out[at + 1] = swapped ? hi : lo;
  });
  return out;
}

/** The number held by a point's registers: signed or unsigned, integer or IEEE 754, per type and word order. */
export function decodeRegisters(words: readonly number[], type: ModbusType, order: WordOrder): number {
  const view = new DataView(valueBytes(words, order).buffer);
  switch (type) {
    case 'int16':
    case 'enum':
      return view.getInt16(0);
    case 'bool':
    case 'uint16':
    case 'dbpos':
      return view.getUint16(0);
    case 'int32':
      return view.getInt32(0);
    case 'uint32':
      return view.getUint32(0);
    case 'float32':
      return view.getFloat32(0);
    case 'float64':
      return view.getFloat64(0);
  }
}

/** `0x449A 0x5000`: registers as read, for messages. */
export function hexWords(words: readonly number[]): string {
  return words.map((w) => `0x${w.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}
