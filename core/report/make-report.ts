import type { Project, ReportData, VerifyReport } from '../contract';
import type { SecretResolver } from '../project';
import { probeProject } from '../runtime';
import { verifyProject, type VerifyOptions } from '../verify';
import { buildReportData } from './report-data';
import { renderReportHtml } from './report-html';

export interface MakeReportOptions {
  readonly projectPath: string | null;
  readonly version: string;
  readonly secrets: SecretResolver;
  /** Read every point live from the IEDs first. */
  readonly probe?: boolean;
  /** A check to include, or `run` to run one now (with these options). */
  readonly verify?: VerifyReport | { run: Omit<VerifyOptions, 'projectPath' | 'version'> } | null;
  readonly now?: () => Date;
}

/** Probes (when asked), checks (when asked), gathers and renders: the report's data and its HTML. */
export async function makeReport(project: Project, o: MakeReportOptions): Promise<{ data: ReportData; html: string }> {
  const probe = o.probe ? await probeProject(project, { secrets: o.secrets }) : null;
  const verify = o.verify && 'run' in o.verify ? await verifyProject(project, { ...o.verify.run, projectPath: o.projectPath, version: o.version }) : (o.verify ?? null);
  const data = buildReportData(project, { projectPath: o.projectPath, version: o.version, probe, verify, ...(o.now ? { now: o.now } : {}) });
  return { data, html: renderReportHtml(data) };
}
