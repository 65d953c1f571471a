/**
 * The report's only style sheet, inlined in its <head>: readable on screen, and on paper (A4 landscape,
 * table headers repeated on each page, rows not split across pages). No fonts or images are fetched.
 */
export const REPORT_CSS = `
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 1400px; padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 24px 0 8px; padding-bottom: 3px; border-bottom: 2px solid #1f4e79; color: #1f4e79; break-after: avoid; }
h3 { font-size: 11pt; margin: 14px 0 6px; break-after: avoid; }
p.sub { margin: 0 0 12px; color: #555; }
nav ol { columns: 2; margin: 4px 0 0; padding-left: 18px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 8.5pt; }
th, td { border: 1px solid #c8ccd1; padding: 2px 5px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #e8eef5; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.facts { width: auto; min-width: 50%; font-size: 9.5pt; }
table.facts th { background: #f3f5f7; white-space: nowrap; font-weight: 600; }
.pass { color: #0a6b2d; font-weight: 600; }
.fail { color: #b3261e; font-weight: 600; }
.muted { color: #6b7280; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 3px; font-weight: 700; }
.verdict.pass { background: #dff3e5; }
.verdict.fail { background: #fbe3e1; }
.verdict.none { background: #eceff3; color: #444; }
code { font: 8.5pt ui-monospace, "DejaVu Sans Mono", Consolas, monospace; }
ul.failures { margin: 2px 0 8px; padding-left: 18px; font-size: 8.5pt; }
table.sign td { height: 34px; }
footer { margin-top: 24px; font-size: 8pt; color: #6b7280; border-top: 1px solid #c8ccd1; padding-top: 6px; }
@media print { body { padding: 0; max-width: none; } nav { display: none; } a { color: inherit; text-decoration: none; } }
`;
