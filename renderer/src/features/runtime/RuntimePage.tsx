import { useState } from 'react';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { formatUptime } from '../../format';
import { useProject, useSession, useStatus } from '../../stores';
import { IedCards } from './IedCards';
import { LiveGrid } from './LiveGrid';
import { errorText } from '../../error-text';

/** Start and stop, each IED's connection, and the live grid. */
export function RuntimePage() {
  const status = useStatus((s) => s.status);
  const project = useProject((s) => s.project);
  const mapCheck = useProject((s) => s.mapCheck);
  const mapStale = useProject((s) => s.mapStale);
  const operator = useSession((s) => s.session?.role === 'operator');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = status?.state ?? 'idle';
  const running = state === 'running' || state === 'starting';

  // A project the service was started with (serve --project) runs as it is, unedited.
  const serviceProject = !project && status?.project ? status.project : null;
  const blocked = serviceProject
    ? null
    : !project
    ? 'Open or create a project first.'
    : project.points.length === 0
      ? 'The project has no points: add an IED first.'
      : mapCheck === null || mapStale
        ? 'Checking the Modbus map…'
        : !mapCheck.ok
          ? `The Modbus map has ${mapCheck.problems.length} problem${mapCheck.problems.length === 1 ? '' : 's'}: fix them on the Points page.`
          : null;

  const act = async (what: 'start' | 'stop') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'start') await api.startRuntime(project ? { project } : {});
      else await api.stopRuntime({});
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Runtime"
        summary={status ? `Runtime ${state}${status.stateDetail ? ` (${status.stateDetail})` : ''} · service up ${formatUptime(status.uptimeMs)} · ${status.mode} ${status.version}` : 'Waiting for the service…'}
        actions={
          running ? (
            <button type="button" className="danger" onClick={() => void act('stop')} disabled={busy || !operator || state === 'starting'}>
              Stop
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void act('start')} disabled={busy || !operator || blocked !== null} title={blocked ?? undefined}>
              Start
            </button>
          )
        }
      />
      {!running && blocked ? (
        <p className="muted" data-testid="start-blocked">
          {blocked} {mapCheck && !mapCheck.ok ? <a href="#/points">Go to the Points page</a> : null}
        </p>
      ) : null}
      {!operator && status ? <p className="muted">You are a viewer: starting and stopping is for operators.</p> : null}
      {error ? (
        <Alert title="The runtime did not start" onDismiss={() => setError(null)}>
          {error}
        </Alert>
      ) : null}
      {state === 'error' && status?.stateDetail ? <Alert title="The runtime stopped with an error">{status.stateDetail}</Alert> : null}
      <IedCards />
      <LiveGrid />
    </>
  );
}
