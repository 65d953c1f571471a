import type { SclIedDetail } from './file';
import type { SclDocument, SclIed } from './model';
import type { PlanOptions } from './planner';
import { detailsOfIed, overviewOf, warningSummary, type SclSummaryWarning } from './summary';

/** Lines joined into one chunk, so a big document is written in a few hundred writes, not one per point. */
const CHUNK_CHARS = 64 * 1024;

/**
 * `summaryOf` as JSON text, produced as it is written: the head, then one IED at a time (its overview
 * on one line, then one line per RCB and per recommended point), then the warnings. Details are made
 * only when their IED is reached, so at most one IED's details are alive at a time. The chunks, joined
 * with '\n', are one JSON document that parses to the same value as `JSON.stringify(summaryOf(…))`,
 * without its indentation.
 */
export function* summaryJsonChunks(doc: SclDocument, detailed: (name: string) => boolean, details: (ied: SclIed) => SclIedDetail, options: PlanOptions = {}): Generator<string> {
  const overview = overviewOf(doc);
  const extra: SclSummaryWarning[] = [];
  const out = new Lines();
  out.add(`${JSON.stringify({ file: overview.file, edition: overview.edition }).slice(0, -1)},"ieds":[`);
  for (let i = 0; i < doc.ieds.length; i++) {
    const ied = doc.ieds[i] as SclIed;
    const comma = i + 1 < doc.ieds.length ? ',' : '';
    if (!detailed(ied.name)) {
      out.add(`${JSON.stringify(overview.ieds[i])}${comma}`);
    } else {
      const d = details(ied);
      extra.push(...d.warnings.map(warningSummary));
      const { reportControls, recommended, ...head } = detailsOfIed(d.ied, options);
      out.add(`${JSON.stringify(head).slice(0, -1)},"reportControls":[`);
      out.list(reportControls);
      out.add('],"recommended":[');
      out.list(recommended);
      out.add(`]}${comma}`);
    }
    if (out.full) yield out.take();
  }
  out.add('],"warnings":[');
  out.list([...overview.warnings, ...extra]);
  out.add(']}');
  yield out.take();
}

/** Lines gathered into chunks of about CHUNK_CHARS. */
class Lines {
  private lines: string[] = [];
  private size = 0;

  get full(): boolean {
    return this.size >= CHUNK_CHARS;
  }

  add(line: string): void {
    this.lines.push(line);
    this.size += line.length;
  }

  /** One line per item, comma-separated. */
  list(items: readonly unknown[]): void {
    for (let k = 0; k < items.length; k++) this.add(`${JSON.stringify(items[k])}${k + 1 < items.length ? ',' : ''}`);
  }

  take(): string {
    const chunk = this.lines.join('\n');
    this.lines = [];
    this.size = 0;
    return chunk;
  }
}
