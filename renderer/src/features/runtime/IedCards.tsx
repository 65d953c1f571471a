import type { IedStatus } from '../../../../core/contract';
import { formatDateTime } from '../../format';
import { useLive } from '../../stores';

const NOT_ON = new Set(['test', 'test/blocked', 'off', 'blocked']);

/** Each IED of the running project: its connection state with the last error, its points, and each LD's Mod/Beh. */
export function IedCards() {
  const ieds = useLive((s) => s.ieds);
  useLive((s) => s.iedVersion);
  if (ieds.size === 0) return null;
  return (
    <section className="ied-cards" aria-label="IED connections">
      {[...ieds.values()].map((ied) => (
        <IedCard key={ied.id} ied={ied} />
      ))}
    </section>
  );
}

function IedCard({ ied }: { ied: IedStatus }) {
  const p = ied.points;
  return (
    <article className={`ied-card state-${ied.state}`} aria-label={`IED ${ied.id}`}>
      <header>
        <span className="dot" aria-hidden="true" />
        <h3>{ied.id}</h3>
        <span className="mono muted">
          {ied.host}:{ied.port}
        </span>
        <span className={`badge badge-conn-${ied.state}`} data-testid="ied-state">
          {ied.state}
        </span>
      </header>
      <p className="muted">
        since {formatDateTime(ied.since)}
        {ied.reconnectInMs !== null ? ` · next attempt in ${Math.ceil(ied.reconnectInMs / 1000)} s` : ''} · {ied.connects} connects
      </p>
      {ied.lastError ? (
        <p className="error-text" data-testid="ied-error">
          Last error: {ied.lastError}
        </p>
      ) : null}
      <p>
        {p.total} points: {p.ok} ok{p.stale ? `, ${p.stale} stale` : ''}
        {p.disconnected ? `, ${p.disconnected} disconnected` : ''}
        {p.never ? `, ${p.never} never updated` : ''}
        {p.error ? `, ${p.error} errors` : ''}
        {p.test ? `, ${p.test} in test` : ''}
      </p>
      {ied.behaviour.length > 0 ? (
        <table className="kv lds" aria-label={`Logical devices of ${ied.id}`}>
          <tbody>
            {ied.behaviour.map((b) => {
              const off = NOT_ON.has(b.beh ?? '') || NOT_ON.has(b.mod ?? '');
              return (
                <tr key={b.ld} className={off ? 'ld-test' : undefined} data-testid="ld-header">
                  <th scope="row">{b.ld}</th>
                  <td>
                    Mod {b.mod ?? '?'} · Beh {b.beh ?? '?'}
                    {off ? <span className="badge badge-test"> {b.beh ?? b.mod}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {ied.reports.some((r) => r.state !== 'active') ? (
        <ul className="report-notes">
          {ied.reports
            .filter((r) => r.state !== 'active')
            .map((r) => (
              <li key={r.id}>
                {r.rcb}: {r.state}
                {r.reason ? ` (${r.reason})` : ''}
              </li>
            ))}
        </ul>
      ) : null}
    </article>
  );
}
