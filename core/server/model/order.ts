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

/**
 * mmsNameOrder of `aHead + aTail` and `bHead + bTail`, without making the joined names (a domain's
 * names are an LN name and a name below it).
 */
export function mmsNameOrderOfParts(aHead: string, aTail: string, bHead: string, bTail: string): number {
  const aLength = aHead.length + aTail.length;
  const bLength = bHead.length + bTail.length;
  const n = Math.min(aLength, bLength);
  for (let i = 0; i < n; i++) {
    const a = i < aHead.length ? aHead.charCodeAt(i) : aTail.charCodeAt(i - aHead.length);
    const b = i < bHead.length ? bHead.charCodeAt(i) : bTail.charCodeAt(i - bHead.length);
    const d = weight(a) - weight(b);
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

export function mmsNameOrder(a: string, b: string): number {
  return mmsNameOrderOfParts(a, '', b, '');
}
