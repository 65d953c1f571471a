import { useEffect, useMemo } from 'react';
import type { LogLevel } from '../../../../core/contract';
import { ErrorText } from '../../components/ErrorText';
import { download, fileStamp } from '../../download';
import { formatLogTime } from '../../format';
import { diagnosticsStore, useDiagnostics } from '../../stores';
import { filterEntries, LEVELS, logSources, MAX_UI_ENTRIES } from '../../stores/diagnostics';
import { logText } from './export';

const POLL_MS = 2000;

const LEVEL_LABELS: Record<LogLevel, string> = {
  debug: 'All levels',
  info: 'Info and above',
  warn: 'Warnings and errors',
  error: 'Errors only',
};

/** The service's log, filtered by source (an IED, the runtime, an output), level and text; exported as shown. */
export function EventLog() {
  useEffect(() => diagnosticsStore.poll(POLL_MS), []);
  const entries = useDiagnostics((s) => s.entries);
  const minLevel = useDiagnostics((s) => s.minLevel);
  const source = useDiagnostics((s) => s.source);
  const text = useDiagnostics((s) => s.text);
  const { setMinLevel, setSource, setText } = diagnosticsStore.getState();
  const capacity = useDiagnostics((s) => s.capacity);
  const dropped = useDiagnostics((s) => s.dropped);
  const trimmed = useDiagnostics((s) => s.trimmed);
  const error = useDiagnostics((s) => s.error);
  const visible = useMemo(() => filterEntries(entries, { minLevel, source, text }), [entries, minLevel, source, text]);
  const sources = useMemo(() => logSources(entries), [entries]);

  return (
    <>
      <div className="toolbar">
        <label>
          Source{' '}
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">Every source</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s.startsWith('ied:') ? `IED ${s.slice(4)}` : s}
              </option>
            ))}
          </select>
        </label>
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
        <input type="search" className="search" placeholder="Filter by text" aria-label="Filter the log by text" value={text} onChange={(e) => setText(e.target.value)} />
        <span className="muted" data-testid="log-counts">
          {visible.length} of {entries.length} entries shown
          {capacity !== null ? ` · service keeps the last ${capacity}` : ''}
          {dropped > 0 ? ` · ${dropped} older entries discarded by the service` : ''}
          {trimmed > 0 ? ` · ${trimmed} discarded here (this view keeps ${MAX_UI_ENTRIES})` : ''}
        </span>
        <span className="spacer" />
        <button type="button" disabled={visible.length === 0} onClick={() => download(`relaygate-log-${fileStamp()}.tsv`, logText([...visible].reverse()), 'text/tab-separated-values')}>
          Export log
        </button>
        <ErrorText error={error} />
      </div>
      <div className="table-wrap">
        <table className="grid log" aria-label="Event log">
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
        {visible.length === 0 ? <p className="table-empty">{entries.length === 0 ? 'No log entries received yet.' : 'No entry passes the filter.'}</p> : null}
      </div>
    </>
  );
}
