import { ScanBudget } from './budget';
import { SclNames } from './scan-names';
import { SectionRecorder } from './scan-sections';
import { SclError } from './errors';
import type { SclLimits } from './limits';
import { isNameChar, isNameStart, isSpace, referenceProblem } from './xml-chars';

/** An LN0 or LN element of an IED section and the LDevice (its ordinal in the IED) it belongs to. */
export interface LnSpan {
  /** 0-based ordinal of the LDevice among all IED/AccessPoint/Server/LDevice of the section. */
  readonly ld: number;
  readonly start: number;
  readonly end: number;
  /** Its DOIs, DataSet members and Private elements, as `[start, end, kind]` triples (see CutRecorder). */
  readonly cuts: readonly number[];
}

/** One child element of the root (an IED, the DataTypeTemplates, …) and where it sits in the text. */
export interface ScannedSection {
  /** Qualified name as written, e.g. `IED` or `scl:IED`. */
  readonly qname: string;
  readonly start: number;
  /** Offset just after the section's end tag. */
  readonly end: number;
  readonly elements: number;
  /** For an IED: where each LN0/LN sits, and its DOIs. */
  readonly lnSpans: readonly LnSpan[];
  /** For an IED: its Private elements outside LNs, as `[start, end, kind]` triples (see CutRecorder). */
  readonly cuts: readonly number[];
}

export interface ScanResult {
  readonly rootQname: string;
  /** The root's attributes as written (references not decoded): version, xmlns declarations, … */
  readonly rootAttributes: Readonly<Record<string, string>>;
  readonly rootOffset: number;
  /**
   * The root children the importer reads: Header, Communication and DataTypeTemplates (the first of
   * each) and every IED, in the SCL namespace. Others (Substation, Line, Process, Private, foreign or
   * unknown elements) are scanned and skipped without being kept.
   */
  readonly sections: readonly ScannedSection[];
  /** Header, Communication or DataTypeTemplates sections after the first of their name, skipped. */
  readonly ignoredSections: readonly string[];
  readonly elements: number;
  /** Whether the text holds any character or entity reference, so values may need decoding. */
  readonly hasReferences: boolean;
  /** Whether any element below the root declares a namespace (then prefixes must be tracked per element). */
  readonly namespacesBelowRoot: boolean;
  /**
   * Whether an element at depth 1–4 (a section, or an IED's AccessPoint, Server, LDevice) binds a
   * namespace otherwise than the root does: then the LNs below it cannot be parsed apart from it.
   */
  readonly scopeChangedAboveLns: boolean;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QMARK = 63;
const EQ = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const AMP = 38;


/**
 * One pass over the whole document that proves it well-formed before fast-xml-parser (which is
 * lenient) builds trees from it, and that enforces the limits. It refuses DOCTYPE and entity
 * declarations outright and checks every `&…;` reference, so no entity is ever expanded. It records
 * the root's children as sections so each can be parsed into a tree of its own.
 *
 * Written for speed: charCodeAt and indexOf only, no allocation per element except section names.
 */
class Scanner {
  private readonly n: number;
  private depth = 0;
  private readonly budget: ScanBudget;
  private readonly stackStart: Int32Array;
  private readonly stackLen: Int32Array;
  private readonly attrStart: Int32Array;
  private readonly attrLen: Int32Array;
  private nextAmp: number;
  private knownLt = -1;
  private hasReferences = false;
  private namespacesBelowRoot = false;
  private scopeChangedAboveLns = false;
  private rootQname = '';
  private rootOffset = 0;
  private readonly rootAttributes: Record<string, string> = Object.create(null) as Record<string, string>;
  private readonly names: SclNames;
  private readonly recorder: SectionRecorder;

  constructor(
    private readonly text: string,
    private readonly limits: SclLimits,
  ) {
    this.n = text.length;
    this.stackStart = new Int32Array(limits.maxDepth + 1);
    this.stackLen = new Int32Array(limits.maxDepth + 1);
    this.attrStart = new Int32Array(limits.maxAttributes + 1);
    this.attrLen = new Int32Array(limits.maxAttributes + 1);
    this.nextAmp = this.indexOrEnd('&', 0);
    this.budget = new ScanBudget(limits, text.length);
    this.names = new SclNames(text, this.rootAttributes);
    this.recorder = new SectionRecorder(text, this.names, this.budget, limits.maxDepth);
  }

