/** Code-point order, the order MMS name lists and continueAfter rely on (not locale order). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
