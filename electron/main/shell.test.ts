import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ShellCommand } from '../../core/contract';
import { SECTIONS } from '../../renderer/src/sections';
import { menuTemplate } from './app-menu';
import { projectPathFromArgv } from './argv';
import { DEFAULT_WINDOW, readWindowState, restoreWindowState, trackWindowState, writeWindowState, type Rect, type WindowState } from './window-state';

const screen: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1040 }];

describe('window state', () => {
  it('restores saved bounds that are on a display', () => {
    expect(restoreWindowState({ x: 100, y: 50, width: 1400, height: 900, maximized: true }, screen)).toEqual({ x: 100, y: 50, width: 1400, height: 900, maximized: true });
  });

  it('drops a position no display shows any more (a second monitor unplugged), keeping the size', () => {
    expect(restoreWindowState({ x: 2500, y: 100, width: 1200, height: 700, maximized: false }, screen)).toEqual({ width: 1200, height: 700, maximized: false });
    // The title bar above the top of the screen cannot be grabbed either.
    expect(restoreWindowState({ x: 10, y: -300, width: 1200, height: 700 }, screen)).toEqual({ width: 1200, height: 700, maximized: false });
    // On the second display, it is kept.
    expect(restoreWindowState({ x: 2500, y: 100, width: 1200, height: 700 }, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2500, y: 100 });
  });

  it('keeps sizes between the minimum and the largest display, and reads junk as the default', () => {
    expect(restoreWindowState({ width: 300, height: 100 }, screen)).toEqual({ width: 900, height: 560, maximized: false });
    expect(restoreWindowState({ width: 9000, height: 9000 }, screen)).toEqual({ width: 1920, height: 1040, maximized: false });
    for (const junk of [null, 'x', 42, [], { width: '1200', height: 1.5, x: 'a', maximized: 'yes' }]) {
      expect(restoreWindowState(junk, screen)).toEqual(DEFAULT_WINDOW);
    }
  });

  it('writes the state file atomically (no temporary file left) and reads it back; a broken file reads as null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rg-window-'));
    const file = join(dir, 'sub', 'window-state.json');
    const state: WindowState = { x: 5, y: 6, width: 1000, height: 700, maximized: false };
    await writeWindowState(file, state);
    await writeWindowState(file, { ...state, maximized: true });
    expect(await readWindowState(file)).toEqual({ ...state, maximized: true });
    expect(readdirSync(join(dir, 'sub'))).toEqual(['window-state.json']);
    writeFileSync(file, '{"width": 10');
    expect(await readWindowState(file)).toBeNull();
    expect(await readWindowState(join(dir, 'missing.json'))).toBeNull();
  });

  describe('tracking a window', () => {
    afterEach(() => vi.useRealTimers());

    class FakeWindow extends EventEmitter {
      bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 };
      maximized = false;
      getNormalBounds = () => this.bounds;
      isMaximized = () => this.maximized;
    }

    it('saves once after moves and resizes settle, and at once on close, with the normal bounds when maximised', async () => {
      vi.useFakeTimers();
      const window = new FakeWindow();
      const saved: WindowState[] = [];
      trackWindowState(window, async (s) => void saved.push(s), () => undefined, 500);
      window.emit('move');
      window.bounds = { x: 30, y: 40, width: 1100, height: 720 };
      window.emit('resize');
      await vi.advanceTimersByTimeAsync(499);
      expect(saved).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(saved).toEqual([{ x: 30, y: 40, width: 1100, height: 720, maximized: false }]);
      window.maximized = true;
      window.emit('maximize');
      window.emit('close');
      expect(saved[1]).toEqual({ x: 30, y: 40, width: 1100, height: 720, maximized: true });
      await vi.advanceTimersByTimeAsync(1000);
      expect(saved).toHaveLength(2);
    });

    it('reports a failed write instead of throwing', async () => {
      const window = new FakeWindow();
      const errors: unknown[] = [];
      trackWindowState(window, () => Promise.reject(new Error('EROFS')), (e) => errors.push(e));
      window.emit('close');
      await new Promise((r) => setTimeout(r, 0));
      expect(String(errors[0])).toBe('Error: EROFS');
    });
  });
});

