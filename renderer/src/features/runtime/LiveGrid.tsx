import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState } from 'react';
import { useNow } from '../../components/use-now';
import type { PointState } from '../../../../core/contract';
import { filterWords, formatAge, formatTimestamp, formatValue, hasEveryWord } from '../../format';
import { liveStore, useLive } from '../../stores';
import { rowClass, matchesStatus, type StatusFilter } from './grid-filter';

const ROW = 26;

/**
 * The live grid: IEC Object | Value | Timestamp | Quality | Type | Age | Source | Status, one row per
 * point, virtualised (only the rows in view are rendered). Values arrive as change batches into the
 * live store; the grid re-reads on its version and re-renders only rows whose state changed, plus the
 * ages once a second. Stale, invalid, test and disconnected rows are coloured (legend below).
 */
export function LiveGrid() {
  const order = useLive((s) => s.order);
  const version = useLive((s) => s.version);
  const ieds = useLive((s) => s.ieds);
  useLive((s) => s.iedVersion);
  const [ied, setIed] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [text, setText] = useState('');
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);

  // Status filters depend on values, so they follow the version; IED and text filters only the order.
  const statusVersion = status === 'all' ? 0 : version;
  const keys = useMemo(() => {
    const points = liveStore.getState().points;
    const words = filterWords(text);
    return order.filter((k) => {
      const p = points.get(k);
      if (!p) return false;
      if (ied && p.ied !== ied) return false;
      if (!matchesStatus(p, status)) return false;
      return hasEveryWord(`${p.key} ${p.ref}`, words);
    });
  }, [order, ied, status, text, statusVersion]);

  const virtual = useVirtualizer({ count: keys.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10 });
  const points = liveStore.getState().points;

  return (
    <section className="live" aria-label="Live values">
      <div className="toolbar">
        <input type="search" className="search" aria-label="Filter live values" placeholder="Filter by point or reference" value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <select aria-label="IED filter" value={ied} onChange={(e) => setIed(e.currentTarget.value)}>
          <option value="">All IEDs</option>
          {[...ieds.keys()].map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}>
          <option value="all">Every status</option>
          <option value="ok">ok</option>
          <option value="not-ok">not ok</option>
          <option value="stale">stale</option>
          <option value="disconnected">disconnected</option>
          <option value="never">never updated</option>
          <option value="error">error</option>
          <option value="invalid">invalid quality</option>
          <option value="test">test</option>
        </select>
        <span className="muted" data-testid="grid-count">
          {keys.length} of {order.length} points
        </span>
      </div>
      <div className="grid-table" role="table" aria-label="Live point values" aria-rowcount={keys.length + 1}>
        <div className="grid-row grid-head" role="row" aria-rowindex={1}>
          {['IEC Object', 'Value', 'Timestamp', 'Quality', 'Type', 'Age', 'Source', 'Status'].map((h) => (
            <span key={h} role="columnheader">
              {h}
            </span>
          ))}
        </div>
        <div className="vtable-scroll grid-scroll" ref={scroller}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const key = keys[item.index] as string;
              const p = points.get(key);
              return p ? <GridRow key={key} point={p} index={item.index} top={item.start} now={now} /> : null;
            })}
          </div>
          {keys.length === 0 ? <p className="table-empty">{order.length === 0 ? 'No values yet: start the runtime.' : 'No point matches the filters.'}</p> : null}
        </div>
      </div>
      <ul className="legend" aria-label="Legend">
        <li className="row-ok">ok</li>
        <li className="row-stale">stale: no update within its timeout</li>
        <li className="row-invalid">invalid quality or read error</li>
        <li className="row-test">test: quality test bit, or its LN's Beh is test</li>
        <li className="row-disconnected">disconnected: the IED's association is down</li>
        <li className="row-never">never updated</li>
      </ul>
    </section>
  );
}

const GridRow = memo(function GridRow({ point: p, index, top, now }: { point: PointState; index: number; top: number; now: number }) {
  return (
    <div role="row" aria-rowindex={index + 2} data-key={p.key} className={`grid-row ${rowClass(p)}`} style={{ transform: `translateY(${top}px)` }}>
      <span role="cell" className="mono ellipsis" title={`${p.key} · ${p.ref} [${p.fc}]`}>
        {p.ref} <span className="muted">[{p.fc}]</span>
      </span>
      <span role="cell" className="mono value">
        {formatValue(p.value)}
      </span>
      <span role="cell" className="mono">
        {formatTimestamp(p.deviceTime)}
      </span>
      <span role="cell" className="ellipsis" title={p.quality?.text}>
        {p.quality?.text ?? '—'}
      </span>
      <span role="cell">{p.type}</span>
      <span role="cell" className="mono">
        {formatAge(p.localTime, now)}
      </span>
      <span role="cell">{p.source ?? '—'}</span>
      <span role="cell" className="ellipsis" title={p.reason ?? undefined}>
        <span className={`badge badge-${p.status}`}>{p.status}</span>
        {p.test ? <span className="badge badge-test">test</span> : null}
        {p.reason ? <span className="muted"> {p.reason}</span> : null}
      </span>
    </div>
  );
});
