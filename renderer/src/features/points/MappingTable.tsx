import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, memo, useImperativeHandle, useRef } from 'react';
import type { CompanionKind, ModbusArea, ModbusType, PointConfig, Project, WordOrder } from '../../../../core/contract';
import { projectStore } from '../../stores';
import { NumberCell, SelectCell } from './cells';
import { AREAS, COMPANIONS, MODBUS_TYPES, TYPE_LENGTH, addCompanion, keyOf, pollPeriodOf, removeCompanion, setArea, setModbus, setPollPeriod, withPoint } from './mapping-edit';
import { isAnalogType } from '../../format';

const ROW = 34;
const WORD_ORDERS: readonly WordOrder[] = ['ABCD', 'CDAB', 'BADC', 'DCBA'];

export interface MappingTableHandle {
  scrollTo(key: string): void;
}

interface Props {
  project: Project;
  rows: readonly PointConfig[];
  problems: ReadonlyMap<string, string[]>;
  /** `ied/point` → modicon of the value and of each companion, from the service's map rows. */
  modicon: ReadonlyMap<string, string>;
  editable: boolean;
}

const edit = (key: string, change: (p: PointConfig) => PointConfig) => projectStore.edit((project) => withPoint(project, key, change));

/**
 * The mapping editor's table, virtualised: only rows in view exist in the DOM, so a project of 20,000
 * points edits as smoothly as one of 20. Each cell edits the project in the project store, which checks
 * the Modbus map again; rows named by a problem are marked and say why.
 */
