import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  DEFAULT_SCL_LIMITS,
  DEFAULT_TIERS,
  POINT_TIERS,
  SclError,
  SclFile,
  detailsOfIed,
  overviewOf,
  summaryJsonChunks,
  warningSummary,
  type SclIed,
  type SclIedDetails,
  type SclIedOverview,
  type PlanOptions,
  type PointTier,
  type SclProgress,
  type SclSummary,
  type SclSummaryWarning,
} from '../../scl';
import { UsageError, type CommandIo, type CommandRun } from '../command';

/** Files at least this big get progress lines on stderr. */
const PROGRESS_BYTES = 4 * 1024 * 1024;

/**
 * `relaygate scl FILE`: the overview of every IED first (parsed without any IED's instance values),
 * then the details (recommended points and coverage) of only the IEDs asked for, one at a time,
 * written as they are made.
 */
export const runScl: CommandRun = async (args, io) => {
  const file = args.positionals[0] ?? '';
  const names = Array.isArray(args.values.ied) ? args.values.ied : [];
  const all = args.values.all === true;
  if (all && names.length > 0) throw new UsageError('give --ied NAME or --all, not both');
  const plan: PlanOptions = { tiers: tiersOf(args.values.tier) };
  const size = (await stat(file)).size;
  if (size > DEFAULT_SCL_LIMITS.maxBytes) {
    // Refuse before reading: a huge file must not be loaded just to be rejected.
    throw new SclError('too-large', `the file has ${size} bytes, more than the limit of ${DEFAULT_SCL_LIMITS.maxBytes} (maxBytes)`, {}, basename(file));
  }
  // readFile's Buffer is a Uint8Array: handed over as it is, never copied.
  const scl = SclFile.open(await readFile(file), { fileName: basename(file), ...(size >= PROGRESS_BYTES ? { onProgress: progressPrinter(io, size) } : {}) });
  const doc = scl.overview();
  const unknown = names.filter((n) => !doc.ieds.some((i) => i.name === n));
  if (unknown.length > 0) {
    const have = doc.ieds.map((i) => i.name);
    io.err(`relaygate scl: no IED named ${unknown.map((n) => `'${n}'`).join(', ')} in ${basename(file)}; it has ${have.length === 0 ? 'no IED' : have.join(', ')}`);
    return 1;
  }
  const detailed = (name: string) => all || names.includes(name);
  const details = (ied: SclIed) => scl.details(ied);
  if (args.values.json) {
    for (const chunk of summaryJsonChunks(doc, detailed, details, plan)) {
      io.out(chunk);
      await io.drained?.();
    }
    return 0;
  }
  // The text form too goes IED by IED, its details made when it is reached.
  const overview = overviewOf(doc);
  const extra: SclSummaryWarning[] = [];
  io.out(formatHead(overview));
  doc.ieds.forEach((ied, i) => {
    if (!detailed(ied.name)) return io.out(['', ...formatIed(overview.ieds[i] as SclIedOverview)].join('\n'));
    const d = details(ied);
    extra.push(...d.warnings.map(warningSummary));
    io.out(['', ...formatIed(detailsOfIed(d.ied, plan))].join('\n'));
  });
  const tail = formatTail([...overview.warnings, ...extra], overview.ieds.length > 0 && !all && names.length === 0);
  if (tail !== '') io.out(tail);
  return 0;
};

/** `--tier` values (repeatable, or comma-separated); DEFAULT_TIERS when none. */
function tiersOf(value: unknown): PointTier[] {
  const given = (Array.isArray(value) ? value : []).flatMap((v) => String(v).split(',')).map((t) => t.trim());
  if (given.length === 0) return [...DEFAULT_TIERS];
  for (const t of given) if (!(POINT_TIERS as readonly string[]).includes(t)) throw new UsageError(`--tier must be ${POINT_TIERS.join(', ')}; got '${t}'`);
  return POINT_TIERS.filter((t) => given.includes(t));
}

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
    io.err(`relaygate scl: ${String(Math.round(p.fraction * 100)).padStart(3)}% ${p.phase}${p.detail ? ` ${p.detail}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function formatHead(s: SclSummary): string {
  return `${s.file ?? 'SCL'}: SCL ${s.edition}, ${plural(s.ieds.length, 'IED')}`;
}

function formatTail(warnings: readonly SclSummaryWarning[], hint: boolean): string {
  const lines: string[] = [];
  if (warnings.length > 0) {
    lines.push('', `${plural(warnings.length, 'warning')}:`);
    for (const w of warnings) lines.push(`  - ${w.message}`);
  }
  if (hint) lines.push('', `--ied NAME (or --all) lists an IED's recommended points and their report coverage.`);
  return lines.join('\n');
}

function formatIed(ied: SclIedOverview | SclIedDetails): string[] {
  const c = ied.counts;
  const aps = ied.accessPoints.map((ap) => `${ap.name} ${ap.ip ?? '(no IP)'}`).join(', ');
  const lines = [
    `IED ${ied.name}   access points: ${aps === '' ? 'none' : aps}`,
    `  ${c.logicalDevices} LD, ${c.logicalNodes} LN, ${c.dataSets} data sets, ${c.reportControls} RCBs (${c.reportInstances} instances), ${c.leaves} leaves`,
  ];
  if (!('recommended' in ied)) return lines;
  const byTier = new Map<string, number>();
  for (const p of ied.recommended) byTier.set(p.tier, (byTier.get(p.tier) ?? 0) + 1);
  const reported = ied.recommended.filter((p) => p.coverage.mode === 'report').length;
  lines.push(
    `  ${ied.recommended.length} recommended points (${POINT_TIERS.filter((t) => byTier.has(t)).map((t) => `${byTier.get(t)} ${t}`).join(', ') || 'none'}): ${reported} reported, ${ied.recommended.length - reported} to poll`,
  );
  const width = Math.min(60, Math.max(0, ...ied.recommended.map((p) => p.ref.length + p.fc.length + 2)));
  for (const p of ied.recommended) lines.push(`    ${`${p.ref}[${p.fc}]`.padEnd(width)}  ${p.tier.padEnd(9)} ${p.type.padEnd(8)} ${p.coverage.mode.padEnd(6)} ${p.reason}`);
  return lines;
}
