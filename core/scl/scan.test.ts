import { describe, expect, it } from 'vitest';
import { SclError } from './errors';
import { importScl } from './importer';
import { DEFAULT_SCL_LIMITS } from './limits';
import { scanXml } from './scan';

const NS = 'xmlns="http://www.iec.ch/61850/2003/SCL"';

function errorOf(run: () => unknown): SclError {
  try {
    run();
  } catch (err) {
    if (err instanceof SclError) return err;
    throw err;
  }
  throw new Error('expected an SclError');
}

/** 1-based line and column of the first occurrence of `marker` in `text` (the place the error names). */
function at(text: string, marker: string): [number, number] {
  const offset = text.indexOf(marker);
  if (offset < 0) throw new Error(`marker ${marker} not in ${text}`);
  const before = text.slice(0, offset);
  return [before.split('\n').length, offset - before.lastIndexOf('\n')];
}

describe('well-formedness: errors name file, line, column and what was expected', () => {
  // [case, text, marker of the error position (first occurrence; '' = end of text), expected, message]
  it.each([
    ['mismatched end tag', `<SCL ${NS}>\n  <IED name="A">\n  </LDevice>\n</SCL>`, '</LDevice>', '</IED>', /expected <\/IED> but found <\/LDevice>/],
    ['end of file inside an element', `<SCL ${NS}>\n<IED name="A">`, '', '</IED>', /the file ends inside <IED> \(2 elements still open\)/],
    ['unquoted attribute value', `<SCL ${NS} version=2007/>`, '2007', `'"'`, /expected a quoted value for attribute 'version', found "2"/],
    ['attribute without =', `<SCL ${NS} version/>`, '/>', "'='", /expected '=' after attribute 'version', found "\/"/],
    ['unclosed attribute value', `<SCL ${NS} version="2007/>`, '"2007', `'"'`, /the value of attribute 'version' is not closed/],
    ["'<' in an attribute value", `<SCL ${NS}><IED name="a<b"/></SCL>`, '<b', "'&lt;'", /'<' is not allowed in the value of attribute 'name'/],
    ['duplicate attribute', `<SCL ${NS}><IED name="a" name="b"/></SCL>`, 'name="b"', 'each attribute once', /attribute 'name' appears twice/],
    ['no space between attributes', `<SCL ${NS}><IED name="a"type="b"/></SCL>`, 'type', "'>' or '/>'", /expected an attribute name, '>' or '\/>' in <IED>, found "t"/],
    ['text after the root', `<SCL ${NS}/>\nlol`, 'lol', 'end of file', /text after the end of the root element/],
    ['a second root', `<SCL ${NS}/><Second/>`, '<Second', 'end of file', /a second root element/],
    ['a bare ampersand', `<SCL ${NS}><Header id="a & b"/></SCL>`, '& b', "'&amp;'", /'&' must start a reference/],
    ['an invalid character reference', `<SCL ${NS}><Header id="&#0;"/></SCL>`, '&#0;', 'a character reference such as &#233;', /'&#0;' is not a valid character reference/],
    ['an unclosed comment', `<SCL ${NS}><!-- forever </SCL>`, '<!--', "'-->'", /comment is not closed/],
    ['an XML declaration not at the start', ` <?xml version="1.0"?><SCL ${NS}/>`, '<?xml', undefined, /only allowed at the very start/],
    ['no element name after <', `<SCL ${NS}>< IED/></SCL>`, ' IED', 'an element name', /expected an element name after '<', found " "/],
    ['no root element at all', '<?xml version="1.0"?>\n<!-- nothing -->\n', '', '<SCL', /no root element/],
    ['plain text', 'SCL xmlns="http://www.iec.ch/61850/2003/SCL"', 'SCL', "'<'", /expected '<' to start the root element, found "S"/],
  ])('%s', (_name, text, marker, expected, message) => {
    const err = errorOf(() => importScl(text, { fileName: 'bad.scd' }));
    expect(err.code).toBe('syntax');
    expect(err.message).toMatch(message);
    const [line, column] = marker === '' ? at(`${text}\u0000`, '\u0000') : at(text, marker);
    expect([err.file, err.line, err.column, err.expected]).toEqual(['bad.scd', line, column, expected]);
    const suffix = expected === undefined || err.message.includes('expected') ? '' : ` (expected ${expected})`;
    expect(err.toLine()).toBe(`scl/syntax: bad.scd:${line}:${column}: ${err.message}${suffix}`);
  });

  it('appends what was expected when the message does not say it', () => {
    const err = errorOf(() => importScl(`<SCL ${NS}>\n<IED name="A">`, { fileName: 'f.scd' }));
    expect(err.toLine()).toBe('scl/syntax: f.scd:2:15: not well-formed XML: the file ends inside <IED> (2 elements still open) (expected </IED>)');
  });

  it('counts lines across CRLF and columns from 1', () => {
    const err = errorOf(() => importScl(`<SCL ${NS}>\r\n\r\n   <IED></LN>\r\n</SCL>`));
    expect([err.line, err.column]).toEqual([3, 9]);
  });
});

