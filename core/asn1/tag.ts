/** X.690 8.1.2.2: the two class bits of the identifier octet. */
export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;
export type TagClass = (typeof TagClass)[keyof typeof TagClass];

/** Universal tag numbers used by the ISO and MMS layers (X.680 8.4). */
export const UniversalTag = {
  boolean: 1,
  integer: 2,
  bitString: 3,
  octetString: 4,
  null: 5,
  objectIdentifier: 6,
  external: 8,
  real: 9,
  enumerated: 10,
  utf8String: 12,
  sequence: 16,
  set: 17,
  printableString: 19,
  visibleString: 26,
  graphicString: 25,
  generalizedTime: 24,
} as const;

const CLASS_NAMES = ['UNIVERSAL', 'APPLICATION', '', 'PRIVATE'] as const;

/** `[1]`, `[APPLICATION 0]`, `[UNIVERSAL 16]`, as ASN.1 writes tags; used in error messages. */
export function formatTag(cls: number, tag: number): string {
  const name = CLASS_NAMES[cls] ?? '?';
  return name === '' ? `[${tag}]` : `[${name} ${tag}]`;
}
