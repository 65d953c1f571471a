import type { ReportData } from '../contract';

/**
 * What a reader of the report must not miss, one line each: an enabled IED whose points could not be
 * read by the probe (they show `disconnected` with the reason, never a value), a check that failed.
 * Empty when the evidence is complete and the check (if any) passed.
 */
export function reportWarnings(d: ReportData): string[] {
  const lines: string[] = [];
  for (const i of d.ieds) {
    if (i.enabled && i.probe && !i.probe.pointsRead) lines.push(`IED ${i.id} could not be probed (${i.probe.error ?? 'no reason given'}); the report shows its ${i.points} points as disconnected`);
  }
  if (d.verify && !d.verify.passed) {
    const s = d.verify.summary;
    lines.push(`the point-to-point check failed: ${s.failed} of ${s.points} points failed, ${s.notRun} not run (see the report's checklist)`);
  }
  return lines;
}

/** The file name to offer for a report: `<project>-fat-report-<YYYY-MM-DD>.html`, safe on every file system. */
export function reportFileName(project: string, at: Date, ext: 'html' | 'pdf' = 'html'): string {
  const base = project.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'project';
  return `${base}-fat-report-${at.toISOString().slice(0, 10)}.${ext}`;
}