describe('DOCTYPE and entities are refused, never expanded', () => {
  const billionLaughs = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [',
    ' <!ENTITY lol "lol">',
    ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
    ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
    ' <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">',
    ']>',
    `<SCL ${NS}><Header id="&lol9;"/></SCL>`,
  ].join('\n');

  it('refuses an entity-expansion (billion laughs) document at its DOCTYPE', () => {
    const err = errorOf(() => importScl(billionLaughs, { fileName: 'lol.scd' }));
    expect([err.code, err.line, err.column]).toEqual(['doctype', 2, 1]);
    expect(err.toLine()).toMatch(/^scl\/doctype: lol\.scd:2:1: a DOCTYPE is not accepted in SCL: .*entity-expansion attacks$/);
  });

  it('refuses an external entity (XXE) DOCTYPE and a plain one, whatever the case', () => {
    for (const doctype of ['<!DOCTYPE SCL [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE SCL>', '<!doctype SCL>']) {
      expect(errorOf(() => importScl(`${doctype}<SCL ${NS}>&xxe;</SCL>`)).code).toBe('doctype');
    }
  });

  it('refuses an entity declaration and a reference to an undeclared entity', () => {
    expect(errorOf(() => importScl(`<SCL ${NS}><!ENTITY x "y"></SCL>`)).code).toBe('entity');
    const text = `<SCL ${NS}><Header id="&xxe;"/></SCL>`;
    const err = errorOf(() => importScl(text));
    expect([err.code, err.line, err.column]).toEqual(['entity', ...at(text, '&xxe;')]);
    expect(err.message).toMatch(/undeclared entity '&xxe;'/);
  });

  it('decodes the predefined entities and character references in values', () => {
    const doc = importScl(`<SCL ${NS}><Header id="a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9;"/></SCL>`);
    expect(doc.header.id).toBe(`a & b <c> "d" 'e' éé`);
  });

  it('does not treat & inside comments and CDATA as references', () => {
    expect(() => scanXml(`<SCL ${NS}><!-- a & b --><Header><![CDATA[ & < ]]></Header></SCL>`, DEFAULT_SCL_LIMITS)).not.toThrow();
  });
});

