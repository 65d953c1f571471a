import { useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { projectStore, sessionStore } from '../../stores';

type Answer = 'save' | 'discard' | 'cancel';

interface Pending {
  kind: 'unsaved' | 'save-as';
  resolve: (answer: Answer | string | null) => void;
}

const pendingStore = createStore<{ pending: Pending | null }>(() => ({ pending: null }));

function ask(kind: Pending['kind']): Promise<Answer | string | null> {
  return new Promise((resolve) => pendingStore.setState({ pending: { kind, resolve } }));
}

/** The path to save a project to: the native dialog on the desktop, a path on the server otherwise. */
export async function askSavePath(): Promise<string | null> {
  const session = sessionStore.getState().session;
  const current = projectStore.getState().path ?? undefined;
  if (session?.fileDialogs) return (await api.chooseFile({ purpose: 'save-project', ...(current ? { defaultPath: current } : {}) })).path;
  const answer = await ask('save-as');
  return typeof answer === 'string' && answer !== 'cancel' ? answer : null;
}

/** Saves to the project's path, asking for one first when it has none (or when `as` is set). */
export async function saveProject(as = false): Promise<boolean> {
  const { path } = projectStore.getState();
  const target = as || !path ? await askSavePath() : path;
  if (!target) return false;
  return projectStore.save(target);
}

/**
 * Runs `action` once unsaved changes are dealt with: saved, discarded, or the action cancelled.
 * Nothing is lost without the user saying so.
 */
export async function guardUnsaved(action: () => void | Promise<unknown>): Promise<void> {
  if (projectStore.getState().dirty) {
    const answer = await ask('unsaved');
    if (answer === 'cancel' || answer === null) return;
    if (answer === 'save' && !(await saveProject())) return;
  }
  await action();
}

/** The dialogs guardUnsaved and askSavePath open, rendered once in the app frame. */
export function GuardDialogs() {
  const pending = useStore(pendingStore, (s) => s.pending);
  const name = useStore(projectStore, (s) => s.project?.name ?? 'the project');
  const [path, setPath] = useState('');
  const answer = (a: Answer | string | null) => {
    pending?.resolve(a);
    pendingStore.setState({ pending: null });
  };
  return (
    <>
      <Dialog
        title="Unsaved changes"
        open={pending?.kind === 'unsaved'}
        onClose={() => answer('cancel')}
        actions={
          <>
            <button type="button" onClick={() => answer('cancel')}>
              Cancel
            </button>
            <button type="button" onClick={() => answer('discard')}>
              Discard changes
            </button>
            <button type="button" className="primary" onClick={() => answer('save')}>
              Save
            </button>
          </>
        }
      >
        <p>{name} has changes that are not saved. Save them first?</p>
      </Dialog>
      <Dialog
        title="Save the project as"
        open={pending?.kind === 'save-as'}
        onClose={() => answer(null)}
        actions={
          <>
            <button type="button" onClick={() => answer(null)}>
              Cancel
            </button>
            <button type="submit" form="save-as-form" className="primary" disabled={!path.trim()}>
              Save
            </button>
          </>
        }
      >
        <form
          id="save-as-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) answer(path.trim());
          }}
        >
          <Field label="File path on the server" value={path} onChange={(e) => setPath(e.currentTarget.value)} placeholder="/srv/relaygate/station.json" autoFocus hint="The service writes it atomically; an existing newer or unreadable file is never replaced." />
        </form>
      </Dialog>
    </>
  );
}
