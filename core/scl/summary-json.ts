import type { SclIedDetail } from './file';
import type { SclDocument, SclIed } from './model';
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
export function* summaryJsonChunks(doc: SclDocument, detailed: (name: string) => boolean, details: (ied: SclIed) => SclIedDetail): Generator<string> {
  const overview = overviewOf(doc);
  const extra: SclSummaryWarning[] = [];
  const lines: string[] = [];
  let size = 0;
  function* push(line: string): Generator<string> {
    lines.push(line);
    size += line.length;
    if (size >= CHUNK_CHARS) {
      yield lines.join('\n');
      lines.length = 0;
      size = 0;
    }
  }
  yield* push(`${JSON.stringify({ file: overview.file, edition: overview.edition }).slice(0, -1)},"ieds":[`);
  for (let i = 0; i < doc.ieds.length; i++) {
    const ied = doc.ieds[i] as SclIed;
    const comma = i + 1 < doc.ieds.length ? ',' : '';
    if (!detailed(ied.name)) {
      yield* push(`${JSON.stringify(overview.ieds[i])}${comma}`);
      continue;
    }
    const d = details(ied);
    extra.push(...d.warnings.map(warningSummary));
    const { reportControls, recommended, ...head } = detailsOfIed(d.ied);
    yield* push(`${JSON.stringify(head).slice(0, -1)},"reportControls":[`);
    yield* list(reportControls, push);
    yield* push('],"recommended":[');
    yield* list(recommended, push);
    yield* push(`]}${comma}`);
  }
  yield* push('],"warnings":[');
  yield* list([...overview.warnings, ...extra], push);
  yield* push(']}');
  if (lines.length > 0) yield lines.join('\n');
}

function* list(items: readonly unknown[], push: (line: string) => Generator<string>): Generator<string> {
  for (let k = 0; k < items.length; k++) yield* push(`${JSON.stringify(items[k])}${k + 1 < items.length ? ',' : ''}`);
}