describe('limits turn absurd input into clear errors', () => {
  const nested = (depth: number) => `<SCL ${NS}>${'<Private>'.repeat(depth)}${'</Private>'.repeat(depth)}</SCL>`;

  it.each([
    ['maxDepth', nested(20), { maxDepth: 20 }, /elements nest deeper than 20 levels \(maxDepth\)/],
    ['maxElements', `<SCL ${NS}>${'<Private/>'.repeat(10)}</SCL>`, { maxElements: 10 }, /more than 10 elements \(maxElements\)/],
    ['maxSectionElements', `<SCL ${NS}><IED name="A">${'<Private/>'.repeat(5)}</IED></SCL>`, { maxSectionElements: 5 }, /one top-level element holds more than 5 elements/],
    ['maxAttributes', `<SCL ${NS}><Header a="1" b="2" c="3"/></SCL>`, { maxAttributes: 2 }, /more than 2 attributes on <Header>/],
  ])('%s', (_name, text, limits, message) => {
    const err = errorOf(() => importScl(text, { limits }));
    expect(err.code).toBe('limit');
    expect(err.message).toMatch(message);
    expect(err.line).toBe(1);
  });

  it('budgets elements in proportion to the text: one per minCharsPerElement characters, at least 10,000', () => {
    const text = `<SCL ${NS}>${'<a/>'.repeat(12_000)}</SCL>`;
    const err = errorOf(() => importScl(text, { fileName: 'tiny.scd' }));
    // The root is the first element, so the 10,001st is the 10,000th <a/>.
    expect(err.toLine()).toBe(
      `scl/limit: tiny.scd:1:${text.indexOf('<a/>') + 4 * 9_999 + 1}: more than 10000 elements in ${text.length} characters: at most one element per 8 characters on average (minCharsPerElement); real SCL has one per 30 or more`,
    );
    // The same elements in a file eight times as long are within the budget.
    expect(() => importScl(`<SCL ${NS}>${'<a/>'.repeat(12_000)}<Private>${' '.repeat(12_000 * 8)}</Private></SCL>`)).not.toThrow();
  });

  it('budgets the LNs of IEDs in proportion to the text (minCharsPerLogicalNode) and the IEDs (maxIeds)', () => {
    const lns = `<SCL ${NS}><IED name="A"><AccessPoint name="P"><Server><LDevice inst="L">${'<LN lnType="T"/>'.repeat(1_500)}</LDevice></Server></AccessPoint></IED></SCL>`;
    expect(errorOf(() => importScl(lns)).message).toBe(
      `more than 1000 LN0/LN elements in ${lns.length} characters: at most one per 64 characters (minCharsPerLogicalNode); a real LN with its DOIs takes 500 or more`,
    );
    expect(() => importScl(lns, { limits: { minCharsPerLogicalNode: 16 } })).not.toThrow();
    const ieds = `<SCL ${NS}>${'<IED name="x"/>'.repeat(4)}</SCL>`;
    expect(errorOf(() => importScl(ieds, { limits: { maxIeds: 3 } })).message).toBe('more than 3 IEDs (maxIeds)');
  });

  it('keeps only the root children it reads; a second Header, Communication or DataTypeTemplates is ignored with a warning', () => {
    const text = `<SCL ${NS}><Substation name="S"/><Private/><x:Foo xmlns:x="urn:x"/><Header id="1"/><Header id="2"/><DataTypeTemplates/><Line name="l"/><DataTypeTemplates/><DataTypeTemplates/></SCL>`;
    const scan = scanXml(text, DEFAULT_SCL_LIMITS);
    expect(scan.sections.map((s) => s.qname)).toEqual(['Header', 'DataTypeTemplates']);
    expect(scan.ignoredSections).toEqual(['Header', 'DataTypeTemplates']);
    expect(scan.elements).toBe(10);
    const doc = importScl(text);
    expect(doc.header.id).toBe('1');
    expect(doc.warnings.filter((w) => w.code === 'ignored-section').map((w) => w.message)).toEqual([
      'the file has more than one Header; the first is read and the others are ignored',
      'the file has more than one DataTypeTemplates; the first is read and the others are ignored',
    ]);
  });

  it('accepts what is just inside the limits', () => {
    expect(() => importScl(nested(19), { limits: { maxDepth: 20 } })).not.toThrow();
  });

  it('refuses input over maxBytes before scanning it', () => {
    const err = errorOf(() => importScl(new TextEncoder().encode(nested(50)), { limits: { maxBytes: 100 } }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/more than the limit of 100 \(maxBytes\)/);
  });

  it('scans a million-level nesting attempt in bounded time and memory', () => {
    const text = `<SCL ${NS}>${'<a>'.repeat(1_000_000)}`;
    expect(errorOf(() => importScl(text)).message).toMatch(/nest deeper than 100 levels/);
  });
});

describe('the scan result', () => {
  it('records the root, its sections and the LNs of each LDevice', () => {
    const text = `<SCL ${NS} version="2007"><Header id="h"/><IED name="A"><AccessPoint name="P"><Server><LDevice inst="L1"><LN0 lnClass="LLN0" inst="" lnType="T"/><LN lnClass="GGIO" inst="1" lnType="G"></LN></LDevice><LDevice inst="L2"><LN0 lnClass="LLN0" inst="" lnType="T"/></LDevice></Server></AccessPoint></IED></SCL>`;
    const r = scanXml(text, DEFAULT_SCL_LIMITS);
    expect(r.rootQname).toBe('SCL');
    expect(r.rootAttributes).toEqual({ xmlns: 'http://www.iec.ch/61850/2003/SCL', version: '2007' });
    expect(r.sections.map((s) => [s.qname, text.slice(s.start, s.start + 5), text.slice(s.end - 6, s.end)])).toEqual([
      ['Header', '<Head', 'd="h"/>'.slice(1)],
      ['IED', '<IED ', '</IED>'],
    ]);
    const ied = r.sections[1]!;
    expect(ied.lnSpans.map((s) => [s.ld, text.slice(s.start, s.end)])).toEqual([
      [0, '<LN0 lnClass="LLN0" inst="" lnType="T"/>'],
      [0, '<LN lnClass="GGIO" inst="1" lnType="G"></LN>'],
      [1, '<LN0 lnClass="LLN0" inst="" lnType="T"/>'],
    ]);
    expect(r.elements).toBe(10);
    expect([r.hasReferences, r.namespacesBelowRoot]).toEqual([false, false]);
  });
});
