import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { SclPointDto } from '../../../../core/contract';
import { coverageSummary, tierCounts, withTier } from './drafts';
import { ModelTreeView } from './ModelTreeView';
import { useWizard, wizardStore } from './store';
import { pointKey, pointsByKey } from './tree-model';
import type { WizardIed } from './wizard-store';

/** Step 2: the model tree with the plan, the tiers one click away, the selection with reasons and coverage. */
export function PointsStep({ ied, index }: { ied: WizardIed; index: number }) {
  const plan = useMemo(() => pointsByKey(ied.dto.points), [ied.dto.points]);
  const counts = tierCounts(ied.dto.points, ied.selected);
  const coverage = coverageSummary(ied.dto.points, ied.selected);
  const job = useWizard((s) => s.job);
  const select = (keys: string[], on: boolean) => wizardStore.select(index, keys, on);
  const addTier = (tier: SclPointDto['tier']) => wizardStore.setSelection(index, withTier(ied.dto.points, ied.selected, tier));

  return (
    <>
      <div className="tier-bar" role="group" aria-label="Recommended points">
        <span className="tier-chip" data-testid="essential-count">
          <b>Essential</b> {counts.essential.selected} of {counts.essential.total} selected
        </span>
        <button type="button" onClick={() => addTier('station')} disabled={counts.station.selected === counts.station.total}>
          Add station set ({counts.station.total})
        </button>
        <button type="button" onClick={() => addTier('extended')} disabled={counts.extended.selected === counts.extended.total}>
          Add extended tier ({counts.extended.total})
        </button>
        <button type="button" onClick={() => wizardStore.setSelection(index, new Set(ied.dto.points.filter((p) => p.tier === 'essential').map(pointKey)))}>
          Back to essential
        </button>
        <button type="button" onClick={() => wizardStore.setSelection(index, new Set())}>
          Clear
        </button>
        <span className="spacer" />
        <span data-testid="coverage" className="coverage">
          {ied.selected.size} selected: {coverage.report} by report{coverage.rcbs.length ? ` (${coverage.rcbs.map((r) => r.slice(r.indexOf('/') + 1)).join(', ')})` : ''}, {coverage.poll} polled
        </span>
      </div>
      <div className="split">
        <ModelTreeView key={ied.name} tree={ied.tree} plan={plan} selected={ied.selected} onSelect={select} />
        <SelectionTable ied={ied} onRemove={(k) => select([k], false)} />
      </div>
      <ControlBlocks ied={ied} />
      <div className="actions">
        <button type="button" onClick={() => wizardStore.setState({ step: 'source' })}>
          Back
        </button>
        <button type="button" className="primary" disabled={ied.selected.size === 0 || job !== null} onClick={() => void wizardStore.probe()}>
          Probe {ied.selected.size} points
        </button>
        <button type="button" disabled={ied.selected.size === 0} onClick={() => wizardStore.setState({ step: 'add' })}>
          Skip the probe
        </button>
      </div>
    </>
  );
}

const ROW = 28;

/** The selected points with why each was recommended and how it will be updated (virtualised). */
function SelectionTable({ ied, onRemove }: { ied: WizardIed; onRemove: (key: string) => void }) {
  const rows = useMemo(() => ied.dto.points.filter((p) => ied.selected.has(pointKey(p))), [ied.dto.points, ied.selected]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10 });
  return (
    <section className="selection" aria-label="Selected points">
      <div className="vtable-head" role="row">
        <span role="columnheader">Point</span>
        <span role="columnheader">FC</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Why</span>
        <span role="columnheader">Updated by</span>
      </div>
      <div className="vtable-scroll" ref={scroller} role="table" aria-label="Selected points" aria-rowcount={rows.length}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const p = rows[item.index] as SclPointDto;
            const key = pointKey(p);
            const rcbs = p.coverage.dataSets.flatMap((d) => d.reportControls.filter((r) => r.onChange).map((r) => r.id.slice(r.id.indexOf('/') + 1)));
            return (
              <div key={key} role="row" aria-rowindex={item.index + 1} className="vtable-row sel-row" style={{ transform: `translateY(${item.start}px)` }}>
                <span role="cell" className="mono ellipsis" title={p.ref}>
                  <button type="button" className="link remove" aria-label={`Remove ${key}`} onClick={() => onRemove(key)}>
                    ✕
                  </button>
                  {p.ref}
                </span>
                <span role="cell">{p.fc}</span>
                <span role="cell">{p.type}</span>
                <span role="cell" className="ellipsis" title={p.reason}>
                  <span className={`tier tier-${p.tier}`}>{p.tier}</span> {p.reason}
                </span>
                <span role="cell" className="ellipsis" title={p.coverage.reason}>
                  {p.coverage.mode === 'report' ? `report ${[...new Set(rcbs)].join(', ')}` : 'poll'}
                </span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 ? <p className="table-empty">No point selected: tick leaves in the tree or add a tier.</p> : null}
      </div>
    </section>
  );
}

/** The IED's data sets and RCBs, as the plan's coverage uses them. */
function ControlBlocks({ ied }: { ied: WizardIed }) {
  const { dataSets, reportControls } = ied.dto;
  return (
    <div className="control-blocks">
      <details>
        <summary>
          Report control blocks ({reportControls.length})
        </summary>
        <table className="grid" aria-label="Report control blocks">
          <thead>
            <tr>
              <th>RCB</th>
              <th>Kind</th>
              <th>Data set</th>
              <th>Triggers</th>
              <th>Integrity</th>
              <th>Instances</th>
            </tr>
          </thead>
          <tbody>
            {reportControls.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.id}</td>
                <td>{r.buffered ? 'BRCB' : 'URCB'}</td>
                <td className="mono">{r.dataSet ?? '—'}</td>
                <td>{r.trgOps.join(' ')}</td>
                <td>{r.intgPd > 0 ? `${r.intgPd / 1000} s` : '—'}</td>
                <td>{r.instances.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <details>
        <summary>Data sets ({dataSets.length})</summary>
        <table className="grid" aria-label="Data sets">
          <thead>
            <tr>
              <th>Data set</th>
              <th>Members</th>
              <th>Reported by</th>
            </tr>
          </thead>
          <tbody>
            {dataSets.map((d) => (
              <tr key={d.ref}>
                <td className="mono">{d.ref}</td>
                <td className="message">{d.members.map((m) => m.ref).join(', ')}</td>
                <td className="mono">{reportControls.filter((r) => r.dataSet === d.ref).map((r) => r.id.slice(r.id.lastIndexOf('.') + 1)).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {ied.warnings.length > 0 ? (
        <details>
          <summary>{ied.warnings.length} warnings</summary>
          <ul>
            {ied.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
