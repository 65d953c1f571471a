import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatUptime } from '../../format';
import { useStatus } from '../../stores';

/** The service status as reported by getStatus/statusChanged; per-IED sessions join it with the runtime. */
export function RuntimePage() {
  const status = useStatus((s) => s.status);
  const error = useStatus((s) => s.error);
  const rows: [string, string][] = status
    ? [
        ['State', status.state + (status.stateDetail ? ` (${status.stateDetail})` : '')],
        ['Mode', status.mode],
        ['Version', status.version],
        ['Started', formatDateTime(status.startedAt)],
        ['Uptime', formatUptime(status.uptimeMs)],
        ['Project', status.project ?? 'none open'],
      ]
    : [];
  return (
    <>
      <PageHeader title="Runtime" summary="What the gateway service is doing now." />
      <section className="panel" aria-labelledby="service-heading">
        <h2 id="service-heading">Service</h2>
        {status ? (
          <table className="kv">
            <tbody>
              {rows.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">
            {error ? `No status: ${error}` : 'Waiting for the first status from the service…'}
          </p>
        )}
      </section>
      <EmptyState title="No IED sessions">
        <p>
          When a project runs, each IED session will be listed here with its association state, reports
          enabled, poll groups, last update and reconnect count.
        </p>
      </EmptyState>
    </>
  );
}
