import { XMLParser } from 'fast-xml-parser';

import { SCL_NS } from './ns';

export { SCL_NS };

/** An SCL element after parsing: local name, attributes as written (references decoded), children in order. */
export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string | undefined>>;
  readonly children: readonly XmlElement[];
  /** Text content, trimmed; '' when none. */
  readonly text: string;
}

/** In-scope namespace bindings: the default namespace and prefix → URI. */
export interface NamespaceScope {
  readonly defaultNs: string | undefined;
  readonly prefixes: Readonly<Record<string, string>>;
}

/** How a section is turned into elements; filled from the scan result. */
export interface ConvertOptions {
  /** Decode `&…;` references in values (only needed when the scan saw any). */
  readonly decode: boolean;
  /** Track xmlns declarations per element (only needed when the scan saw any below the root). */
  readonly trackNamespaces: boolean;
}

type FxpNode = Record<string, unknown>;

/**
 * fast-xml-parser with everything that could expand or reinterpret input switched off: no entities
 * (the scanner has already refused DOCTYPEs and undeclared entities), no number parsing, no
 * namespace stripping (we resolve prefixes ourselves, so foreign-namespace elements can be ignored).
 * preserveOrder keeps SDO/DA order inside a DOType, which is the MMS structure order.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: false,
  preserveOrder: true,
  jPath: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
} as ConstructorParameters<typeof XMLParser>[0]);

/** Parses well-formed XML (a section or a run of sibling elements proven by the scanner) into SCL-namespace elements. */
export function parseElements(xml: string, scope: NamespaceScope, options: ConvertOptions): XmlElement[] {
  return convertList(parser.parse(xml) as FxpNode[], scope, options);
}

const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references (the only ones the scanner lets in). */
export function decodeReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(REFERENCE, (_m, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return NAMED[body] ?? '';
  });
}

function tagOf(node: FxpNode): string {
  for (const key in node) if (key !== ':@') return key;
  return '';
}

function convertList(nodes: readonly FxpNode[], scope: NamespaceScope, options: ConvertOptions): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text' || tag === '') continue;
    const attrs = (node[':@'] ?? EMPTY) as Record<string, string>;
    const inner = options.trackNamespaces ? withDeclarations(scope, attrs) : scope;
    const colon = tag.indexOf(':');
    const ns = colon < 0 ? inner.defaultNs : inner.prefixes[tag.slice(0, colon)];
    // Elements of other namespaces (vendor extensions) are not SCL: skip them with their content.
    if (ns !== SCL_NS && !(ns === undefined && colon < 0)) continue;
    out.push(convertOne(colon < 0 ? tag : tag.slice(colon + 1), attrs, node[tag] as FxpNode[], inner, options));
  }
  return out;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

function convertOne(name: string, attrs: Record<string, string>, kids: readonly FxpNode[], scope: NamespaceScope, options: ConvertOptions): XmlElement {
  let text = '';
  let hasElements = false;
  for (const kid of kids) {
    const t = kid['#text'];
    if (t !== undefined) text = text === '' ? String(t) : `${text} ${String(t)}`;
    else hasElements = true;
  }
  if (options.decode) {
    for (const key in attrs) {
      const value = attrs[key];
      if (value !== undefined && value.includes('&')) attrs[key] = decodeReferences(value);
    }
    text = decodeReferences(text);
  }
  const children = hasElements ? convertList(kids, scope, options) : NO_CHILDREN;
  return { name, attrs, children, text };
}

const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

function withDeclarations(scope: NamespaceScope, attrs: Readonly<Record<string, string>>): NamespaceScope {
  let next: { defaultNs: string | undefined; prefixes: Record<string, string> } | undefined;
  for (const key in attrs) {
    if (!key.startsWith('xmlns')) continue;
    next ??= { defaultNs: scope.defaultNs, prefixes: { ...scope.prefixes } };
    const value = decodeReferences(attrs[key] ?? '');
    if (key === 'xmlns') next.defaultNs = value === '' ? undefined : value;
    else if (key.startsWith('xmlns:')) next.prefixes[key.slice(6)] = value;
  }
  return next ?? scope;
}

/** The scope in force inside the root element, from its attributes. */
export function rootScope(rootAttributes: Readonly<Record<string, string>>): NamespaceScope {
  return withDeclarations({ defaultNs: undefined, prefixes: {} }, rootAttributes);
}

/** Children with a given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.name === name) out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}
