import {
  type BerReader,
  type BerWriter,
  TagClass,
  decodeVisibleString,
  formatTag,
  Asn1Error,
  type Tlv,
} from '../asn1';

const C = TagClass.context;
const U = TagClass.universal;

/**
 *   ObjectName ::= CHOICE {
 *     vmd-specific    [0] IMPLICIT Identifier,
 *     domain-specific [1] IMPLICIT SEQUENCE { domainId Identifier, itemId Identifier },
 *     aa-specific     [2] IMPLICIT Identifier }
 *
 *   Identifier ::= VisibleString (SIZE(1..32)) -- IEC 61850-8-1 allows up to 64 for itemId
 */
export type ObjectName =
  | { readonly scope: 'vmd'; readonly item: string }
  | { readonly scope: 'domain'; readonly domain: string; readonly item: string }
  | { readonly scope: 'aa'; readonly item: string };

export function domainName(domain: string, item: string): ObjectName {
  return { scope: 'domain', domain, item };
}

export function formatObjectName(n: ObjectName): string {
  switch (n.scope) {
    case 'vmd':
      return n.item;
    case 'domain':
      return `${n.domain}/${n.item}`;
    case 'aa':
      return `@${n.item}`;
  }
}

export function writeObjectName(w: BerWriter, n: ObjectName): void {
  switch (n.scope) {
    case 'vmd':
      w.latin1String(C, 0, n.item);
      return;
    case 'domain':
      w.begin(C, 1);
      w.latin1String(U, 26, n.domain); // VisibleString
      w.latin1String(U, 26, n.item);
      w.end();
      return;
    case 'aa':
      w.latin1String(C, 2, n.item);
      return;
  }
}

export function decodeObjectName(reader: BerReader, tlv: Tlv): ObjectName {
  if (tlv.cls === C && tlv.tag === 0) return { scope: 'vmd', item: decodeVisibleString(reader, tlv) };
  if (tlv.cls === C && tlv.tag === 2) return { scope: 'aa', item: decodeVisibleString(reader, tlv) };
  if (tlv.cls === C && tlv.tag === 1) {
    const seq = reader.children(tlv, 'domain-specific ObjectName');
    const domain = decodeVisibleString(seq, seq.expect(U, 26, 'domainId'));
    const item = decodeVisibleString(seq, seq.expect(U, 26, 'itemId'));
    seq.end('domain-specific ObjectName');
    return { scope: 'domain', domain, item };
  }
  throw new Asn1Error(
    'unexpected-tag',
    `expected an ObjectName ([0] vmd, [1] domain or [2] aa), found ${formatTag(tlv.cls, tlv.tag)}`,
    tlv.start,
  );
}
