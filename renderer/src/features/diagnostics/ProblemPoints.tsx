import { useMemo } from 'react';
import { useNow } from '../../components/use-now';
import { formatAge, formatValue } from '../../format';
import { liveStore, useLive } from '../../stores';
import { rowClass } from '../runtime/grid-filter';
import { isProblem, problemReasons } from './problems';

/** Rows shown at most: a whole station disconnected is said in the count, not drawn row by row. */
const MAX_ROWS = 500;

/** The points that are not ok (stale, disconnected, never read, error), invalid, questionable or in test, with why. */
export function ProblemPoints() {
  const order = useLive((s) => s.order);
  // The list follows the once-a-second tick, not every batch: up to 500 rows are not redrawn per frame.
  const now = useNow();
  const problems = useMemo(() => {
    const points = liveStore.getState().points;
    return order.flatMap((k) => {
      const p = points.get(k);
      return p && isProblem(p) ? [p] : [];
    });
  }, [order, now]);

  if (order.length === 0) return <p className="table-empty">No point values yet: start the runtime, and the points that are not ok are listed here.</p>;
  return (
    <>
      <p className="muted" data-testid="problem-count">
        {problems.length} of {order.length} points need a look
      </p>
      <div className="table-wrap">
        <table className="grid" aria-label="Stale and error points">
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">Status</th>
              <th scope="col">Why</th>
              <th scope="col">Last value</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, MAX_ROWS).map((p) => (
              <tr key={p.key} data-key={p.key} className={rowClass(p)}>
                <td className="mono" title={p.ref}>
                  {p.ied}/{p.point}
                  <div className="muted">{p.ref}</div>
                </td>
                <td>
                  <span className={`badge badge-${p.status}`}>{p.status}</span>
                  {p.test ? <span className="badge badge-test">test</span> : null}
                </td>
                <td>
                  {problemReasons(p).map((r) => (
                    <div key={r}>{r}</div>
                  ))}
                </td>
                <td className="mono">{formatValue(p.value)}</td>
                <td className="mono">{p.localTime === null ? 'never' : `${formatAge(p.localTime, now)} ago`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {problems.length === 0 ? <p className="table-empty">Every point is ok.</p> : null}
        {problems.length > MAX_ROWS ? (
          <p className="table-empty">
            The first {MAX_ROWS} are listed; the live grid on Runtime filters all {problems.length} by IED and status.
          </p>
        ) : null}
      </div>
    </>
  );
}