  scan(): ScanResult {
    let i = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (this.text.startsWith('<?xml', i) && isSpace(this.text.charCodeAt(i + 5))) i = this.pi(i, true);
    i = this.misc(i, true);
    this.rootOffset = i;
    const open = this.startTag(i);
    i = this.tagEnd;
    if (open) i = this.content(i);
    this.misc(i, false);
    return {
      rootQname: this.rootQname,
      rootAttributes: this.rootAttributes,
      rootOffset: this.rootOffset,
      sections: this.recorder.sections,
      ignoredSections: this.recorder.ignored,
      elements: this.budget.elementCount,
      hasReferences: this.hasReferences,
      namespacesBelowRoot: this.namespacesBelowRoot,
      scopeChangedAboveLns: this.scopeChangedAboveLns,
    };
  }

  private fail(message: string, offset: number, expected?: string): never {
    throw new SclError('syntax', `not well-formed XML: ${message}`, { offset, expected });
  }

  private indexOrEnd(what: string, from: number): number {
    const at = this.text.indexOf(what, from);
    return at < 0 ? this.n : at;
  }

  private skipSpace(j: number): number {
    while (j < this.n && isSpace(this.text.charCodeAt(j))) j++;
    return j;
  }

  private charAt(j: number): string {
    return j >= this.n ? 'the end of the file' : JSON.stringify(this.text[j]);
  }

  /** Comments, processing instructions and white space before and after the root. */
  private misc(i: number, beforeRoot: boolean): number {
    for (;;) {
      i = this.skipSpace(i);
      if (i >= this.n) {
        if (beforeRoot) this.fail('no root element', i, '<SCL');
        return i;
      }
      if (this.text.charCodeAt(i) !== LT) {
        if (beforeRoot) this.fail(`expected '<' to start the root element, found ${this.charAt(i)}`, i, "'<'");
        this.fail('text after the end of the root element', i, 'end of file');
      }
      const c1 = this.text.charCodeAt(i + 1);
      if (c1 === QMARK) i = this.pi(i, false);
      else if (c1 === BANG) i = this.bang(i, false);
      else if (beforeRoot) return i;
      else this.fail('a second root element', i, 'end of file');
    }
  }

  private pi(i: number, declaration: boolean): number {
    const end = this.text.indexOf('?>', i + 2);
    if (end < 0) this.fail('processing instruction is not closed', i, "'?>'");
    if (!declaration && /^xml(\s|\?)/i.test(this.text.slice(i + 2, i + 6))) {
      this.fail("the XML declaration '<?xml … ?>' is only allowed at the very start of the file", i);
    }
    this.skipAmp(end);
    return end + 2;
  }

  private bang(i: number, inContent: boolean): number {
    const t = this.text;
    if (t.startsWith('<!--', i)) {
      const end = t.indexOf('-->', i + 4);
      if (end < 0) this.fail('comment is not closed', i, "'-->'");
      this.skipAmp(end);
      return end + 3;
    }
    const head = t.slice(i, i + 9).toUpperCase();
    if (head === '<!DOCTYPE') {
      throw new SclError('doctype', 'a DOCTYPE is not accepted in SCL: DOCTYPEs and their entity declarations are refused to prevent entity-expansion attacks', {
        offset: i,
      });
    }
    if (head.startsWith('<!ENTITY')) {
      throw new SclError('entity', 'an entity declaration is not accepted in SCL (entity-expansion protection)', { offset: i });
    }
    if (inContent && t.startsWith('<![CDATA[', i)) {
      const end = t.indexOf(']]>', i + 9);
      if (end < 0) this.fail('CDATA section is not closed', i, "']]>'");
      this.skipAmp(end);
      return end + 3;
    }
    return this.fail(`unexpected '<!' markup`, i, inContent ? "'<!--' or '<![CDATA['" : "'<!--'");
  }

