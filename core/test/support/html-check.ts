import { parse, type DefaultTreeAdapterMap, type ParserError } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** An HTML document as parse5 (the WHATWG parser) reads it, with every parse error it reported. */
export interface ParsedHtml {
  readonly errors: ParserError[];
  readonly elements: Element[];
  /** Elements by tag name. */
  all(tag: string): Element[];
  /** The text inside an element, entities decoded. */
  text(el: Node): string;
  attr(el: Element, name: string): string | undefined;
}

export function parseHtml(html: string): ParsedHtml {
  const errors: ParserError[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(e) });
  const elements: Element[] = [];
  const walk = (n: Node): void => {
    if ('tagName' in n) elements.push(n);
    const children = 'childNodes' in n ? n.childNodes : [];
    for (const c of children) walk(c);
    if ('content' in n && n.content) walk(n.content);
  };
  walk(doc);
  const text = (n: Node): string => ('value' in n && n.nodeName === '#text' ? n.value : 'childNodes' in n ? n.childNodes.map(text).join('') : '');
  return {
    errors,
    elements,
    all: (tag) => elements.filter((e) => e.tagName === tag),
    text,
    attr: (el, name) => el.attrs.find((a) => a.name === name)?.value,
  };
}

/**
 * What would make a document depend on anything outside itself: elements that load (script, img, link,
 * iframe, object, embed, …), attributes that point elsewhere (src, a non-fragment href, srcset, action),
 * and CSS that fetches (url(, @import).
 */
export function externalReferences(doc: ParsedHtml): string[] {
  const found: string[] = [];
  for (const el of doc.elements) {
    if (['script', 'img', 'link', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'base', 'form'].includes(el.tagName)) found.push(`<${el.tagName}>`);
    for (const a of el.attrs) {
      if (['src', 'srcset', 'action', 'formaction', 'poster', 'data'].includes(a.name)) found.push(`${el.tagName}[${a.name}=${a.value}]`);
      if (a.name === 'href' && !a.value.startsWith('#')) found.push(`${el.tagName}[href=${a.value}]`);
      if (a.name.startsWith('on')) found.push(`${el.tagName}[${a.name}]`);
    }
  }
  const css = [...doc.all('style').map((st) => doc.text(st)), ...doc.elements.flatMap((el) => el.attrs.filter((a) => a.name === 'style').map((a) => a.value))].join('\n');
  if (/url\s*\(/i.test(css)) found.push('url( in CSS');
  if (/@import/i.test(css)) found.push('@import in CSS');
  return found;
}

/** The cells (text) of each body row of the tables inside `<section id=...>`; header rows have none. */
export function sectionRows(doc: ParsedHtml, section: string): string[][] {
  const s = doc.all('section').find((x) => doc.attr(x, 'id') === section);
  if (!s) throw new Error(`no section ${section}`);
  const inside = (el: Element): boolean => {
    for (let p: Node | null = el.parentNode; p; p = 'parentNode' in p ? p.parentNode : null) if (p === s) return true;
    return false;
  };
  return doc.elements
    .filter((e) => e.tagName === 'tr' && inside(e))
    .map((tr) => tr.childNodes.filter((c): c is Element => 'tagName' in c && c.tagName === 'td').map((td) => doc.text(td)))
    .filter((cells) => cells.length > 0);
}
