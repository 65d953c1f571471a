import { useEffect, useMemo, useState } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { PageHeader } from '../../components/PageHeader';
import { filterWords, formatValue, hasEveryWord, isAnalogType } from '../../format';
import { liveStore, trendsStore, useLive, useStatus, useTrends } from '../../stores';
import { MAX_TREND_POINTS, TREND_WINDOWS_MS } from '../../stores/trends';
import { seriesStats, TREND_COLOURS } from './chart-data';
import { TrendChart } from './TrendChart';

const POLL_MS = 1000;

/** A live chart of the last minutes of up to 8 analog points, from the runtime's bounded history. */
export function TrendsPage() {
  useEffect(() => trendsStore.poll(POLL_MS), []);
  const running = useStatus((s) => s.status?.state === 'running');
  const order = useLive((s) => s.order);
  const keys = useTrends((s) => s.keys);
  const series = useTrends((s) => s.series);
  const unknown = useTrends((s) => s.unknown);
  const now = useTrends((s) => s.now);
  const windowMs = useTrends((s) => s.windowMs);
  const error = useTrends((s) => s.error);
  const { toggle, setWindow } = trendsStore.getState();
  const [text, setText] = useState('');
  const [full, setFull] = useState(false);

  const analog = useMemo(() => {
    const points = liveStore.getState().points;
    return order.filter((k) => isAnalogType(points.get(k)?.type ?? ''));
  }, [order]);
  const shown = useMemo(() => {
    const words = filterWords(text);
    const points = liveStore.getState().points;
    return analog.filter((k) => hasEveryWord(`${k} ${points.get(k)?.ref ?? ''}`, words));
  }, [analog, text]);

  const pick = (key: string) => setFull(!toggle(key));

  return (
    <>
      <PageHeader title="Trends" summary={`The last minutes of up to ${MAX_TREND_POINTS} analog points, one sample per change, live.`} />
      {!running ? <p className="notice">The runtime is not running: trends come from the running gateway’s history, which starts empty at each start.</p> : null}
      <div className="trends">
        <section className="panel trend-points" aria-label="Analog points">
          <input type="search" className="search" placeholder="Filter analog points" aria-label="Filter analog points" value={text} onChange={(e) => setText(e.target.value)} />
          <p className="muted">
            {keys.length} of {MAX_TREND_POINTS} charted · {analog.length} analog points
          </p>
          {full ? (
            <p className="error-text" role="alert">
              The chart holds {MAX_TREND_POINTS} points: remove one first.
            </p>
          ) : null}
          <ul className="trend-picks">
            {shown.map((k) => (
              <li key={k}>
                <label title={liveStore.getState().points.get(k)?.ref}>
                  <input type="checkbox" checked={keys.includes(k)} onChange={() => pick(k)} /> <span className="mono">{k}</span>
                </label>
              </li>
            ))}
          </ul>
          {analog.length === 0 ? <p className="table-empty">No analog point in the running project.</p> : null}
        </section>
        <section className="panel trend-main" aria-label="Chart">
          <div className="toolbar">
            <label>
              Window{' '}
              <select value={windowMs} onChange={(e) => setWindow(Number(e.target.value))}>
                {TREND_WINDOWS_MS.map((ms) => (
                  <option key={ms} value={ms}>
                    last {ms / 60_000} min
                  </option>
                ))}
              </select>
            </label>
            <ErrorText error={error} />
          </div>
          {keys.length === 0 ? (
            <p className="table-empty">Tick analog points on the left to chart them.</p>
          ) : (
            <>
              <TrendChart series={series} labels={series.map((s) => s.key)} now={now ?? Date.now()} windowMs={windowMs} />
              <Legend />
              {unknown.length ? <p className="muted">No history for {unknown.join(', ')} (not running, or not analog).</p> : null}
            </>
          )}
        </section>
      </div>
    </>
  );
}

/** Per line: its colour, point, samples in the window, last value and range (what the chart was given). */
function Legend() {
  const series = useTrends((s) => s.series);
  return (
    <table className="grid trend-legend" aria-label="Trend legend">
      <thead>
        <tr>
          <th scope="col">Point</th>
          <th scope="col" className="num">
            Samples
          </th>
          <th scope="col" className="num">
            Last
          </th>
          <th scope="col" className="num">
            Min
          </th>
          <th scope="col" className="num">
            Max
          </th>
          <th scope="col" className="num">
            Kept at most
          </th>
        </tr>
      </thead>
      <tbody>
        {series.map((s, i) => {
          const st = seriesStats(s);
          return (
            <tr key={s.key} data-key={s.key}>
              <td className="mono">
                <span className="swatch" style={{ background: TREND_COLOURS[i % TREND_COLOURS.length] }} aria-hidden="true" /> {s.key}
              </td>
              <td className="num mono">{st.samples}</td>
              <td className="num mono">{formatValue(st.last)}</td>
              <td className="num mono">{formatValue(st.min)}</td>
              <td className="num mono">{formatValue(st.max)}</td>
              <td className="num mono">
                {s.capacity}
                {s.dropped ? ` (${s.dropped} dropped)` : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