  /** Element content up to the end tag that closes the element opened at the current depth. */
  private content(i: number): number {
    const floor = this.depth - 1;
    for (;;) {
      let lt = this.knownLt;
      if (lt < i) lt = this.text.indexOf('<', i);
      if (lt < 0 || lt >= this.n) {
        const top = this.depth - 1;
        const name = this.text.substr(this.stackStart[top] ?? 0, this.stackLen[top] ?? 0);
        this.fail(`the file ends inside <${name}> (${this.depth} element${this.depth === 1 ? '' : 's'} still open)`, this.n, `</${name}>`);
      }
      if (this.nextAmp < lt) this.references(i, lt);
      const c1 = this.text.charCodeAt(lt + 1);
      if (c1 === SLASH) {
        i = this.endTag(lt);
        if (this.depth === floor) return i;
      } else if (c1 === BANG) i = this.bang(lt, true);
      else if (c1 === QMARK) i = this.pi(lt, false);
      else {
        this.startTag(lt);
        i = this.tagEnd;
      }
    }
  }

  /** Offset after the last start tag read. */
  private tagEnd = 0;

  /** Reads a start tag at `i`; returns true when the element stays open (not `/>`). */
  private startTag(i: number): boolean {
    const t = this.text;
    let j = i + 1;
    const nameStart = j;
    if (!isNameStart(t.charCodeAt(j))) this.fail(`expected an element name after '<', found ${this.charAt(j)}`, j, 'an element name');
    j++;
    while (isNameChar(t.charCodeAt(j))) j++;
    const nameLen = j - nameStart;
    this.countElement(i);
    const nextLt = this.indexOrEnd('<', j);
    this.knownLt = nextLt;
    let attrs = 0;
    let open: boolean;
    for (;;) {
      const before = j;
      j = this.skipSpace(j);
      const c = t.charCodeAt(j);
      if (c === GT) {
        j++;
        open = true;
        break;
      }
      if (c === SLASH) {
        if (t.charCodeAt(j + 1) !== GT) this.fail(`expected '>' after '/' in <${t.substr(nameStart, nameLen)}>`, j + 1, "'>'");
        j += 2;
        open = false;
        break;
      }
      if (j >= this.n) this.fail(`the file ends inside the start tag <${t.substr(nameStart, nameLen)}>`, j, "'>' or '/>'");
      if (j === before || !isNameStart(c)) {
        this.fail(`expected an attribute name, '>' or '/>' in <${t.substr(nameStart, nameLen)}>, found ${this.charAt(j)}`, j, "'>' or '/>'");
      }
      j = this.attribute(j, nextLt, attrs, nameStart, nameLen);
      attrs++;
    }
    this.tagEnd = j;
    this.opened(i, nameStart, nameLen, open, j);
    return open;
  }

  private countElement(offset: number): void {
    if (this.depth >= this.limits.maxDepth) {
      throw new SclError('limit', `elements nest deeper than ${this.limits.maxDepth} levels (maxDepth)`, { offset });
    }
    this.budget.element(this.depth, offset);
  }

  /** Reads `name = "value"` at `j` (the name's first character); returns the offset after the value. */
  private attribute(j: number, nextLt: number, index: number, elStart: number, elLen: number): number {
    const t = this.text;
    if (index >= this.limits.maxAttributes) {
      throw new SclError('limit', `more than ${this.limits.maxAttributes} attributes on <${t.substr(elStart, elLen)}> (maxAttributes)`, { offset: j });
    }
    const an = j;
    j++;
    while (isNameChar(t.charCodeAt(j))) j++;
    const anLen = j - an;
    this.checkDuplicate(an, anLen, index);
    j = this.skipSpace(j);
    if (t.charCodeAt(j) !== EQ) this.fail(`expected '=' after attribute '${t.substr(an, anLen)}', found ${this.charAt(j)}`, j, "'='");
    j = this.skipSpace(j + 1);
    const q = t.charCodeAt(j);
    if (q !== DQUOTE && q !== SQUOTE) this.fail(`expected a quoted value for attribute '${t.substr(an, anLen)}', found ${this.charAt(j)}`, j, `'"'`);
    const close = t.indexOf(q === DQUOTE ? '"' : "'", j + 1);
    if (close < 0) this.fail(`the value of attribute '${t.substr(an, anLen)}' is not closed`, j, q === DQUOTE ? `'"'` : "\"'\"");
    if (nextLt < close) this.fail(`'<' is not allowed in the value of attribute '${t.substr(an, anLen)}'`, nextLt, "'&lt;'");
    if (this.nextAmp < close) this.references(j + 1, close);
    if (this.depth === 0) this.rootAttributes[t.substr(an, anLen)] = t.slice(j + 1, close);
    else if (anLen >= 5 && t.startsWith('xmlns', an) && (anLen === 5 || t.charCodeAt(an + 5) === 58)) {
      this.namespacesBelowRoot = true;
      if (this.depth <= 4 && !this.scopeChangedAboveLns) this.scopeChangedAboveLns = this.names.rebinds(t.substr(an, anLen), t.slice(j + 1, close));
    }
    return close + 1;
  }

