import { IsoError } from './errors';
import { catchIso, truncations } from './testing';

/*
 * Test support for byte codecs of the ISO layers, free of any test framework: each check throws a
 * plain Error naming the input that broke the rule.
 */

/** Every proper prefix of `bytes` must fail with an IsoError. */
export function checkTruncations(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  for (const [n, prefix] of truncations(bytes)) {
    try {
      catchIso(() => decode(prefix));
    } catch (err) {
      throw new Error(`cut at ${n}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}

/** Every one-byte alteration of `bytes` must decode or fail with an IsoError, never anything else. */
export function checkAlterations(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i++) {
    for (const delta of [1, 0x20, 0x80, 0xff]) {
      const bad = bytes.slice();
      bad[i] = (bad[i]! + delta) & 0xff;
      try {
        decode(bad);
      } catch (err) {
        if (!(err instanceof IsoError))
          throw new Error(`byte ${i} + ${delta}: ${String(err)}`, { cause: err });
      }
    }
  }
}
