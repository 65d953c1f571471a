import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../core/contract';

export interface MenuOptions {
  /** Development build (`npm start`): reload and the developer tools are offered. */
  dev: boolean;
  platform: NodeJS.Platform;
  /** The app frame's sections in navigation order (renderer/src/sections.ts). */
  sections: readonly { id: string; label: string }[];
  /** Sends a command to the page, which does the work (and asks about unsaved edits). */
  send: (command: ShellCommand) => void;
}

/**
 * The application menu. File: New, Open, Save, Save As, Quit; View: one entry per section (Ctrl+1...),
 * full screen and zoom, plus reload and the developer tools in development only; Help: About. The
 * shortcuts are the ones the page shows (Ctrl+S, Ctrl+Shift+S); on macOS the app menu holds About and
 * Quit as the platform expects.
 */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { dev, platform, sections, send } = options;
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: '&New project…', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'new' }) },
      { label: '&Open project…', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'open' }) },
      { type: 'separator' },
      { label: '&Save', accelerator: 'CmdOrCtrl+S', click: () => send({ command: 'save' }) },
      { label: 'Save &as…', accelerator: 'CmdOrCtrl+Shift+S', click: () => send({ command: 'save-as' }) },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'E&xit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Start page', accelerator: 'CmdOrCtrl+0', click: () => send({ command: 'section', section: 'start' }) },
      ...sections.slice(0, 9).map(
        (s, i): MenuItemConstructorOptions => ({ label: s.label, accelerator: `CmdOrCtrl+${i + 1}`, click: () => send({ command: 'section', section: s.id }) }),
      ),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(dev ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ role: 'about', label: 'About RelayGate' }] };
  if (mac) return [{ role: 'appMenu' }, file, edit, view, { role: 'windowMenu' }, help];
  return [file, edit, view, help];
}
