import type { PointState } from '../../../../core/contract';
import { Alert } from '../../components/Alert';
import { formatTimestamp, formatValue } from '../../format';
import { useWizard, wizardStore } from './store';
import type { WizardIed } from './wizard-store';

const NOT_ON = new Set(['test', 'test/blocked', 'off', 'blocked']);

/** What a Beh (or Mod) other than `on` means for the values read. */
function behaviourWarning(ld: string, beh: string | null, mod: string | null): string | null {
  const b = beh ?? mod;
  if (b === null || !NOT_ON.has(b)) return null;
  if (b === 'off') return `${ld} is off: its values are invalid and it does not operate.`;
  if (b === 'blocked') return `${ld} is blocked: it gives no outputs to the process.`;
  return `${ld} is in ${b}: its values are test values, not for operation${b === 'test/blocked' ? ', and it gives no outputs to the process' : ''}.`;
}

/** Step 3: the selected points read once from the IED, grouped by LD with each LD's Mod and Beh. */
export function ProbeStep({ ied }: { ied: WizardIed }) {
  const job = useWizard((s) => s.job);
  const result = ied.probe;
  const byLd = new Map<string, { point: PointState; index: number }[]>();
  result?.points.forEach((point, index) => {
    const ld = point.ref.slice(0, point.ref.indexOf('/'));
    byLd.set(ld, [...(byLd.get(ld) ?? []), { point, index }]);
  });
  const errors = result?.points.filter((p) => p.status === 'error').length ?? 0;
  return (
    <>
      {result ? (
        <p className="muted" data-testid="probe-summary">
          Read {result.points.length} points in {(result.durationMs / 1000).toFixed(1)} s{errors ? `; ${errors} could not be read` : ''}.
        </p>
      ) : null}
      {result
        ? result.behaviour
            .map((b) => behaviourWarning(b.ld, b.beh, b.mod))
            .filter((w): w is string => w !== null)
            .map((w) => (
              <Alert key={w} kind="warning" title="Not in normal operation">
                {w}
              </Alert>
            ))
        : null}
      {result ? (
        <div className="table-wrap">
          <table className="grid" aria-label="Probe results">
            <thead>
              <tr>
                <th>Point</th>
                <th>Value</th>
                <th>Quality</th>
                <th>Timestamp</th>
                <th>Type</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {[...byLd.entries()].map(([ld, rows]) => {
                const b = result.behaviour.find((x) => x.ld === ld);
                const warn = b ? behaviourWarning(ld, b.beh, b.mod) : null;
                return [
                  <tr key={`ld-${ld}`} className={`ld-row${warn ? ' row-test' : ''}`}>
                    <th colSpan={6} scope="rowgroup">
                      {ld} · Mod {b?.mod ?? 'unread'} · Beh {b?.beh ?? 'unread'}
                      {warn ? <span className="badge badge-test"> {b?.beh ?? b?.mod}</span> : null}
                    </th>
                  </tr>,
                  ...rows.map(({ point, index }) => (
                    <tr key={index} className={point.status === 'error' ? 'row-error' : point.test ? 'row-test' : undefined}>
                      <td className="mono">{point.ref}</td>
                      <td className="mono">{formatValue(point.value)}</td>
                      <td>{point.quality?.text ?? '—'}</td>
                      <td className="mono">{formatTimestamp(point.deviceTime)}</td>
                      <td>{point.type}</td>
                      <td className="message">{point.status === 'ok' ? (point.test ? 'ok, test' : 'ok') : (point.reason ?? point.status)}</td>
                    </tr>
                  )),
                ];
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => wizardStore.setState({ step: 'points' })}>
          Back to the points
        </button>
        <button type="button" disabled={job !== null} onClick={() => void wizardStore.probe()}>
          Probe again
        </button>
        <button type="button" className="primary" disabled={job !== null} onClick={() => wizardStore.setState({ step: 'add' })}>
          Next: add to the project
        </button>
      </div>
    </>
  );
}
