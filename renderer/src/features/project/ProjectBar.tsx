import { useEffect } from 'react';
import { backend } from '../../api';
import { useProject, useSession, useTheme } from '../../stores';
import { saveProject } from './guard';

/** The top bar: the open project with its dirty marker, Save and Save as, and the theme switch. */
export function ProjectBar() {
  const project = useProject((s) => s.project);
  const dirty = useProject((s) => s.dirty);
  const path = useProject((s) => s.path);
  const busy = useProject((s) => s.busy);
  const operator = useSession((s) => s.session?.role === 'operator');
  const theme = useTheme((s) => s.theme);
  const toggle = useTheme((s) => s.toggle);

  useEffect(() => {
    // The browser asks before leaving the page while edits are unsaved.
    const onLeave = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);

  useEffect(() => {
    // In the desktop app the menu owns Ctrl+S and Ctrl+Shift+S (electron/main/app-menu.ts); saving here
    // too could open two Save As dialogs where the page also sees the key.
    if (backend.connection.get().transport === 'ipc') return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && project && operator) {
        e.preventDefault();
        void saveProject(e.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [project, operator]);

  return (
    <div className="project-bar" role="banner">
      <span className="project-name" data-testid="project-name">
        {project ? (
          <>
            {project.name}
            {dirty ? (
              <span className="dirty" title="Unsaved changes" aria-label="unsaved changes">
                {' '}
                ●
              </span>
            ) : null}
            <span className="muted mono"> {path ?? 'not saved yet'}</span>
          </>
        ) : (
          <span className="muted">No project open</span>
        )}
      </span>
      {busy ? <span className="muted" role="status">{busy}</span> : null}
      <span className="spacer" />
      {project && operator ? (
        <>
          <button type="button" onClick={() => void saveProject()} disabled={busy !== null} title="Ctrl+S">
            Save
          </button>
          <button type="button" onClick={() => void saveProject(true)} disabled={busy !== null} title="Ctrl+Shift+S">
            Save as…
          </button>
        </>
      ) : null}
      <button type="button" onClick={toggle} aria-label={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Theme">
        {theme === 'dark' ? '☀ Light' : '☾ Dark'}
      </button>
    </div>
  );
}
