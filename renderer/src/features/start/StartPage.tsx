import { useState } from 'react';
import { Logo } from '../../components/Icon';
import { useStatus } from '../../stores';

type Choice = 'new' | 'open' | null;

/**
 * The page shown when no project is open. This build has no project files yet, so the two buttons say so
 * plainly instead of pretending; the notice is replaced by the project wizard and file dialog when they land.
 */
export function StartPage() {
  const [choice, setChoice] = useState<Choice>(null);
  const project = useStatus((s) => s.status?.project ?? null);
  return (
    <div className="start">
      <div className="start-card">
        <Logo size={48} />
        <h1>{project ? `Project ${project}` : 'No project open'}</h1>
        <p className="lead">
          A RelayGate project lists the IEDs to read, the points taken from them, and how those points are
          published as Modbus registers and MQTT topics.
        </p>
        <div className="start-actions">
          <button
            type="button"
            className="primary"
            onClick={() => setChoice('new')}
            aria-pressed={choice === 'new'}
          >
            New project
          </button>
          <button type="button" onClick={() => setChoice('open')} aria-pressed={choice === 'open'}>
            Open project
          </button>
        </div>
        {choice ? (
          <div className="notice" role="status">
            <strong>
              {choice === 'new' ? 'New project' : 'Open project'} is not available in this version yet.
            </strong>
            <p>
              Project files, and the editors that fill them, are still being built. Until then the gateway
              service runs without a project: the status bar and the Diagnostics section show it live.
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
