import { download, fileSafe } from '../../download';
import { counted, filterWords, hasEveryWord } from '../../format';
import { useMemo, useRef, useState } from 'react';
import type { CompanionKind } from '../../../../core/contract';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { projectStore, useProject, useSession } from '../../stores';
import { isCompanion, keyOf } from './mapping-edit';
import { MappingTable, type MappingTableHandle } from './MappingTable';
import { errorText } from '../../error-text';

/**
 * The mapping editor: every point of the project with its source, timing, Modbus registers and MQTT
 * topic. The service checks the Modbus map after each edit; its problems name the rows and block Start.
 */
export function PointsPage() {
  const project = useProject((s) => s.project);
  const mapCheck = useProject((s) => s.mapCheck);
  const mapStale = useProject((s) => s.mapStale);
  const notice = useProject((s) => s.notice);
  const editable = useSession((s) => s.session?.role === 'operator');
  const [filter, setFilter] = useState('');
  const [iedFilter, setIedFilter] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);
  const [companions, setCompanions] = useState<CompanionKind[]>(['status']);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const table = useRef<MappingTableHandle>(null);

  const problems = useMemo(() => {
    const byKey = new Map<string, string[]>();
    for (const p of mapCheck?.problems ?? []) for (const k of p.points) byKey.set(k, [...(byKey.get(k) ?? []), p.message]);
    return byKey;
  }, [mapCheck]);
  const modicon = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of mapCheck?.rows ?? []) {
      const key = `${r.ied}/${r.point}`;
      if (isCompanion(r.type)) m.set(`${key}#${r.type}`, r.modicon ?? '');
      else m.set(key, r.modicon ?? '');
    }
    return m;
  }, [mapCheck]);
  const rows = useMemo(() => {
    const words = filterWords(filter);
    return (project?.points ?? []).filter(
      (p) =>
        (!iedFilter || p.ied === iedFilter) &&
        (!onlyProblems || problems.has(keyOf(p))) &&
        hasEveryWord(`${keyOf(p)} ${p.ref} ${p.label ?? ''}`, words),
    );
  }, [project, filter, iedFilter, onlyProblems, problems]);

  if (!project) {
    return (
      <>
        <PageHeader title="Points" summary="Each point's source, timing, Modbus registers and MQTT topic." />
        <EmptyState title="No project open">
          <p>Open or create a project on the start page, then add IEDs: their points are mapped here.</p>
        </EmptyState>
      </>
    );
  }

  const unmapped = project.points.filter((p) => !p.modbus).length;
  const autoAssign = async () => {
    setAssignOpen(false);
    setError(null);
    try {
      const r = await api.autoAssignModbus({ project, companions });
      projectStore.replace(r.project);
      setResult(
        `Placed ${r.assigned.length} points${r.skipped.length ? `; ${r.skipped.length} have no Modbus form (${r.skipped.slice(0, 3).map((s) => s.key).join(', ')}${r.skipped.length > 3 ? ', …' : ''})` : ''}${r.problems.length ? `; ${r.problems.length} could not be placed: ${r.problems[0]?.message}` : ''}.`,
      );
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <>
      <PageHeader
        title="Points"
        summary={`${counted(project.points.length, 'point')} of ${counted(project.ieds.length, 'IED')}; ${project.points.length - unmapped} with Modbus registers.`}
        actions={
          <>
            <button type="button" onClick={() => setAssignOpen(true)} disabled={!editable || unmapped === 0}>
              Auto-assign Modbus…
            </button>
            <button
              type="button"
              disabled={!mapCheck?.csv || mapStale}
              title={mapStale ? 'Checking the Modbus map…' : mapCheck?.csv ? undefined : 'Fix the Modbus map first: a map with problems is not exported'}
              onClick={() => mapCheck?.csv && download(`${fileSafe(project.name)}-modbus.csv`, `${mapCheck.csv}\n`, 'text/csv')}
            >
              Export Modbus CSV
            </button>
          </>
        }
      />
      {notice ? (
        <Alert kind="success" onDismiss={() => projectStore.setState({ notice: null })}>
          {notice}
        </Alert>
      ) : null}
      {result ? (
        <Alert kind="info" onDismiss={() => setResult(null)}>
          {result}
        </Alert>
      ) : null}
      {error ? <Alert onDismiss={() => setError(null)}>{error}</Alert> : null}
      {mapCheck && !mapCheck.ok ? (
        <Alert title={`The Modbus map has ${mapCheck.problems.length} problem${mapCheck.problems.length === 1 ? '' : 's'}: the runtime cannot start until they are fixed`}>
          <ul className="problem-list">
            {mapCheck.problems.slice(0, 20).map((p, i) => (
              <li key={i}>
                {p.message}{' '}
                {p.points.map((k) => (
                  <button key={k} type="button" className="link" onClick={() => table.current?.scrollTo(k)}>
                    go to {k}
                  </button>
                ))}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="toolbar">
        <input type="search" className="search" aria-label="Filter points" placeholder="Filter by point, reference or label" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
        <select aria-label="IED" value={iedFilter} onChange={(e) => setIedFilter(e.currentTarget.value)}>
          <option value="">All IEDs</option>
          {project.ieds.map((i) => (
            <option key={i.id} value={i.id}>
              {i.id}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.currentTarget.checked)} /> Problems only
        </label>
        <span className="muted">{rows.length} shown</span>
      </div>
      <MappingTable ref={table} project={project} rows={rows} problems={problems} modicon={modicon} editable={editable} />
      <Dialog
        title="Auto-assign Modbus registers"
        open={assignOpen}
        onClose={() => setAssignOpen(false)}
        actions={
          <>
            <button type="button" onClick={() => setAssignOpen(false)}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void autoAssign()}>
              Assign {unmapped} points
            </button>
          </>
        }
      >
        <p>
          Places the {unmapped} points that have no register yet: booleans and protection signals in discrete inputs, positions and enums in input registers, analogues as float32 in holding registers,
          the i-th IED from address i × 1000. Points that already have registers keep them.
        </p>
        <fieldset className="checks">
          <legend>Companion registers for each point</legend>
          {(['status', 'quality', 'timestamp', 'age', 'sequence'] as const).map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={companions.includes(k)} onChange={(e) => setCompanions(e.currentTarget.checked ? [...companions, k] : companions.filter((c) => c !== k))} /> {k}
            </label>
          ))}
        </fieldset>
      </Dialog>
    </>
  );
}
