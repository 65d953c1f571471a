import type { ShellCommand } from '../../../../core/contract';
import { hrefOf, sectionFromHash } from '../../sections';

/** What a shell command may do to the page (the real page in the app, fakes in tests). */
export interface ShellTarget {
  operator(): boolean;
  hasProject(): boolean;
  go(hash: string): void;
  focusNewProject(): void;
  chooseProject(): Promise<string | null>;
  /** Opens the file once unsaved edits are dealt with (guardUnsaved). */
  open(path: string): Promise<void>;
  save(as: boolean): Promise<unknown>;
}

/**
 * Carries out what the desktop menu or a second launch asks (the `shellCommand` event): the same
 * actions as the page's own buttons, so unsaved edits are asked about and a viewer changes nothing.
 */
export async function runShellCommand(command: ShellCommand, target: ShellTarget): Promise<void> {
  switch (command.command) {
    case 'section':
      target.go(hrefOf(sectionFromHash(`#/${command.section}`)));
      return;
    case 'new':
      if (!target.operator()) return;
      target.go(hrefOf('start'));
      target.focusNewProject();
      return;
    case 'open': {
      if (!target.operator()) return;
      const path = await target.chooseProject();
      if (path) await openAndShow(path, target);
      return;
    }
    case 'open-path':
      if (target.operator()) await openAndShow(command.path, target);
      return;
    case 'save':
    case 'save-as':
      if (target.operator() && target.hasProject()) await target.save(command.command === 'save-as');
      return;
  }
}

async function openAndShow(path: string, target: ShellTarget): Promise<void> {
  await target.open(path);
  target.go(hrefOf('start'));
}
