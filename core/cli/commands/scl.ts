import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  DEFAULT_SCL_LIMITS,
  SclError,
  importScl,
  summarizeScl,
  type SclIedSummary,
  type SclProgress,
  type SclSummary,
} from '../../scl';
import type { CommandIo, CommandRun } from '../command';

/** Files at least this big get progress lines on stderr. */
const PROGRESS_BYTES = 4 * 1024 * 1024;
/** Points listed per IED in the human summary unless --ied picks one IED. */
const POINTS_SHOWN = 25;

export const runScl: CommandRun = async (args, io) => {
  const file = args.positionals[0] ?? '';
  const only = typeof args.values.ied === 'string' ? args.values.ied : undefined;
  const size = (await stat(file)).size;
  if (size > DEFAULT_SCL_LIMITS.maxBytes) {
    // Refuse before reading: a huge file must not be loaded just to be rejected.
    throw new SclError(
      'too-large',
      `the file has ${size} bytes, more than the limit of ${DEFAULT_SCL_LIMITS.maxBytes} (maxBytes)`,
      {},
      basename(file),
    );
  }
  const bytes = new Uint8Array(await readFile(file));
  const doc = importScl(bytes, {
    fileName: basename(file),
    ...(size >= PROGRESS_BYTES ? { onProgress: progressPrinter(io, size) } : {}),
  });
  if (only !== undefined && !doc.ieds.some((i) => i.name === only)) {
    const names = doc.ieds.map((i) => i.name);
    io.err(
      `relaygate scl: no IED named '${only}' in ${basename(file)}; it has ${names.length === 0 ? 'no IED' : names.join(', ')}`,
    );
    return 1;
  }
  const summary = summarizeScl(doc, only);
  if (args.values.json) io.out(JSON.stringify(summary, null, 2));
  else io.out(formatSummary(summary, only !== undefined));
  return 0;
};

/** Prints one line per phase and per tenth of the way, to stderr. */
function progressPrinter(io: CommandIo, size: number): (p: SclProgress) => void {
  const started = Date.now();
  let shown = -1;
  io.err(`relaygate scl: reading ${(size / 1024 / 1024).toFixed(1)} MB`);
  return (p) => {
    const tenth = Math.floor(p.fraction * 10);
    // One line per tenth; the last IED reaches 100%, but the line that says so is the one for 'done'.
    if (p.phase !== 'done' && (tenth === shown || p.fraction >= 1)) return;
    shown = tenth;
    io.err(
      `relaygate scl: ${String(Math.round(p.fraction * 100)).padStart(3)}% ${p.phase}${p.detail ? ` ${p.detail}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  };
}

export function formatSummary(s: SclSummary, allPoints: boolean): string {
  const lines = [
    `${s.file ?? 'SCL'}: SCL ${s.edition}, ${s.ieds.length} IED${s.ieds.length === 1 ? '' : 's'}`,
  ];
  for (const ied of s.ieds) lines.push('', ...formatIed(ied, allPoints));
  if (s.warnings.length > 0) {
    lines.push('', `${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}:`);
    for (const w of s.warnings) lines.push(`  - ${w.message}`);
  }
  return lines.join('\n');
}

function formatIed(ied: SclIedSummary, allPoints: boolean): string[] {
  const c = ied.counts;
  const aps = ied.accessPoints.map((ap) => `${ap.name} ${ap.ip ?? '(no IP)'}`).join(', ');
  const byCategory = new Map<string, number>();
  for (const p of ied.recommended) byCategory.set(p.category, (byCategory.get(p.category) ?? 0) + 1);
  const reported = ied.recommended.filter((p) => p.coverage.mode === 'report').length;
  const lines = [
    `IED ${ied.name}   access points: ${aps === '' ? 'none' : aps}`,
    `  ${c.logicalDevices} LD, ${c.logicalNodes} LN, ${c.dataSets} data sets, ${c.reportControls} RCBs (${c.reportInstances} instances), ${c.leaves} leaves`,
    `  ${ied.recommended.length} recommended points (${[...byCategory].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}): ${reported} reported, ${ied.recommended.length - reported} to poll`,
  ];
  const shown = allPoints ? ied.recommended : ied.recommended.slice(0, POINTS_SHOWN);
  const width = Math.min(60, Math.max(0, ...shown.map((p) => p.ref.length + p.fc.length + 2)));
  for (const p of shown) {
    lines.push(
      `    ${`${p.ref}[${p.fc}]`.padEnd(width)}  ${p.type.padEnd(8)} ${p.coverage.mode.padEnd(6)} ${p.reason}`,
    );
  }
  if (shown.length < ied.recommended.length)
    lines.push(
      `    … ${ied.recommended.length - shown.length} more (--ied ${ied.name} lists them all, --json gives everything)`,
    );
  return lines;
}
