import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChannelResult, Project } from '../../../core/contract';
import type { Backend } from '../api/backend';
import { errorText } from '../error-text';

export type MapCheck = ChannelResult<'modbusMap'>;

/** Where recent project paths are kept (the browser's localStorage; a Map in tests). */
export interface RecentStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const RECENT_KEY = 'relaygate.recentProjects';
const MAX_RECENT = 10;

export interface ProjectState {
  /** The project as edited; null when none is open. */
  project: Project | null;
  /** The file it was opened from or last saved to; null for a new project never saved. */
  path: string | null;
  /** Edited since it was opened or saved. */
  dirty: boolean;
  /** What is being done now (`Opening …`), for a progress line; null when idle. */
  busy: string | null;
  /** The last failure, as one line that says what to do. */
  error: string | null;
  /** The Modbus map's problems and CSV for the project as edited; null until checked. */
  mapCheck: MapCheck | null;
  /** The project changed since mapCheck was made: exports and Start wait for the next check. */
  mapStale: boolean;
  recent: string[];
  /** A message for the user after a change made elsewhere (the wizard added IEDs); null when none. */
  notice: string | null;
}

export interface ProjectStore extends StoreApi<ProjectState> {
  create(name: string): Promise<void>;
  open(path: string): Promise<boolean>;
  /** Saves to `path`, or to the path it has; false (with `error` set) when it could not. */
  save(path?: string): Promise<boolean>;
  /** Replaces the project with an edited copy and marks it dirty; the Modbus map is checked again. */
  edit(change: (project: Project) => Project): void;
  /** Takes a project the service returned for an edit (addIeds, autoAssignModbus). */
  replace(project: Project): void;
  close(): void;
  checkMap(): Promise<void>;
  clearError(): void;
  dispose(): void;
}

/**
 * The open project as the UI edits it. The service validates and writes it (saveProject), checks its
 * Modbus map (modbusMap: overlaps, ranges, with the rows named) after each edit, and runs it as edited
 * (startRuntime with the project). Recent paths are remembered in this browser or window.
 */
export function createProjectStore(backend: Backend, storage: RecentStorage | null, checkDelayMs = 250): ProjectStore {
  const readRecent = (): string[] => {
    try {
      const list: unknown = JSON.parse(storage?.getItem(RECENT_KEY) ?? '[]');
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  };
  const store = createStore<ProjectState>(() => ({ project: null, path: null, dirty: false, busy: null, error: null, mapCheck: null, mapStale: false, recent: readRecent(), notice: null }));
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let checkSeq = 0;

  const remember = (path: string): void => {
    const recent = [path, ...store.getState().recent.filter((p) => p !== path)].slice(0, MAX_RECENT);
    storage?.setItem(RECENT_KEY, JSON.stringify(recent));
    store.setState({ recent });
  };

  const scheduleCheck = (): void => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(() => void checkMap(), checkDelayMs);
  };

  async function checkMap(): Promise<void> {
    const { project } = store.getState();
    if (!project) return;
    const seq = ++checkSeq;
    try {
      const mapCheck = await backend.api.modbusMap({ project });
      // An answer for an older edit must not replace the newer one's.
      if (seq === checkSeq) store.setState({ mapCheck, mapStale: false });
    } catch (err) {
      if (seq === checkSeq) store.setState({ mapCheck: null, mapStale: false, error: `the Modbus map could not be checked: ${errorText(err)}` });
    }
  }

  const run = async (busy: string, work: () => Promise<void>): Promise<boolean> => {
    store.setState({ busy, error: null });
    try {
      await work();
      return true;
    } catch (err) {
      store.setState({ error: errorText(err) });
      return false;
    } finally {
      store.setState({ busy: null });
    }
  };

  const take = (project: Project, path: string | null, dirty: boolean): void => {
    store.setState({ project, path, dirty, mapCheck: null, mapStale: true });
    void checkMap();
  };

  return Object.assign(store, {
    create: async (name: string) => {
      await run(`Creating ${name}…`, async () => take(await backend.api.newProject({ name }), null, true));
    },
    open: (path: string) =>
      run(`Opening ${path}…`, async () => {
        const opened = await backend.api.openProject({ path });
        take(opened.project, opened.path, opened.migrated);
        remember(opened.path);
      }),
    save: (path?: string) => {
      const { project, path: current } = store.getState();
      const target = path ?? current;
      if (!project) return Promise.resolve(false);
      if (!target) {
        store.setState({ error: 'the project has never been saved: give it a file name (Save as)' });
        return Promise.resolve(false);
      }
      return run(`Saving ${target}…`, async () => {
        const saved = await backend.api.saveProject({ project, path: target });
        store.setState({ path: saved.path, dirty: false });
        remember(saved.path);
      });
    },
    edit: (change: (project: Project) => Project) => {
      const { project } = store.getState();
      if (!project) return;
      store.setState({ project: change(project), dirty: true, mapStale: true });
      scheduleCheck();
    },
    replace: (project: Project) => {
      store.setState({ project, dirty: true, mapStale: true });
      scheduleCheck();
    },
    close: () => store.setState({ project: null, path: null, dirty: false, mapCheck: null, mapStale: false, error: null }),
    checkMap,
    clearError: () => store.setState({ error: null }),
    dispose: () => clearTimeout(checkTimer),
  });
}