  private checkDuplicate(an: number, anLen: number, index: number): void {
    const t = this.text;
    for (let k = 0; k < index; k++) {
      const s = this.attrStart[k] ?? 0;
      if (this.attrLen[k] !== anLen) continue;
      let m = 0;
      while (m < anLen && t.charCodeAt(s + m) === t.charCodeAt(an + m)) m++;
      if (m === anLen) this.fail(`attribute '${t.substr(an, anLen)}' appears twice`, an, 'each attribute once');
    }
    this.attrStart[index] = an;
    this.attrLen[index] = anLen;
  }

  private opened(i: number, nameStart: number, nameLen: number, open: boolean, end: number): void {
    const d = this.depth;
    if (d === 0) {
      this.rootQname = this.text.substr(nameStart, nameLen);
      this.names.learnRoot();
    } else {
      this.recorder.opened(d, i, nameStart, nameLen, open, end);
    }
    if (open) {
      this.stackStart[this.depth] = nameStart;
      this.stackLen[this.depth] = nameLen;
      this.depth++;
    }
  }

  private endTag(i: number): number {
    const t = this.text;
    const top = this.depth - 1;
    const start = this.stackStart[top] ?? 0;
    const len = this.stackLen[top] ?? 0;
    let j = i + 2;
    let k = 0;
    while (k < len && t.charCodeAt(j + k) === t.charCodeAt(start + k)) k++;
    if (k < len || isNameChar(t.charCodeAt(j + len))) {
      let e = j;
      while (isNameChar(t.charCodeAt(e))) e++;
      const expected = `</${t.substr(start, len)}>`;
      this.fail(`expected ${expected} but found </${t.slice(j, e)}>`, i, expected);
    }
    j = this.skipSpace(j + len);
    if (t.charCodeAt(j) !== GT) this.fail(`expected '>' to close </${t.substr(start, len)}, found ${this.charAt(j)}`, j, "'>'");
    this.depth--;
    if (this.depth > 0) this.recorder.closed(this.depth, i, j + 1, start, len);
    return j + 1;
  }

  /** Checks every `&` in [from, to): each must start &lt; &gt; &amp; &quot; &apos; or a character reference. */
  private references(from: number, to: number): void {
    let a = this.nextAmp;
    while (a < to) {
      if (a >= from) this.reference(a);
      a = this.indexOrEnd('&', a + 1);
    }
    this.nextAmp = a;
  }

  /** Moves past `&` inside comments, CDATA and processing instructions, which are not references. */
  private skipAmp(to: number): void {
    if (this.nextAmp < to) this.nextAmp = this.indexOrEnd('&', to);
  }

  private reference(a: number): void {
    this.hasReferences = true;
    const t = this.text;
    const semi = t.indexOf(';', a + 1);
    if (semi < 0 || semi - a > 12 || t.charCodeAt(a + 1) === AMP) {
      this.fail("'&' must start a reference such as &amp; (write a literal & as &amp;)", a, "'&amp;'");
    }
    const body = t.slice(a + 1, semi);
    const problem = referenceProblem(body);
    if (problem === 'character') this.fail(`'&${body};' is not a valid character reference`, a, 'a character reference such as &#233;');
    if (problem === 'undeclared') {
      throw new SclError('entity', `reference to the undeclared entity '&${body};' (DOCTYPEs and entity declarations are refused, so only &lt; &gt; &amp; &quot; &apos; exist)`, {
        offset: a,
      });
    }
  }
}

/** Scans `text` (decoded, BOM allowed) and throws SclError with an offset on the first problem. */
export function scanXml(text: string, limits: SclLimits): ScanResult {
  return new Scanner(text, limits).scan();
}
