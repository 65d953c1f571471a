/**
 * The order of names in GetNameList answers, which continueAfter relies on. ISO 9506 leaves it to the
 * server; this is the order libiec61850 servers (and the IEDs built on them) use, so a client sees
 * the same lists from both: letters alphabetically with each capital before its small letter (A a B b
 * … Z z), then `$`, `_` and the digits; any other character before all of these. A name sorts before
 * the longer names it starts.
 */
const ORDER = 'AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz$_0123456789';
const WEIGHT = new Map([...ORDER].map((c, i) => [c.charCodeAt(0), 0x10000 + i]));

const weight = (code: number): number => WEIGHT.get(code) ?? code;

export function mmsNameOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = weight(a.charCodeAt(i)) - weight(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
