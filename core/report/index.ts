export { renderReportHtml } from './report-html';
export { buildReportData, type ReportInput } from './report-data';
export { makeReport, type MakeReportOptions, type ReportProgress } from './make-report';
export { escapeHtml } from './html';
export { reportWarnings, reportFileName } from './report-warnings';
