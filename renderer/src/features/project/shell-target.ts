import { api } from '../../api';
import { projectStore, sessionStore } from '../../stores';
import { guardUnsaved, saveProject } from './guard';
import { runShellCommand, type ShellTarget } from './shell-commands';

/** The page itself as a shell target. */
const pageShellTarget: ShellTarget = {
  operator: () => sessionStore.getState().session?.role === 'operator',
  hasProject: () => projectStore.getState().project !== null,
  go: (hash) => {
    window.location.hash = hash;
  },
  focusNewProject: () => requestAnimationFrame(() => document.querySelector<HTMLInputElement>('form[aria-label="New project"] input')?.focus()),
  chooseProject: async () => (await api.chooseFile({ purpose: 'open-project' }).catch(() => ({ path: null }))).path,
  open: (path) => guardUnsaved(() => projectStore.open(path)),
  save: (as) => saveProject(as),
};

/** Follows the desktop shell's commands; a browser never receives any. */
export function followShellCommands(): () => void {
  return api.on('shellCommand', (command) => void runShellCommand(command, pageShellTarget));
}
