import type { PointState, ReportData } from '../contract';
import { Html, facts, html, table } from './html';
import { REPORT_CSS } from './report-css';
import { verifySection } from './verify-section';

/**
 * The FAT/SAT evidence report as one self-contained HTML document: inline CSS, no script, no image, no
 * external reference of any kind, every value escaped. Pure, so the CLI (`relaygate report`), the service
 * (exportReport) and the desktop shell (printToPDF) all print the same document.
 */
export function renderReportHtml(d: ReportData): string {
  const sections: [string, string, Html | null][] = [
    ['summary', 'Summary', summary(d)],
    ['ieds', 'IEDs', ieds(d)],
    ['points', 'Points', points(d)],
    ['verify', 'Point-to-point check', d.verify ? verifySection(d.verify) : null],
    ['modbus', 'Modbus map', modbus(d)],
    ['mqtt', 'MQTT topics', mqtt(d)],
    ['signatures', 'Sign-off', signatures()],
  ];
  const shown = sections.filter((s): s is [string, string, Html] => s[2] !== null);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="RelayGate ${d.version}">
<title>${d.title}</title>
<style>${new Html(REPORT_CSS)}</style>
</head>
<body>
<header><h1>${d.title}</h1><p class="sub">${d.project.name} — generated ${d.generatedAt} by RelayGate ${d.version}</p></header>
<nav><strong>Contents</strong><ol>${shown.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}</ol></nav>
${shown.map(([, , body]) => body)}
<footer>RelayGate ${d.version} — ${d.project.name} — project SHA-256 ${d.project.sha256} — ${d.generatedAt}</footer>
</body>
</html>
`.text;
}

function summary(d: ReportData): Html {
  const probed = d.probe ? `${d.probe.startedAt}, ${(d.probe.durationMs / 1000).toFixed(1)} s` : 'not probed (make the report with --probe to read every point live)';
  const verify = d.verify
    ? d.verify.passed
      ? html`<span class="verdict pass">PASS</span> ${d.verify.summary.passed} of ${d.verify.summary.points} points`
      : html`<span class="verdict fail">FAIL</span> ${d.verify.summary.failed} failed, ${d.verify.summary.notRun} not run of ${d.verify.summary.points}`
    : html`<span class="verdict none">not run</span>`;
  return html`<section id="summary"><h2>Summary</h2>${facts([
    ['Project', d.project.name],
    ['Description', d.project.description ?? '—'],
    ['Project file', d.project.path ?? 'never saved'],
    ['Project SHA-256', html`<code>${d.project.sha256}</code>`],
    ['IEDs', String(d.ieds.length)],
    ['Points', String(d.points.length)],
    ['Modbus', d.project.modbus],
    ['MQTT', d.project.mqtt],
    ['Live probe', probed],
    ['Point-to-point check', verify],
    ['Generated', d.generatedAt],
    ['RelayGate version', d.version],
  ])}</section>`;
}

function ieds(d: ReportData): Html {
  return html`<section id="ieds"><h2>IEDs</h2>${table(
    ['IED', 'name', 'address', 'enabled', 'origin', 'points', 'report plans', 'vendor', 'model', 'revision', 'Mod / Beh per LD', 'probe'],
    d.ieds.map((i) => [
      i.id,
      i.name ?? '—',
      i.address,
      i.enabled ? 'yes' : 'no',
      i.origin ?? '—',
      String(i.points),
      i.reports.length > 0 ? html`${i.reports.map((r) => html`<div>${r}</div>`)}` : '—',
      i.probe?.identity?.vendor ?? '—',
      i.probe?.identity?.model ?? '—',
      i.probe?.identity?.revision ?? '—',
      i.probe ? html`${i.probe.behaviour.map((b) => html`<div>${b.ld}: ${b.mod ?? '?'} / ${b.beh ?? '?'}</div>`)}` : '—',
      i.probe ? (i.probe.error ? html`<span class="fail">${i.probe.error}</span>` : `read ${i.probe.at} in ${Math.round(i.probe.durationMs)} ms`) : 'not probed',
    ]),
  )}</section>`;
}

function probeCells(s: PointState | null): unknown[] {
  if (!s) return ['—', '—', '—', '—'];
  const status = s.status === 'ok' ? (s.test ? 'ok, test' : 'ok') : html`<span class="fail">${s.status}${s.reason ? `: ${s.reason}` : ''}</span>`;
  return [s.value === null ? '—' : String(s.value), s.quality?.text ?? '—', s.deviceTime ?? '—', status];
}

function points(d: ReportData): Html {
  const probed = d.probe !== null;
  return html`<section id="points"><h2>Points</h2>${
    probed ? html`<p class="sub">Probe values as read from the IEDs at ${d.probe!.startedAt}.</p>` : ''
  }${table(
    ['IED', 'point', 'label', 'reference', 'type', 'source', 'Modbus', 'MQTT /value', ...(probed ? ['value', 'quality', 'device time', 'status'] : [])],
    d.points.map((p) => [p.ied, p.point, p.label ?? '', html`<code>${p.ref} [${p.fc}]</code>`, p.type, p.source, p.modbus ?? '—', p.mqtt ?? '—', ...(probed ? probeCells(p.probe) : [])]),
    'points',
  )}</section>`;
}

function modbus(d: ReportData): Html {
  const problems = d.modbusMapProblems.length > 0 ? html`<p class="fail">The map has problems and is not served:</p><ul>${d.modbusMapProblems.map((p) => html`<li>${p}</li>`)}</ul>` : '';
  return html`<section id="modbus"><h2>Modbus map</h2><p class="sub">${d.project.modbus}. Addresses are 0-based protocol offsets; modicon is the 1-based form. The same rows as <code>relaygate modbus-map --csv</code>.</p>${problems}${table(
    ['IED', 'point', 'reference', 'FC', 'area', 'address', 'modicon', 'type', 'word order', 'gain', 'offset'],
    d.modbusMap.map((r) => [r.ied, r.point, r.ref, r.fc, r.area, r.address, r.modicon, r.type, r.wordOrder, r.gain, r.offset]),
    'map',
  )}</section>`;
}

function mqtt(d: ReportData): Html {
  const t = d.mqttTopics;
  if (!t.enabled) return html`<section id="mqtt"><h2>MQTT topics</h2><p>MQTT is off in this project.</p></section>`;
  return html`<section id="mqtt"><h2>MQTT topics</h2><p class="sub">${d.project.mqtt}. Gateway status on <code>${t.status}</code>; each point has <code>/value</code> (plain) and <code>/state</code> (JSON).</p>${
    t.issues.length > 0 ? html`<ul>${t.issues.map((i) => html`<li>${i}</li>`)}</ul>` : ''
  }${table(['IED', 'status topic'], t.iedStatus.map((s) => [s.ied, s.topic]))}${table(
    ['IED', 'point', '/value', '/state'],
    t.points.map((p) => [p.ied, p.point, p.value, p.state]),
    'topics',
  )}</section>`;
}

function signatures(): Html {
  return html`<section id="signatures"><h2>Sign-off</h2>${table(
    ['role', 'name', 'company', 'signature', 'date'],
    [
      ['Tested by', '', '', '', ''],
      ['Witnessed by', '', '', '', ''],
      ['Accepted by', '', '', '', ''],
    ],
    'sign',
  )}</section>`;
}
