import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { VerifyReportSchema, type VerifyReport } from '../../contract';
import { secretResolver } from '../../project';
import { findChromium, htmlToPdf, makeReport } from '../../report';
import { readProjectFile, writeFileAtomic } from '../../runtime';
import { RelayGateError, errorMessage } from '../../shared';
import { UsageError, type CommandRun } from '../command';
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

/** `relaygate report <project.json> --out FILE [--pdf] [--probe] [--verify | --checklist FILE]` (spec in report-command.ts). */
export const runReport: CommandRun = async (args, io) => {
  const path = args.positionals[0] ?? '';
  const out = args.values.out;
  if (typeof out !== 'string') throw new UsageError('--out FILE is required (FILE.html, or FILE.pdf)');
  if (!/\.(html?|pdf)$/i.test(out)) throw new UsageError(`--out must name a .html or .pdf file, got '${out}'`);
  if (args.values.verify && typeof args.values.checklist === 'string') throw new UsageError('--verify and --checklist cannot both be given');
  if (!args.values.verify && (args.values.map !== undefined || args.values.mqtt !== undefined)) throw new UsageError('--map and --mqtt go with --verify');
  const pdfOnly = /\.pdf$/i.test(out);
  const wantPdf = pdfOnly || args.values.pdf === true;
  const chromium = wantPdf ? findChromium(io.env ?? {}) : null;
  if (wantPdf && !chromium) throw new RelayGateError('report', 'no-chromium', 'a PDF needs Chromium: none at RELAYGATE_CHROMIUM, /usr/bin/chromium or /usr/bin/google-chrome (write --out FILE.html instead)');
  const file = await readProjectFile(path);
  const mapFile = typeof args.values.map === 'string' ? args.values.map : undefined;
  const verify = args.values.verify
    ? {
        run: {
          ...(mapFile ? { clientMap: { name: basename(mapFile), csv: await readFile(mapFile, 'utf8') } } : {}),
          ...(typeof args.values.mqtt === 'string' ? { mqttUrl: args.values.mqtt } : {}),
          onProgress: (p: { message: string; done: number; total: number }) => io.status?.(`report: ${p.message} (${p.done}/${p.total})`),
        },
      }
    : typeof args.values.checklist === 'string'
      ? await checklistFile(args.values.checklist)
      : null;
  const { html } = await makeReport(file.project, {
    projectPath: path,
    version: VERSION,
    secrets: secretResolver(io.env ?? {}),
    probe: args.values.probe === true,
    verify,
  });
  const htmlPath = pdfOnly ? null : out;
  if (htmlPath) {
    await writeFileAtomic(htmlPath, html);
    io.out(htmlPath);
  }
  if (chromium) {
    const pdfPath = pdfOnly ? out : out.replace(/\.html?$/i, '.pdf');
    await writeFileAtomic(pdfPath, await htmlToPdf(html, chromium));
    io.out(pdfPath);
  }
  return 0;
};
