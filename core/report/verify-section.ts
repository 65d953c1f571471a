import type { VerifyPoint, VerifyReport } from '../contract';
import { facts, html, table, type Html } from './html';

const RESULT: Record<VerifyPoint['result'], Html> = {
  pass: html`<span class="pass">PASS</span>`,
  fail: html`<span class="fail">FAIL</span>`,
  'not-run': html`<span class="fail">NOT RUN</span>`,
};

const ms = (list: readonly (number | null)[]): string =>
  list.length === 0 ? '—' : list.map((v) => (v === null ? 'not seen' : String(Math.round(v)))).join(' / ');

/** The point-to-point check as the FAT report shows it: verdict, set-up, steps, one row per point, failures. */
export function verifySection(v: VerifyReport): Html {
  const verdict = v.passed ? html`<span class="verdict pass">PASS</span>` : html`<span class="verdict fail">FAIL</span>`;
  const failed = v.points.filter((p) => p.result !== 'pass');
  return html`<section id="verify"><h2>Point-to-point check</h2>
${facts([
  ['Result', html`${verdict} ${v.summary.passed} of ${v.summary.points} points passed, ${v.summary.failed} failed, ${v.summary.notRun} not run`],
  ['Run', `${v.startedAt}, ${(v.durationMs / 1000).toFixed(1)} s, RelayGate ${v.version}`],
  ['Map checked', v.map],
  ['Modbus (gateway on this machine)', v.modbus ?? 'not checked'],
  ['MQTT broker', v.mqtt ?? 'not checked'],
  ['Steps', v.steps.map((s) => `${s.step} (${s.quality}) ${(s.durationMs / 1000).toFixed(1)} s`).join('; ') || 'none'],
  ...v.notes.map((n): [string, unknown] => ['Note', n]),
])}
<h3>IEDs simulated</h3>
${table(
  ['IED', 'served', 'from', 'address', 'problem'],
  v.ieds.map((i) => [i.id, i.served ? 'yes' : html`<span class="fail">no</span>`, i.source ?? '—', i.address ?? '—', i.problem ?? '']),
)}
<h3>Checklist</h3>
<p class="sub">Latency: ms from the change at the simulated IED to the client seeing it, per step (good / invalid / test).</p>
${table(
  ['result', 'IED', 'point', 'reference', 'type', 'Modbus', 'MQTT', 'Modbus ms', 'MQTT ms', 'checks', 'note'],
  v.points.map((p) => [RESULT[p.result], p.ied, p.point, html`<code>${p.ref} [${p.fc}]</code>`, p.type, p.modbus ?? '—', p.mqtt ?? '—', ms(p.latencyMs.modbus), ms(p.latencyMs.mqtt), p.checks, p.note ?? '']),
  'checklist',
)}
${
  failed.length > 0
    ? html`<h3>Failures</h3>${failed.map(
        (p) => html`<p><strong>${p.ied}/${p.point}</strong> <code>${p.ref} [${p.fc}]</code></p><ul class="failures">${p.failures.map(
          (f) => html`<li>${f.step}: ${f.output} ${f.item}${f.where ? html` at <code>${f.where}</code>` : ''}: expected <strong>${f.expected}</strong>, read <strong>${f.read}</strong></li>`,
        )}${p.result === 'not-run' && p.note ? html`<li>not run: ${p.note}</li>` : ''}</ul>`,
      )}`
    : ''
}
</section>`;
}
