import { piecesWithout } from './cuts';
import { buildIed, type IedContext, type LnBatches } from './ied';
import type { SclIed } from './model';
import type { Section } from './root';
import type { LnSpan } from './scan';
import { childrenNamed, parseElements, type ConvertOptions, type NamespaceScope, type XmlElement } from './xml';

/** The decoded text and how its sections are parsed. */
export interface SectionSource {
  readonly text: string;
  readonly scope: NamespaceScope;
  readonly convert: ConvertOptions;
}

/** Text of LNs parsed at once: big enough to amortise a parser call, small enough to die young. */
const LN_BATCH_CHARS = 64 * 1024;

/**
 * Builds an IED from its section without the cuts of the kinds in `mask` (see CutRecorder): the
 * overview's skeleton leaves out instance values and data set members, an IED in full only Private
 * elements. The shell (the section without its LN0/LN elements) is parsed once and the LNs in batches,
 * so no tree larger than a few LNs is ever alive.
 */
export function buildSectionIed(src: SectionSource, s: Section, ctx: IedContext, mask: number): SclIed | undefined {
  // Section cuts (Private elements outside LNs) and LN spans never overlap: merge the sorted lists.
  const removed: number[] = [];
  let c = 0;
  for (const span of s.lnSpans) {
    for (; c + 2 < s.cuts.length && (s.cuts[c] ?? 0) < span.start; c += 3) removed.push(s.cuts[c] ?? 0, s.cuts[c + 1] ?? 0, s.cuts[c + 2] ?? 0);
    removed.push(span.start, span.end, mask);
  }
  for (; c + 2 < s.cuts.length; c += 3) removed.push(s.cuts[c] ?? 0, s.cuts[c + 1] ?? 0, s.cuts[c + 2] ?? 0);
  const pieces: string[] = [];
  piecesWithout(src.text, s.start, s.end, removed, mask, pieces);
  const [shell] = parseElements(pieces.join(''), src.scope, src.convert);
  if (!shell) return undefined;
  // The scanner counted LDevices as IED/AccessPoint/Server/LDevice in document order; so do we.
  const byLd = new Map<number, LnSpan[]>();
  for (const span of s.lnSpans) {
    let list = byLd.get(span.ld);
    if (!list) byLd.set(span.ld, (list = []));
    list.push(span);
  }
  const ordinal = new Map<XmlElement, number>();
  for (const ap of childrenNamed(shell, 'AccessPoint')) {
    for (const server of childrenNamed(ap, 'Server')) for (const ld of childrenNamed(server, 'LDevice')) ordinal.set(ld, ordinal.size);
  }
  const batches: LnBatches = (ld) => lnBatches(src, byLd.get(ordinal.get(ld) ?? -1) ?? [], mask);
  return buildIed(shell, ctx, batches);
}

function* lnBatches(src: SectionSource, spans: readonly LnSpan[], mask: number): Generator<XmlElement[]> {
  let i = 0;
  while (i < spans.length) {
    const pieces: string[] = [];
    let size = 0;
    do {
      const span = spans[i++] as LnSpan;
      piecesWithout(src.text, span.start, span.end, span.cuts, mask, pieces);
      size += span.end - span.start;
    } while (i < spans.length && size < LN_BATCH_CHARS);
    yield parseElements(pieces.join(''), src.scope, src.convert);
  }
}