export const MappingTable = forwardRef<MappingTableHandle, Props>(function MappingTable({ project, rows, problems, modicon, editable }, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8 });
  useImperativeHandle(ref, () => ({
    scrollTo: (key: string) => {
      const i = rows.findIndex((p) => keyOf(p) === key);
      if (i < 0) return;
      virtual.scrollToIndex(i, { align: 'center' });
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] input, [data-key="${CSS.escape(key)}"] select`)?.focus());
    },
  }));
  return (
    <div className="mapping" role="table" aria-label="Point mapping" aria-rowcount={rows.length + 1}>
      <div className="vtable-scroll mapping-scroll" ref={scroller}>
        <div className="mapping-head" role="row" aria-rowindex={1}>
          {['Point', 'Label', 'Source', 'Period (ms)', 'Stale (s)', 'Area', 'Address', 'Modicon', 'Type', 'Word order', 'Gain', 'Offset', 'Companions', 'MQTT topic', 'Deadband', 'Problems'].map((h) => (
            <span key={h} role="columnheader">
              {h}
            </span>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const p = rows[item.index] as PointConfig;
            const key = keyOf(p);
            return (
              <MappingRow
                key={key}
                point={p}
                project={project}
                index={item.index}
                top={item.start}
                problems={problems.get(key)}
                modicon={modicon.get(key) ?? ''}
                companions={p.modbus ? COMPANIONS.filter((k) => p.modbus?.companions[k]).map((k) => `${k} ${modicon.get(`${key}#${k}`) ?? ''}`) : []}
                editable={editable}
              />
            );
          })}
        </div>
        {rows.length === 0 ? <p className="table-empty">No point matches.</p> : null}
      </div>
    </div>
  );
});

interface RowProps {
  point: PointConfig;
  project: Project;
  index: number;
  top: number;
  problems: string[] | undefined;
  modicon: string;
  companions: string[];
  editable: boolean;
}

const MappingRow = memo(function MappingRow({ point: p, project, index, top, problems, modicon, companions, editable }: RowProps) {
  const key = keyOf(p);
  const m = p.modbus;
  const plans = project.ieds.find((i) => i.id === p.ied)?.reports ?? [];
  const label = (what: string) => `${what} of ${key}`;
  const period = pollPeriodOf(project, p);
  return (
    <div role="row" aria-rowindex={index + 2} data-key={key} className={`mapping-row${problems ? ' row-error' : ''}`} style={{ transform: `translateY(${top}px)` }}>
      <span role="cell" className="mono ellipsis" title={`${p.ref} [${p.fc}] ${p.type}`}>
        <b>{key}</b>
        <br />
        <span className="muted">
          {p.ref} [{p.fc}] {p.type}
        </span>
      </span>
      <span role="cell">
        <input aria-label={label('Label')} defaultValue={p.label ?? ''} disabled={!editable} onBlur={(e) => {
          const v = e.currentTarget.value.trim();
          if (v !== (p.label ?? '')) edit(key, (x) => ({ ...x, ...(v ? { label: v } : { label: undefined }) }) as PointConfig);
        }} />
      </span>
      <span role="cell">
        <select aria-label={label('Source')} value={p.source === 'report' ? `report:${p.report ?? ''}` : 'poll'} disabled={!editable} onChange={(e) => {
          const v = e.currentTarget.value;
          edit(key, (x) => (v === 'poll' ? { ...x, source: 'poll' } : { ...x, source: 'report', report: v.slice(7) }));
        }}>
          <option value="poll">poll</option>
          {plans.map((r) => (
            <option key={r.id} value={`report:${r.id}`}>
              report {r.rcb.slice(r.rcb.lastIndexOf('.') + 1)}
            </option>
          ))}
        </select>
      </span>
      <span role="cell">
        <NumberCell label={label('Poll period')} value={period ?? undefined} min={50} max={3_600_000} integer disabled={!editable} onCommit={(v) => v !== null && projectStore.edit((project) => setPollPeriod(project, key, v))} />
      </span>
      <span role="cell">
        <NumberCell label={label('Stale timeout')} value={p.staleTimeoutMs !== undefined ? p.staleTimeoutMs / 1000 : undefined} min={0.1} max={86_400} step="any" placeholder="auto" disabled={!editable} onCommit={(v) =>
          edit(key, (x) => ({ ...x, staleTimeoutMs: v === null ? undefined : Math.round(v * 1000) }) as PointConfig)
        } />
      </span>
      <span role="cell">
        <SelectCell<ModbusArea | 'none'> label={label('Modbus area')} value={m?.area ?? 'none'} options={['none', ...AREAS]} disabled={!editable} onChange={(v) => edit(key, (x) => setArea(x, v))} />
      </span>
      <span role="cell">
        <NumberCell label={label('Modbus address')} value={m?.address} min={0} max={65535} integer disabled={!editable || !m} onCommit={(v) => v !== null && edit(key, (x) => setModbus(x, { address: v }))} />
      </span>
      <span role="cell" className="mono" data-testid="modicon">
        {modicon}
      </span>
      <span role="cell">
        {m ? <SelectCell<ModbusType> label={label('Modbus type')} value={m.type} options={MODBUS_TYPES} disabled={!editable} onChange={(v) => edit(key, (x) => setModbus(x, { type: v }))} /> : <span className="muted">—</span>}
      </span>
      <span role="cell">
        <SelectCell<WordOrder> label={label('Word order')} value={m?.wordOrder ?? 'ABCD'} options={WORD_ORDERS} disabled={!editable || !m || TYPE_LENGTH[m.type] < 2} onChange={(v) => edit(key, (x) => setModbus(x, { wordOrder: v }))} />
      </span>
      <span role="cell">
        <NumberCell label={label('Gain')} value={m?.gain} disabled={!editable || !m} onCommit={(v) => edit(key, (x) => setModbus(x, { gain: v ?? 1 }))} />
      </span>
      <span role="cell">
        <NumberCell label={label('Offset')} value={m?.offset} disabled={!editable || !m} onCommit={(v) => edit(key, (x) => setModbus(x, { offset: v ?? 0 }))} />
      </span>
      <span role="cell" className="companions">
        {companions.map((c) => {
          const kind = c.split(' ')[0] as CompanionKind;
          return (
            <span key={kind} className="chip">
              {c}
              {editable ? (
                <button type="button" className="link" aria-label={`Remove the ${kind} companion of ${key}`} onClick={() => edit(key, (x) => removeCompanion(x, kind))}>
                  ✕
                </button>
              ) : null}
            </span>
          );
        })}
        {editable && m ? (
          <select aria-label={label('Add a companion')} value="" onChange={(e) => {
            const kind = e.currentTarget.value as CompanionKind;
            projectStore.edit((project) => withPoint(project, key, (x) => addCompanion(project, x, kind)));
          }}>
            <option value="">+</option>
            {COMPANIONS.filter((k) => !m.companions[k]).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        ) : null}
      </span>
      <span role="cell">
        <input aria-label={label('MQTT topic')} placeholder={`${p.ied}/${p.id}`} defaultValue={p.mqtt?.topic ?? ''} disabled={!editable} onBlur={(e) => {
          const v = e.currentTarget.value.trim();
          if (v !== (p.mqtt?.topic ?? '')) edit(key, (x) => ({ ...x, mqtt: { enabled: x.mqtt?.enabled ?? true, ...(v ? { topic: v } : {}) } }));
        }} />
      </span>
      <span role="cell" className="deadband">
        {isAnalogType(p.type) ? (
          <>
            <NumberCell label={label('Deadband')} value={p.deadband?.value} min={0} placeholder="none" disabled={!editable} onCommit={(v) =>
              edit(key, (x) => (v === null || v === 0 ? ({ ...x, deadband: undefined } as PointConfig) : { ...x, deadband: { kind: x.deadband?.kind ?? 'absolute', value: v } }))
            } />
            <SelectCell<'absolute' | 'percent'> label={label('Deadband kind')} value={p.deadband?.kind ?? 'absolute'} options={[{ value: 'absolute', label: 'abs' }, { value: 'percent', label: '%' }]} disabled={!editable || !p.deadband} onChange={(v) => edit(key, (x) => (x.deadband ? { ...x, deadband: { ...x.deadband, kind: v } } : x))} />
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </span>
      <span role="cell" className="problems ellipsis" title={problems?.join('\n')}>
        {problems ? <span className="error-text">{problems.join('; ')}</span> : null}
      </span>
    </div>
  );
});
