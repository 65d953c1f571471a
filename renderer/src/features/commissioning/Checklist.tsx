import type { VerifyPoint, VerifyReport } from '../../../../core/contract';
import { commissioningStore, useCommissioning } from '../../stores';
import { formatDateTime } from '../../format';
import { failuresOf, failureText, LATENCY_STEPS, latencyText, visibleRows } from './checklist';

const RESULT_LABEL: Record<VerifyPoint['result'], string> = { pass: 'pass', fail: 'FAIL', 'not-run': 'not run' };
const RESULT_BADGE: Record<VerifyPoint['result'], string> = { pass: 'badge-ok', fail: 'badge-error', 'not-run': 'badge-never' };

/** One output's cell: where it was read, and each failed check there with what was expected and read. */
function OutputCell({ where, failures, latency }: { where: string | null; failures: ReturnType<typeof failuresOf>['modbus']; latency: string | null }) {
  if (where === null) return <td className="muted">not checked</td>;
  return (
    <td>
      <div className="mono">{where}</div>
      {failures.map((f, i) => (
        <div key={i} className="verify-failure">
          {failureText(f)}
        </div>
      ))}
      {latency ? (
        <div className="muted" title={`Latency per step: ${LATENCY_STEPS}`}>
          {latency}
        </div>
      ) : null}
    </td>
  );
}

/** The last check's pass/fail checklist, one row per point, with a filter to the rows that did not pass. */
export function Checklist({ report }: { report: VerifyReport }) {
  const failedOnly = useCommissioning((s) => s.failedOnly);
  const rows = visibleRows(report.points, failedOnly);
  const { summary } = report;
  return (
    <section aria-label="Point-to-point checklist">
      <h2>Checklist</h2>
      <div className="toolbar">
        <span data-testid="verify-summary" className={report.passed ? 'verify-passed' : 'verify-failed'}>
          {report.passed ? 'Passed' : 'Failed'}: {summary.passed} of {summary.points} points passed
          {summary.failed > 0 ? ` · ${summary.failed} failed` : ''}
          {summary.notRun > 0 ? ` · ${summary.notRun} not run` : ''}
        </span>
        <span className="muted">
          {formatDateTime(report.startedAt)} · {(report.durationMs / 1000).toFixed(1)} s · map: {report.map}
          {report.modbus ? ` · Modbus ${report.modbus}` : ''}
          {report.mqtt ? ` · MQTT ${report.mqtt}` : ''}
        </span>
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={failedOnly} onChange={(e) => commissioningStore.setFailedOnly(e.target.checked)} />
          Only the rows that did not pass
        </label>
      </div>
      <p className="muted">
        Modbus and MQTT: where an independent client read the point, each failed check with what was expected and what was read, and the latency per step ({LATENCY_STEPS}) from the
        change at the simulated IED.
      </p>
      <ul className="problem-list" aria-label="IEDs simulated">
        {report.ieds.map((i) => (
          <li key={i.id} className={i.served ? 'muted' : 'verify-failure'}>
            {i.served ? `IED ${i.id} simulated from ${i.source ?? '?'} at ${i.address ?? '?'}` : `IED ${i.id} not simulated: ${i.problem ?? 'no reason given'}; its points did not run`}
          </li>
        ))}
      </ul>
      {report.notes.length > 0 ? (
        <ul className="problem-list muted" aria-label="Not checked">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <div className="table-wrap">
        <table className="grid" aria-label="Point-to-point check">
          <thead>
            <tr>
              <th scope="col">Result</th>
              <th scope="col">Point</th>
              <th scope="col">Modbus</th>
              <th scope="col">MQTT</th>
              <th scope="col">Failure or note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const f = failuresOf(p);
              return (
                <tr key={`${p.ied}/${p.point}`} data-key={`${p.ied}/${p.point}`} data-result={p.result}>
                  <td>
                    <span className={`badge ${RESULT_BADGE[p.result]}`}>{RESULT_LABEL[p.result]}</span>
                    <div className="muted">{p.checks} checks</div>
                  </td>
                  <td className="mono" title={p.ref}>
                    {p.ied}/{p.point}
                    <div className="muted">
                      {p.ref} [{p.fc}] {p.type}
                    </div>
                  </td>
                  <OutputCell where={p.modbus} failures={f.modbus} latency={latencyText(p.latencyMs.modbus)} />
                  <OutputCell where={p.mqtt} failures={f.mqtt} latency={latencyText(p.latencyMs.mqtt)} />
                  <td>
                    {f.source.map((x, i) => (
                      <div key={i} className="verify-failure">
                        {failureText(x, true)}
                      </div>
                    ))}
                    {p.note ? <div className="muted">{p.note}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="table-empty">Every point passed: no row to show with this filter.</p> : null}
      </div>
    </section>
  );
}
