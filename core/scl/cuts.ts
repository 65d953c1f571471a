import { isSpace } from './xml-chars';

/**
 * What a cut holds, as a bit, so a step leaves out the kinds it does not need:
 * - DETAIL: what only an IED's details need — the DOI elements of each LN0/LN (DOI/SDI/DAI instance
 *   values) and the members (FCDAs) inside each DataSet;
 * - NEVER: Private elements (vendor data that nothing reads).
 */
export const CUT_DETAIL = 1;
export const CUT_NEVER = 2;
/** The overview's skeleton leaves out both; an IED in full only Private elements. */
export const SKELETON = CUT_DETAIL | CUT_NEVER;
export const FULL = CUT_NEVER;

/**
 * Records, while the scanner walks an IED section, where the bulk sits, so each step parses only what
 * it needs. Cuts are flat `[start, end, kind]` triples of text offsets; neighbours of one kind with only
 * white space between are merged into one.
 */
export class CutRecorder {
  /** Cuts of the current IED section outside its LNs. */
  private sectionCuts: number[] = [];
  /** Cuts of the current LN. */
  private lnCuts: number[] = [];
  /** Depth of the element being cut, -1 when none. */
  private depth = -1;
  private start = 0;
  private kind = 0;
  private inLn = false;
  /** Cutting the element's content only (its start and end tags stay). */
  private contentOnly = false;

  constructor(private readonly text: string) {}

  /** True while inside a cut: nothing below it needs looking at. */
  get active(): boolean {
    return this.depth >= 0;
  }

  /**
   * An element to cut whole opens at `start` (depth `depth`); `end` is given when it closes in its
   * start tag (`/>`).
   */
  element(depth: number, start: number, kind: number, inLn: boolean, end?: number): void {
    this.kind = kind;
    this.inLn = inLn;
    this.contentOnly = false;
    if (end !== undefined) this.record(start, end);
    else this.open(depth, start);
  }

  /** An element whose content (not its tags) is cut opened; its content starts at `contentStart`. */
  content(depth: number, contentStart: number, kind: number, inLn: boolean): void {
    this.kind = kind;
    this.inLn = inLn;
    this.contentOnly = true;
    this.open(depth, contentStart);
  }

  /** The element at `depth` closed: its end tag starts at `endTag` and ends just before `end`. */
  closed(depth: number, endTag: number, end: number): void {
    if (depth !== this.depth) return;
    this.depth = -1;
    this.record(this.start, this.contentOnly ? endTag : end);
  }

  /** Hands over the cuts of the section just scanned and starts a new one. */
  takeSection(): number[] {
    const cuts = this.sectionCuts;
    this.sectionCuts = [];
    return cuts;
  }

  /** Hands over the cuts of the LN just scanned and starts a new one. */
  takeLn(): number[] {
    const cuts = this.lnCuts;
    this.lnCuts = [];
    return cuts;
  }

  private open(depth: number, start: number): void {
    this.depth = depth;
    this.start = start;
  }

  private record(start: number, end: number): void {
    const list = this.inLn ? this.lnCuts : this.sectionCuts;
    const n = list.length;
    if (n > 0 && list[n - 1] === this.kind && this.onlySpace(list[n - 2] ?? 0, start)) list[n - 2] = end;
    else list.push(start, end, this.kind);
  }

  private onlySpace(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (!isSpace(this.text.charCodeAt(k))) return false;
    return true;
  }
}

/** Appends the pieces of `[start, end)` outside the cuts (sorted triples within it) of the kinds in `mask`. */
export function piecesWithout(text: string, start: number, end: number, cuts: readonly number[], mask: number, out: string[]): void {
  let pos = start;
  for (let k = 0; k + 2 < cuts.length; k += 3) {
    if (((cuts[k + 2] ?? 0) & mask) === 0) continue;
    out.push(text.slice(pos, cuts[k]));
    pos = cuts[k + 1] ?? pos;
  }
  out.push(text.slice(pos, end));
}
