import { IsoError } from './errors';

/** Test helper: runs fn and returns the IsoError it throws; fails on success or on any other error. */
export function catchIso(fn: () => unknown): IsoError {
  try {
    fn();
  } catch (err) {
    if (err instanceof IsoError) return err;
    throw err;
  }
  throw new Error('expected an IsoError, nothing was thrown');
}

/** Test helper: every prefix of bytes shorter than the whole (the truncations of a PDU). */
export function* truncations(bytes: Uint8Array): Generator<[number, Uint8Array]> {
  for (let n = 0; n < bytes.length; n++) yield [n, bytes.subarray(0, n)];
}
