import { dirname } from 'node:path';
import type { ChannelResult, HandlerParams, Project, VerifyReport } from '../contract';
import type { SecretResolver } from '../project';
import { makeReport, reportFileName, reportWarnings } from '../report';
import { writeFileAtomic } from '../runtime';
import { errorMessage } from '../shared';
import { verifyProject } from '../verify';
import type { Jobs } from './jobs';

/** Prints an HTML document to PDF (core/print's Chromium, or the desktop's printToPDF); throws why not. */
export type PdfPrinter = (html: string, signal: AbortSignal) => Promise<Uint8Array>;

/** An inline reply above this would pass the WebSocket host's send budget (4 MiB): give a path instead. */
const MAX_INLINE_CHARS = 3 * 1024 * 1024;

export interface EvidenceContext {
  /** The project to use (the one given as edited, else the open one) and the open project's file. */
  readonly project: (edited: unknown) => { project: Project; path: string | null };
  readonly secrets: () => SecretResolver;
  readonly version: string;
  readonly pdf: PdfPrinter | undefined;
  readonly now: () => Date;
}

/**
 * The commissioning evidence channels: the point-to-point check (verifyProject) and the FAT/SAT report
 * (exportReport), both as jobs with progress and cancellation, on the code paths of `relaygate verify`
 * and `relaygate report`. The last check of a project is kept for the session, so a report made later
 * carries it without checking again.
 */
export class Evidence {
  private lastCheck: { projectJson: string; report: VerifyReport } | undefined;

  constructor(
    private readonly jobs: Jobs,
    private readonly ctx: EvidenceContext,
  ) {}

  async verifyProject(params: HandlerParams<'verifyProject'>): Promise<ChannelResult<'verifyProject'>> {
    const { project, path } = this.ctx.project(params.project);
    const report = await this.jobs.run(params.jobId, 'verify', (signal, progress) =>
      verifyProject(project, {
        projectPath: path,
        version: this.ctx.version,
        signal,
        ...(params.mapCsv !== undefined ? { clientMap: { name: params.mapName ?? 'the client map', csv: params.mapCsv } } : {}),
        ...(params.mqttUrl !== undefined ? { mqttUrl: params.mqttUrl } : {}),
        ...(params.modbus !== undefined ? { modbus: params.modbus } : {}),
        ...(params.mqtt !== undefined ? { mqtt: params.mqtt } : {}),
        ...(params.stepTimeoutMs !== undefined ? { stepTimeoutMs: params.stepTimeoutMs } : {}),
        onProgress: (p) => progress({ phase: p.step && p.phase === 'step' ? `step ${p.step}` : p.phase, detail: p.message, done: p.done, total: p.total }),
      }),
    );
    this.lastCheck = { projectJson: JSON.stringify(project), report };
    return report;
  }

  async exportReport(params: HandlerParams<'exportReport'>): Promise<ChannelResult<'exportReport'>> {
    const { project, path } = this.ctx.project(params.project);
    const kept = this.lastCheck?.projectJson === JSON.stringify(project) ? this.lastCheck.report : null;
    return this.jobs.run(params.jobId, 'report', async (signal, progress) => {
      const { data, html } = await makeReport(project, {
        projectPath: path,
        version: this.ctx.version,
        secrets: this.ctx.secrets(),
        probe: params.probe === true,
        verify: params.verify ? { run: {} } : kept,
        signal,
        now: this.ctx.now,
        onProgress: (p) => progress({ phase: p.phase, detail: p.detail, done: p.done, total: p.total }),
      });
      if (data.verify && params.verify) this.lastCheck = { projectJson: JSON.stringify(project), report: data.verify };
      let pdf: Uint8Array | null = null;
      let pdfError: string | null = null;
      if (params.pdf) {
        progress({ phase: 'pdf', detail: 'printing the PDF', done: 0, total: 1 });
        if (!this.ctx.pdf) pdfError = 'this host cannot print a PDF (no Chromium was configured for it); save the HTML and print it from a browser';
        else {
          try {
            pdf = await this.ctx.pdf(html, signal);
          } catch (err) {
            signal.throwIfAborted();
            pdfError = errorMessage(err);
          }
        }
      }
      const fileName = reportFileName(project.name, new Date(data.generatedAt));
      const common = { fileName, pdfError, verified: data.verify ? (data.verify.passed ? 'passed' : 'failed') : 'none', warnings: reportWarnings(data) } as const;
      if (params.path !== undefined) {
        const pdfPath = pdf ? params.path.replace(/\.html?$/i, '.pdf') : null;
        await writeFileAtomic(params.path, html);
        if (pdf && pdfPath) await writeFileAtomic(pdfPath, pdf);
        return { ...common, html: null, pdfBase64: null, htmlPath: params.path, pdfPath };
      }
      const pdfBase64 = pdf ? Buffer.from(pdf).toString('base64') : null;
      if (html.length + (pdfBase64?.length ?? 0) > MAX_INLINE_CHARS)
        throw new Error(
          `the report is ${Math.round((html.length + (pdfBase64?.length ?? 0)) / 1024)} KiB, too big to send back inline (3 MiB at most): give a path on the host to write it to${path ? `, e.g. ${dirname(path)}/${fileName}` : ''}`,
        );
      return { ...common, html, pdfBase64, htmlPath: null, pdfPath: null };
    });
  }
}
