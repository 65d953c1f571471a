import type { VerifyFailure, VerifyPoint, VerifyReport } from '../contract';

/** The slowest step's latency, ms, or a dash when the output was not checked or never showed the point. */
function worst(list: readonly (number | null)[]): string {
  if (list.length === 0) return '—';
  if (list.some((v) => v === null)) return 'not seen';
  return String(Math.round(Math.max(...(list as number[]))));
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd());
}

/** `good  modbus value at holding 3-4 (40004-40005) float32 CDAB: expected 110.25, read -6.1e-39 (0x8000 0x42DC)`. */
export function failureLine(f: VerifyFailure): string {
  const where = f.where ? ` at ${f.where}` : '';
  return `${f.step.padEnd(7)} ${f.output} ${f.item}${where}: expected ${f.expected}, read ${f.read}`;
}

const RESULT: Record<VerifyPoint['result'], string> = { pass: 'PASS', fail: 'FAIL', 'not-run': 'NOT RUN' };

/**
 * The checklist as text (`relaygate verify` without `--json`): the endpoints and IEDs, one row per point
 * with its result and its worst latency per output, then every failure naming what was expected and what
 * was read, and a summary line.
 */
export function verifyChecklist(r: VerifyReport): string {
  const lines: string[] = [];
  lines.push(`Point-to-point check of ${r.project} against ${r.map}`);
  lines.push(`  Modbus: ${r.modbus ?? 'not checked'}   MQTT: ${r.mqtt ?? 'not checked'}`);
  for (const ied of r.ieds)
    lines.push(`  IED ${ied.id}: ${ied.served ? `served from ${ied.source} at ${ied.address}` : `NOT SERVED: ${ied.problem}`}`);
  for (const note of r.notes) lines.push(`  ${note}`);
  lines.push('');
  const rows = [
    ['result', 'ied', 'point', 'type', 'modbus', 'mqtt', 'modbus ms', 'mqtt ms'],
    ...r.points.map((p) => [RESULT[p.result], p.ied, p.point, p.type, p.modbus ?? '—', p.mqtt ? 'yes' : '—', worst(p.latencyMs.modbus), worst(p.latencyMs.mqtt)]),
  ];
  lines.push(...table(rows));
  const failed = r.points.filter((p) => p.result !== 'pass');
  if (failed.length > 0) {
    lines.push('', 'Failures:');
    for (const p of failed) {
      lines.push(`  ${p.ied}/${p.point} (${p.ref} [${p.fc}])`);
      for (const f of p.failures) lines.push(`    ${failureLine(f)}`);
      if (p.result === 'not-run' && p.note) lines.push(`    not run: ${p.note}`);
    }
  }
  const steps = r.steps.map((s) => `${s.step} (${s.quality}) ${(s.durationMs / 1000).toFixed(1)} s`).join(', ');
  lines.push('', `Steps: ${steps || 'none'}`);
  const s = r.summary;
  lines.push(`${s.points} points: ${s.passed} passed, ${s.failed} failed, ${s.notRun} not run in ${(r.durationMs / 1000).toFixed(1)} s: ${r.passed ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}
