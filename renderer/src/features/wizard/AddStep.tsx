import { useState } from 'react';
import type { SecretRef } from '../../../../core/contract';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { projectStore, useProject, useSession } from '../../stores';
import { draftIed, iedIdOf, passwordEnvOf } from './drafts';
import { useWizard, wizardStore } from './store';
import { errorText } from '../../error-text';

interface Entry {
  id: string;
  /** Headless: the environment variable holding the password. */
  env: string;
  /** Desktop: the password itself, stored encrypted. */
  password: string;
}

/**
 * Step 4: each IED's id in the project and where its password comes from (an environment variable
 * headless, safeStorage on the desktop), then the IEDs and their points go into the open project (or a
 * new one). The Modbus map is not touched: auto-assignment is on the Points page, on request.
 */
export function AddStep({ onDone }: { onDone: (message: string) => void }) {
  const ieds = useWizard((s) => s.ieds);
  const project = useProject((s) => s.project);
  const encrypted = useSession((s) => s.session?.encryptedSecrets ?? false);
  const taken = new Set(project?.ieds.map((i) => i.id) ?? []);
  const [entries, setEntries] = useState<Entry[]>(() => {
    const used = new Set(taken);
    return ieds.map((ied) => {
      const base = iedIdOf(ied.name);
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
      used.add(id);
      return { id, env: ied.password ? passwordEnvOf(id) : '', password: ied.password };
    });
  });
  const [projectName, setProjectName] = useState(ieds.map((i) => i.name).join(', ') || 'RelayGate project');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const idError = (i: number): string | null => {
    const id = entries[i]?.id ?? '';
    if (!/^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/.test(id)) return 'letters, digits, _ and -, at most 64, not starting with -';
    if (taken.has(id)) return `the project already has an IED '${id}'`;
    if (entries.findIndex((e) => e.id === id) !== i) return 'two IEDs cannot share an id';
    return null;
  };

  const secretOf = async (e: Entry): Promise<SecretRef | undefined> => {
    if (encrypted) return e.password ? api.protectSecret({ plain: e.password }) : undefined;
    return e.env.trim() ? { env: e.env.trim() } : undefined;
  };

  const add = async () => {
    if (entries.some((_, i) => idError(i))) return setError('fix the IED ids first');
    setBusy(true);
    setError(null);
    try {
      if (!projectStore.getState().project) {
        await projectStore.create(projectName.trim() || 'RelayGate project');
        const failed = projectStore.getState().error;
        if (failed) throw new Error(failed);
      }
      const base = projectStore.getState().project;
      if (!base) throw new Error('no project to add to');
      const drafts = await Promise.all(ieds.map(async (ied, i) => draftIed({ ...ied, selected: ied.selected }, entries[i]?.id ?? ied.name, await secretOf(entries[i] as Entry))));
      const result = await api.addIeds({ project: base, ieds: drafts });
      projectStore.replace(result.project);
      wizardStore.reset();
      onDone(`Added ${result.ieds.join(', ')} with ${result.points} points. Assign Modbus registers here when you are ready (Auto-assign), then start the runtime.`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      {!project ? (
        <Field label="New project name" value={projectName} onChange={(e) => setProjectName(e.currentTarget.value)} hint="No project is open: one is created for these IEDs." />
      ) : (
        <p className="muted">
          Adding to the project <b>{project.name}</b>.
        </p>
      )}
      {ieds.map((ied, i) => {
        const e = entries[i] as Entry;
        const set = (patch: Partial<Entry>) => setEntries(entries.map((x, k) => (k === i ? { ...x, ...patch } : x)));
        return (
          <fieldset key={ied.name} className="ied-entry">
            <legend>
              {ied.name} at {ied.host}:{ied.port} · {ied.selected.size} points
            </legend>
            <div className="form-row">
              <Field label="IED id in the project" value={e.id} error={idError(i)} onChange={(ev) => set({ id: ev.currentTarget.value })} />
              {encrypted ? (
                <Field label="Password (stored encrypted)" type="password" value={e.password} onChange={(ev) => set({ password: ev.currentTarget.value })} hint="Kept with Windows' protection for this user (safeStorage)" />
              ) : (
                <Field
                  label="Password environment variable"
                  value={e.env}
                  placeholder={passwordEnvOf(e.id)}
                  onChange={(ev) => set({ env: ev.currentTarget.value })}
                  hint={ied.password ? 'The project names this variable; set it where relaygate serve or run starts' : 'Leave empty when the IED asks for no password'}
                />
              )}
            </div>
          </fieldset>
        );
      })}
      {error ? <p className="error-text" role="alert">{error}</p> : null}
      <div className="actions">
        <button type="button" onClick={() => wizardStore.setState({ step: 'points' })} disabled={busy}>
          Back
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : `Add ${ieds.length === 1 ? 'the IED' : `${ieds.length} IEDs`} to the project`}
        </button>
      </div>
    </form>
  );
}
