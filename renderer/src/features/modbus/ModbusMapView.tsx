import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ModbusClient } from '../../../../core/contract';
import { useProject } from '../../stores';
import { isCompanion } from '../points/mapping-edit';
import { byRegister, filterRows, inLastRead, type MapRow } from './map-rows';

const ROW = 26;
const COLUMNS = ['Modicon', 'Area', 'Address', 'Type', 'Word order', 'Gain', 'Offset', 'Point', 'Reference'] as const;

/**
 * The project's Modbus map in register order, as the service checked it (the same rows as
 * `relaygate modbus-map`), virtualised so a map of 20,000 registers scrolls like one of 20. The rows a
 * chosen client read last are marked.
 */
export function ModbusMapView({ highlight }: { highlight: ModbusClient['lastRead'] }) {
  const mapCheck = useProject((s) => s.mapCheck);
  const mapStale = useProject((s) => s.mapStale);
  const [filter, setFilter] = useState('');
  const sorted = useMemo(() => byRegister(mapCheck?.rows ?? []), [mapCheck]);
  const rows = useMemo(() => filterRows(sorted, filter), [sorted, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10 });

  // Choosing a client (or its reading another range) brings the first register it read into view; the
  // refresh each second hands over an equal range as a new object, which must not pull the map back.
  const target = highlight ? rows.findIndex((r) => inLastRead(r, highlight)) : -1;
  const range = highlight?.range ?? '';
  useEffect(() => {
    if (target >= 0) virtual.scrollToIndex(target, { align: 'start' });
  }, [target, range, virtual]);

  const problems = mapCheck?.problems.length ?? 0;
  return (
    <section className="panel" aria-label="Modbus map">
      <h2>Map</h2>
      <div className="toolbar">
        <input type="search" className="search" aria-label="Filter the Modbus map" placeholder="Filter by point, area, type or address" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
        <span className="muted" data-testid="map-count">
          {mapStale && !mapCheck ? 'Checking the map…' : `${rows.length} of ${sorted.length} registers, ${mapCheck?.mapped ?? 0} points mapped`}
        </span>
        {problems > 0 ? <span className="badge badge-error">{problems} problems: see the Points page</span> : null}
        {highlight ? <span className="muted">marked: {highlight.range}</span> : null}
      </div>
      <div className="modbus-map" role="table" aria-label="Modbus register map" aria-rowcount={rows.length + 1}>
        <div className="vtable-scroll map-scroll" ref={scroller}>
          <div className="map-head" role="row" aria-rowindex={1}>
            {COLUMNS.map((h) => (
              <span key={h} role="columnheader">
                {h}
              </span>
            ))}
          </div>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const r = rows[item.index] as MapRow;
              const companion = r.gain === '' && isCompanion(r.type);
              const read = inLastRead(r, highlight);
              return (
                <div
                  key={`${r.area}:${r.address}:${r.ied}/${r.point}:${r.type}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={read}
                  className={`map-row${read ? ' row-read' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <span role="cell" className="mono">
                    {r.modicon}
                  </span>
                  <span role="cell">{r.area}</span>
                  <span role="cell" className="mono">
                    {r.address}
                  </span>
                  <span role="cell">{companion ? <span className="chip">{r.type}</span> : r.type}</span>
                  <span role="cell">{r.wordOrder}</span>
                  <span role="cell" className="mono">
                    {r.gain}
                  </span>
                  <span role="cell" className="mono">
                    {r.offset}
                  </span>
                  <span role="cell" className="mono ellipsis" title={`${r.ied}/${r.point}`}>
                    {r.ied}/{r.point}
                  </span>
                  <span role="cell" className="mono ellipsis" title={`${r.ref} [${r.fc}]`}>
                    {r.ref} <span className="muted">[{r.fc}]</span>
                  </span>
                </div>
              );
            })}
          </div>
          {rows.length === 0 ? <p className="table-empty">{sorted.length === 0 ? 'No point is mapped to Modbus: assign addresses on the Points page.' : 'No register matches the filter.'}</p> : null}
        </div>
      </div>
    </section>
  );
}
