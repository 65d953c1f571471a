import { useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { ErrorText } from '../../components/ErrorText';
import { download, fileStamp } from '../../download';
import { formatLogTime } from '../../format';
import { trafficStore, useLive, useTraffic } from '../../stores';
import { trafficText } from './export';
import { PduDetail } from './PduDetail';

const POLL_MS = 1000;

/** One IED's MMS PDUs, oldest first, with the selected one in hex and decoded; pause, clear, export. */
export function TrafficViewer() {
  useEffect(() => trafficStore.poll(POLL_MS), []);
  const ieds = useLive((s) => s.ieds);
  useLive((s) => s.iedVersion);
  const ied = useTraffic((s) => s.ied);
  const records = useTraffic((s) => s.records);
  const paused = useTraffic((s) => s.paused);
  const selected = useTraffic((s) => s.selected);
  const capacity = useTraffic((s) => s.capacity);
  const dropped = useTraffic((s) => s.dropped);
  const error = useTraffic((s) => s.error);
  const { setIed, setPaused, clear, select } = trafficStore.getState();
  const iedIds = useMemo(() => [...ieds.keys()], [ieds, ieds.size]);

  // The first IED by default, so the view shows something at once.
  useEffect(() => {
    if ((!ied || !iedIds.includes(ied)) && iedIds[0]) setIed(iedIds[0]);
  }, [ied, iedIds, setIed]);

  const list = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = list.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [records]);

  const record = records.find((r) => r.seq === selected) ?? null;

  const onKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = records.findIndex((r) => r.seq === selected);
    const next = records[Math.min(records.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    select(next.seq);
    list.current?.querySelector<HTMLElement>(`[data-seq="${next.seq}"]`)?.focus();
  };

  if (iedIds.length === 0) {
    return <p className="table-empty">No IED is running: start the runtime, and each IED’s association shows its PDUs here.</p>;
  }
  return (
    <>
      <div className="toolbar">
        <label>
          IED{' '}
          <select value={ied ?? ''} onChange={(e) => setIed(e.target.value)}>
            {iedIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={clear} disabled={records.length === 0}>
          Clear
        </button>
        <span className="muted" data-testid="traffic-counts">
          {records.length} PDUs{paused ? ' · paused' : ''}
          {capacity !== null ? ` · the service keeps the last ${capacity}` : ''}
          {dropped > 0 ? `, ${dropped} older ones dropped` : ''}
        </span>
        <span className="spacer" />
        <button type="button" disabled={records.length === 0 || !ied} onClick={() => ied && download(`relaygate-mms-${ied}-${fileStamp()}.txt`, trafficText(ied, records, new Date().toISOString()))}>
          Export traffic
        </button>
        <ErrorText error={error} />
      </div>
      <div className="traffic">
        <div
          className="table-wrap pdu-list"
          ref={list}
          onScroll={(e) => {
            const el = e.currentTarget;
            atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
          }}
        >
          <table className="grid" aria-label="MMS PDUs">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Time</th>
                <th scope="col">Dir</th>
                <th scope="col" className="num">
                  Invoke
                </th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody onKeyDown={onKey}>
              {records.map((r) => (
                <tr
                  key={r.seq}
                  data-seq={r.seq}
                  tabIndex={r.seq === selected || (selected === null && r === records[0]) ? 0 : -1}
                  aria-selected={r.seq === selected}
                  className={`pdu-row${r.seq === selected ? ' selected' : ''}${r.problem ? ' row-error' : ''}`}
                  onClick={() => select(r.seq)}
                  onFocus={() => select(r.seq)}
                >
                  <td className="num mono">{r.seq}</td>
                  <td className="mono">{formatLogTime(r.time)}</td>
                  <td>
                    <span className={`dir dir-${r.direction}`} title={r.direction}>
                      {r.direction === 'sent' ? '→ sent' : '← recv'}
                    </span>
                  </td>
                  <td className="num mono">{r.invokeId ?? ''}</td>
                  <td className="mono ellipsis" title={r.problem ? `${r.summary} — ${r.problem}` : r.summary}>
                    {r.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {records.length === 0 ? <p className="table-empty">{paused ? 'Paused: no PDU is fetched.' : 'No PDU yet.'}</p> : null}
        </div>
        <div className="pdu-pane">{record ? <PduDetail key={record.seq} record={record} /> : <p className="table-empty">Select a PDU to see it in hex and decoded.</p>}</div>
      </div>
    </>
  );
}
