import { counted } from '../../format';
import { useState } from 'react';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { Logo } from '../../components/Icon';
import { projectStore, useProject, useSession } from '../../stores';
import { guardUnsaved } from '../project/guard';

/** Projects: the open one, New, Open (a dialog on the desktop, a server path in a browser), recent files. */
export function StartPage() {
  const project = useProject((s) => s.project);
  const path = useProject((s) => s.path);
  const dirty = useProject((s) => s.dirty);
  const recent = useProject((s) => s.recent);
  const error = useProject((s) => s.error);
  const busy = useProject((s) => s.busy);
  const session = useSession((s) => s.session);
  const operator = session?.role === 'operator';
  const [name, setName] = useState('');
  const [openPath, setOpenPath] = useState('');

  const create = () => void guardUnsaved(() => projectStore.create(name.trim() || 'New project'));
  const open = (p: string) => void guardUnsaved(() => projectStore.open(p));
  const browse = async () => {
    const { path: chosen } = await api.chooseFile({ purpose: 'open-project' }).catch(() => ({ path: null }));
    if (chosen) open(chosen);
  };

  return (
    <div className="start">
      <div className="start-card">
        <Logo size={48} />
        <h1>{project ? `Project ${project.name}` : 'No project open'}</h1>
        <p className="lead">
          A RelayGate project lists the IEDs to read, the points taken from them, and how those points are published as Modbus registers and MQTT topics.
        </p>
        {project ? (
          <section className="panel" aria-label="Open project">
            <p>
              {counted(project.ieds.length, 'IED')}, {counted(project.points.length, 'point')} · {path ?? 'not saved yet'}
              {dirty ? ' · unsaved changes' : ''}
            </p>
            <div className="start-actions">
              <a className="button primary" href="#/ieds/add">
                Add IED
              </a>
              <a className="button" href="#/points">
                Points
              </a>
              <a className="button" href="#/runtime">
                Runtime
              </a>
              <button type="button" onClick={() => void guardUnsaved(() => projectStore.close())}>
                Close project
              </button>
            </div>
          </section>
        ) : null}
        {error ? (
          <Alert onDismiss={() => projectStore.clearError()}>
            {error}
          </Alert>
        ) : null}
        {busy ? <p className="muted" role="status">{busy}</p> : null}
        {operator ? (
          <>
            <form
              className="panel"
              aria-label="New project"
              onSubmit={(e) => {
                e.preventDefault();
                create();
              }}
            >
              <h2>New project</h2>
              <div className="form-row align-end">
                <Field label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="Substation A" />
                <button type="submit" className="primary">
                  New project
                </button>
              </div>
            </form>
            <form
              className="panel"
              aria-label="Open project"
              onSubmit={(e) => {
                e.preventDefault();
                if (openPath.trim()) open(openPath.trim());
              }}
            >
              <h2>Open project</h2>
              <div className="form-row align-end">
                {session?.fileDialogs ? (
                  <button type="button" onClick={() => void browse()}>
                    Open project…
                  </button>
                ) : null}
                <Field label={session?.fileDialogs ? 'or its path' : 'Path of the project file on the server'} value={openPath} onChange={(e) => setOpenPath(e.currentTarget.value)} placeholder="/srv/relaygate/station.json" />
                <button type="submit" disabled={!openPath.trim()}>
                  Open project
                </button>
              </div>
              {recent.length > 0 ? (
                <>
                  <h3>Recent</h3>
                  <ul className="recent">
                    {recent.map((r) => (
                      <li key={r}>
                        <button type="button" className="link mono" onClick={() => open(r)}>
                          {r}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </form>
          </>
        ) : session ? (
          <p className="muted">You are logged in as a viewer: you can watch the gateway, and an operator opens and edits projects.</p>
        ) : null}
      </div>
    </div>
  );
}
