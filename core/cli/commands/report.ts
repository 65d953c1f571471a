import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { VerifyReportSchema, type VerifyReport } from '../../contract';
import { findChromium, noChromiumMessage, printPdf } from '../../print';
import { secretResolver } from '../../project';
import { makeReport, reportWarnings } from '../../report';
import { readProjectFile, writeFileAtomic } from '../../runtime';
import { RelayGateError, errorMessage } from '../../shared';
import { UsageError, type CommandRun, type ParsedArgs } from '../command';
import { VERSION } from '../version';

async function checklistFile(path: string): Promise<VerifyReport> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new RelayGateError('report', 'bad-checklist', `${path}: ${errorMessage(err)}`);
  }
  const parsed = VerifyReportSchema.safeParse(json);
  if (!parsed.success) throw new RelayGateError('report', 'bad-checklist', `${path} is not a checklist of relaygate verify --json: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The files asked for: `--out FILE.html` (and FILE.pdf with --pdf), or `--out FILE.pdf` alone. */
function outputs(values: ParsedArgs['values']): { html: string | null; pdf: string | null } {
  const out = values.out;
  if (typeof out !== 'string') throw new UsageError('--out FILE is required (FILE.html, or FILE.pdf)');
  if (/\.pdf$/i.test(out)) return { html: null, pdf: out };
  if (!/\.html?$/i.test(out)) throw new UsageError(`--out must name a .html or .pdf file, got '${out}'`);
  return { html: out, pdf: values.pdf === true ? out.replace(/\.html?$/i, '.pdf') : null };
}

/** `relaygate report <project.json> --out FILE [--pdf] [--probe] [--verify | --checklist FILE]` (spec in report-command.ts). */
export const runReport: CommandRun = async (args, io) => {
  const path = args.positionals[0] ?? '';
  const files = outputs(args.values);
  if (args.values.verify && typeof args.values.checklist === 'string') throw new UsageError('--verify and --checklist cannot both be given');
  if (!args.values.verify && (args.values.map !== undefined || args.values.mqtt !== undefined)) throw new UsageError('--map and --mqtt go with --verify');
  // Before any IED is contacted: a PDF that cannot be made is said at once.
  const chromium = files.pdf ? findChromium(io.env ?? {}) : null;
  if (chromium && !chromium.path) throw new RelayGateError('print', 'no-chromium', `${noChromiumMessage(chromium)} (or write --out FILE.html)`);
  const file = await readProjectFile(path);
  const controller = new AbortController();
  void io.interrupted.then(() => controller.abort(new Error('interrupted')));
  const mapFile = typeof args.values.map === 'string' ? args.values.map : undefined;
  const verify = args.values.verify
    ? {
        run: {
          ...(mapFile ? { clientMap: { name: basename(mapFile), csv: await readFile(mapFile, 'utf8') } } : {}),
          ...(typeof args.values.mqtt === 'string' ? { mqttUrl: args.values.mqtt } : {}),
        },
      }
    : typeof args.values.checklist === 'string'
      ? await checklistFile(args.values.checklist)
      : null;
  const { data, html } = await makeReport(file.project, {
    projectPath: path,
    version: VERSION,
    secrets: secretResolver(io.env ?? {}),
    probe: args.values.probe === true,
    verify,
    signal: controller.signal,
    onProgress: (p) => io.status?.(`report: ${p.phase}: ${p.detail} (${p.done}/${p.total})`),
  });
  if (files.html) {
    await writeFileAtomic(files.html, html);
    io.out(files.html);
  }
  if (files.pdf && chromium?.path) {
    io.status?.('report: printing the PDF');
    await writeFileAtomic(files.pdf, await printPdf(html, chromium.path, { signal: controller.signal }));
    io.out(files.pdf);
  }
  const warnings = reportWarnings(data);
  for (const w of warnings) io.err(`relaygate report: ${w}`);
  return warnings.length > 0 ? 1 : 0;
};
