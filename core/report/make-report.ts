import type { Project, ReportData, VerifyReport } from '../contract';
import type { SecretResolver } from '../project';
import { probeProject } from '../runtime';
import { verifyProject, type VerifyOptions } from '../verify';
import { buildReportData } from './report-data';
import { renderReportHtml } from './report-html';

/** Where making a report is: `probe` (IEDs done of all), `verify` (points seen of all in the phase), `render`. */
export interface ReportProgress {
  readonly phase: 'probe' | 'verify' | 'render';
  readonly detail: string;
  readonly done: number;
  readonly total: number;
}

export interface MakeReportOptions {
  readonly projectPath: string | null;
  readonly version: string;
  readonly secrets: SecretResolver;
  /** Read every point live from the IEDs first. */
  readonly probe?: boolean;
  /** A check to include, or `run` to run one now (with these options). */
  readonly verify?: VerifyReport | { run: Omit<VerifyOptions, 'projectPath' | 'version' | 'signal' | 'onProgress'> } | null;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ReportProgress) => void;
  readonly now?: () => Date;
}

/** Probes (when asked), checks (when asked), gathers and renders: the report's data and its HTML. */
export async function makeReport(project: Project, o: MakeReportOptions): Promise<{ data: ReportData; html: string }> {
  const signal = o.signal ? { signal: o.signal } : {};
  const probe = o.probe
    ? await probeProject(project, {
        secrets: o.secrets,
        ...signal,
        onProgress: (done, total, ied) => o.onProgress?.({ phase: 'probe', detail: `${ied} read`, done, total }),
      })
    : null;
  const verify =
    o.verify && 'run' in o.verify
      ? await verifyProject(project, {
          ...o.verify.run,
          ...signal,
          projectPath: o.projectPath,
          version: o.version,
          onProgress: (p) => o.onProgress?.({ phase: 'verify', detail: p.message, done: p.done, total: p.total }),
        })
      : (o.verify ?? null);
  o.signal?.throwIfAborted();
  o.onProgress?.({ phase: 'render', detail: 'writing the report', done: 0, total: 1 });
  const data = buildReportData(project, { projectPath: o.projectPath, version: o.version, probe, verify, ...(o.now ? { now: o.now } : {}) });
  return { data, html: renderReportHtml(data) };
}
