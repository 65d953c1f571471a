import { useEffect, useMemo } from 'react';
import type { LogLevel } from '../../../../core/contract';
import { PageHeader } from '../../components/PageHeader';
import { formatLogTime } from '../../format';
import { atLeast, LEVELS, MAX_UI_ENTRIES } from '../../stores/diagnostics';
import { diagnosticsStore, useDiagnostics } from '../../stores';

const POLL_MS = 2000;

const LEVEL_LABELS: Record<LogLevel, string> = {
  debug: 'All levels',
  info: 'Info and above',
  warn: 'Warnings and errors',
  error: 'Errors only',
};

export function DiagnosticsPage() {
  useEffect(() => diagnosticsStore.poll(POLL_MS), []);
  const entries = useDiagnostics((s) => s.entries);
  const minLevel = useDiagnostics((s) => s.minLevel);
  const setMinLevel = useDiagnostics((s) => s.setMinLevel);
  const capacity = useDiagnostics((s) => s.capacity);
  const dropped = useDiagnostics((s) => s.dropped);
  const trimmed = useDiagnostics((s) => s.trimmed);
  const error = useDiagnostics((s) => s.error);
  // Newest first: what just happened is what an engineer looks for.
  const visible = useMemo(
    () => entries.filter((e) => atLeast(e.level, minLevel)).reverse(),
    [entries, minLevel],
  );

  return (
    <>
      <PageHeader
        title="Diagnostics"
        summary="The service's log: connections, state changes and errors, newest first."
      />
      <div className="toolbar">
        <label>
          Level{' '}
          <select value={minLevel} onChange={(e) => setMinLevel(e.target.value as LogLevel)}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="log-counts">
          {visible.length} of {entries.length} entries shown
          {capacity !== null ? ` · service keeps the last ${capacity}` : ''}
          {dropped > 0 ? ` · ${dropped} older entries discarded by the service` : ''}
          {trimmed > 0 ? ` · ${trimmed} discarded here (this view keeps ${MAX_UI_ENTRIES})` : ''}
        </span>
        {error ? (
          <span className="error-text" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <div className="table-wrap">
        <table className="grid log">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Time</th>
              <th scope="col">Level</th>
              <th scope="col">Source</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((entry) => (
              <tr key={entry.seq}>
                <td className="num mono">{entry.seq}</td>
                <td className="mono" title={entry.time}>
                  {formatLogTime(entry.time)}
                </td>
                <td>
                  <span className={`level level-${entry.level}`}>{entry.level}</span>
                </td>
                <td className="mono">{entry.source}</td>
                <td className="message">{entry.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {visible.length === 0 ? (
          <p className="table-empty">
            {entries.length === 0 ? 'No log entries received yet.' : 'No entries at this level.'}
          </p>
        ) : null}
      </div>
    </>
  );
}