describe('the project a launch names', () => {
  it('takes the first project file after the executable (packaged) or the app folder (development)', () => {
    expect(projectPathFromArgv(['C:\\RelayGate\\RelayGate.exe', '/data/bay1.rgproj'], '/home/u', true)).toBe('/data/bay1.rgproj');
    expect(projectPathFromArgv(['/usr/bin/electron', '.', 'projects/bay1.json'], '/work', false)).toBe('/work/projects/bay1.json');
    expect(projectPathFromArgv(['/usr/bin/electron', '.'], '/work', false)).toBeNull();
    expect(projectPathFromArgv(['RelayGate.exe'], '/work', true)).toBeNull();
  });

  it('skips switches a second instance passes, and arguments that are not project files', () => {
    const argv = ['RelayGate.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'notes.txt', 'Station A.RGPROJ'];
    expect(projectPathFromArgv(argv, '/d', true)).toBe('/d/Station A.RGPROJ');
    expect(projectPathFromArgv(['RelayGate.exe', '--inspect', 'readme'], '/d', true)).toBeNull();
  });
});

describe('the application menu', () => {
  const sent: ShellCommand[] = [];
  const items = (menu: MenuItemConstructorOptions[]) => menu.flatMap((m) => [m, ...((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
  const find = (menu: MenuItemConstructorOptions[], label: string) => items(menu).find((i) => i.label === label);
  const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

  it('has File with New, Open, Save, Save As and Exit, their shortcuts sending the page its commands', () => {
    sent.length = 0;
    const menu = menuTemplate({ dev: false, platform: 'win32', sections: SECTIONS, send: (c) => sent.push(c) });
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', 'help']);
    const shortcuts = ((menu[0]?.submenu as MenuItemConstructorOptions[]) ?? []).filter((i) => i.type !== 'separator').map((i) => [i.label, i.accelerator]);
    expect(shortcuts).toEqual([
      ['&New project…', 'CmdOrCtrl+N'],
      ['&Open project…', 'CmdOrCtrl+O'],
      ['&Save', 'CmdOrCtrl+S'],
      ['Save &as…', 'CmdOrCtrl+Shift+S'],
      ['E&xit', 'Ctrl+Q'],
    ]);
    for (const label of ['&New project…', '&Open project…', '&Save', 'Save &as…']) click(find(menu, label));
    expect(sent).toEqual([{ command: 'new' }, { command: 'open' }, { command: 'save' }, { command: 'save-as' }]);
    expect(find(menu, 'E&xit')?.role).toBe('quit');
  });

  it('has one View entry per section with Ctrl+1..., and reload and devtools in development only', () => {
    sent.length = 0;
    const release = menuTemplate({ dev: false, platform: 'linux', sections: SECTIONS, send: (c) => sent.push(c) });
    const modbus = find(release, 'Modbus');
    expect(modbus?.accelerator).toBe(`CmdOrCtrl+${SECTIONS.findIndex((s) => s.id === 'modbus') + 1}`);
    click(modbus);
    click(find(release, 'Start page'));
    expect(sent).toEqual([
      { command: 'section', section: 'modbus' },
      { command: 'section', section: 'start' },
    ]);
    const roles = (menu: MenuItemConstructorOptions[]) => items(menu).map((i) => i.role).filter(Boolean);
    expect(roles(release)).not.toContain('toggleDevTools');
    expect(roles(release)).not.toContain('reload');
    expect(roles(release)).toContain('about');
    const dev = menuTemplate({ dev: true, platform: 'linux', sections: SECTIONS, send: () => undefined });
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('follows macOS: the app menu holds About and Quit, File has no Exit', () => {
    const menu = menuTemplate({ dev: false, platform: 'darwin', sections: SECTIONS, send: () => undefined });
    expect(menu[0]?.role).toBe('appMenu');
    expect(find(menu, 'E&xit')).toBeUndefined();
  });
});
