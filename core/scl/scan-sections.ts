import type { ScanBudget } from './budget';
import { CUT_DETAIL, CUT_NEVER, CutRecorder } from './cuts';
import type { LnSpan, ScannedSection } from './scan';
import type { SclNames } from './scan-names';

/**
 * The element path whose LNs are recorded: depth 1 IED, 2 AccessPoint, 3 Server, 4 LDevice, 5 LN0|LN.
 * Parsing an IED LN by LN keeps every fast-xml-parser tree small and short-lived.
 */
const LN_PATH: readonly (readonly string[])[] = [[], ['IED'], ['AccessPoint'], ['Server'], ['LDevice'], ['LN0', 'LN']];
const READ_ONCE = ['Header', 'Communication', 'DataTypeTemplates'];
const PRIVATE = ['Private'];
const DOI = ['DOI'];
const DATA_SET = ['DataSet'];

/**
 * What the scanner records of the document's structure, told of each element as it opens and closes:
 * the root children the importer reads (sections), and inside each IED where each LN sits and what
 * can be cut from it (CutRecorder). Everything else is only counted, never kept.
 */
export class SectionRecorder {
  readonly sections: ScannedSection[] = [];
  /** Header, Communication or DataTypeTemplates sections after the first of their name. */
  readonly ignored: string[] = [];
  private readonly readOnce = new Set<string>();
  private readonly cuts: CutRecorder;
  /** Per depth: whether the open element there is on LN_PATH. */
  private readonly onPath: Uint8Array;
  private keep = false;
  private sectionStart = 0;
  private ldIndex = -1;
  private lnStart = 0;
  private lnSpans: LnSpan[] = [];

  constructor(
    private readonly text: string,
    private readonly names: SclNames,
    private readonly budget: ScanBudget,
    maxDepth: number,
  ) {
    this.cuts = new CutRecorder(text);
    this.onPath = new Uint8Array(maxDepth + 1);
  }

  /** An element opened at depth `d` (1 = a root child) at `i`; `end` is the offset after its start tag. */
  opened(d: number, i: number, nameStart: number, nameLen: number, open: boolean, end: number): void {
    if (d <= 5) {
      if (d === 1) {
        this.sectionStart = i;
        this.ldIndex = -1;
        this.lnSpans = [];
      }
      const match = (d === 1 || this.onPath[d - 1] === 1) && this.names.is(nameStart, nameLen, LN_PATH[d] ?? []);
      this.onPath[d] = match ? 1 : 0;
      if (d === 1) this.keep = match ? this.iedSection(i) : this.firstOfItsName(nameStart, nameLen);
      if (match && d === 4) this.ldIndex++;
      if (match && d === 5) {
        this.budget.logicalNode(i);
        if (open) this.lnStart = i;
        else this.lnSpans.push({ ld: this.ldIndex, start: i, end, cuts: [] });
      }
      if (d === 1 && !open && this.keep) this.sections.push({ qname: this.text.substr(nameStart, nameLen), start: i, end, elements: 1, lnSpans: [], cuts: [] });
    }
    if (d >= 2 && this.onPath[1] === 1 && !this.cuts.active) this.cut(d, i, nameStart, nameLen, open, end);
  }

  /** The element at depth `d` closed: its end tag starts at `endTag` and ends just before `end`. */
  closed(d: number, endTag: number, end: number, nameStart: number, nameLen: number): void {
    this.cuts.closed(d, endTag, end);
    if (d === 5 && this.onPath[5] === 1) this.lnSpans.push({ ld: this.ldIndex, start: this.lnStart, end, cuts: this.cuts.takeLn() });
    if (d !== 1) return;
    const cuts = this.cuts.takeSection();
    if (this.keep) this.sections.push({ qname: this.text.substr(nameStart, nameLen), start: this.sectionStart, end, elements: this.budget.sectionElementCount, lnSpans: this.lnSpans, cuts });
  }

  /**
   * Inside an IED: a Private element anywhere is never needed; the DOIs of an LN0/LN on the LN path and
   * the members of its DataSets are needed only for the IED's details (see CutRecorder).
   */
  private cut(d: number, i: number, nameStart: number, nameLen: number, open: boolean, end: number): void {
    const inLn = d >= 6 && this.onPath[5] === 1;
    if (this.names.is(nameStart, nameLen, PRIVATE)) this.cuts.element(d, i, CUT_NEVER, inLn, open ? undefined : end);
    else if (d !== 6 || !inLn) return;
    else if (this.names.is(nameStart, nameLen, DOI)) this.cuts.element(d, i, CUT_DETAIL, true, open ? undefined : end);
    else if (open && this.names.is(nameStart, nameLen, DATA_SET)) this.cuts.content(d, end, CUT_DETAIL, true);
  }

  private iedSection(offset: number): boolean {
    this.budget.ied(offset);
    return true;
  }

  /**
   * Header, Communication and DataTypeTemplates are read once: the first of each is kept, later ones
   * are noted. Any other root child is skipped without being kept.
   */
  private firstOfItsName(nameStart: number, nameLen: number): boolean {
    const local = READ_ONCE[this.names.match(nameStart, nameLen, READ_ONCE)];
    if (local === undefined) return false;
    if (this.readOnce.has(local)) {
      if (!this.ignored.includes(local)) this.ignored.push(local);
      return false;
    }
    this.readOnce.add(local);
    return true;
  }
}
