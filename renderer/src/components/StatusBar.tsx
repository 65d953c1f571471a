import type { ConnectionInfo } from '../api';
import { formatUptime } from '../format';
import { useStatus } from '../stores';

function connectionText(c: ConnectionInfo): string {
  if (c.transport === 'ipc') return 'Desktop service';
  if (c.state === 'open') return 'Connected';
  if (c.state === 'connecting') return 'Connecting…';
  return c.retryInMs === null
    ? 'Disconnected'
    : `Disconnected, retrying in ${Math.ceil(c.retryInMs / 1000)} s`;
}

/** The bottom bar: link to the service, runtime state, project, uptime and version, live from statusChanged. */
export function StatusBar() {
  const status = useStatus((s) => s.status);
  const connection = useStatus((s) => s.connection);
  const live = connection.state === 'open';
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span
        className={`conn conn-${connection.state}`}
        data-testid="connection"
        title={connection.lastError ?? connection.url ?? undefined}
      >
        <span className="dot" aria-hidden="true" />
        <span role="status">{connectionText(connection)}</span>
      </span>
      <span data-testid="runtime-state" className={live ? undefined : 'stale'}>
        Runtime: <b>{status ? status.state : '—'}</b>
        {status?.stateDetail ? ` (${status.stateDetail})` : ''}
      </span>
      <span data-testid="project">{status?.project ? `Project: ${status.project}` : 'No project open'}</span>
      <span className="spacer" />
      <span data-testid="uptime" className={live ? undefined : 'stale'} title="Service uptime">
        Uptime {status ? formatUptime(status.uptimeMs) : '—'}
      </span>
      <span data-testid="version">
        {status ? `RelayGate ${status.version} · ${status.mode}` : 'RelayGate'}
      </span>
    </footer>
  );
}
