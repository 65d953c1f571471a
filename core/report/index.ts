export { renderReportHtml } from './report-html';
export { buildReportData, type ReportInput } from './report-data';
export { makeReport, type MakeReportOptions } from './make-report';
export { htmlToPdf, findChromium } from './pdf';
export { escapeHtml } from './html';
