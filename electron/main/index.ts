import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ShellCommand } from '../../core/contract';
import { secretResolver } from '../../core/project';
import { GatewayService } from '../../core/service';
import { SECTIONS } from '../../renderer/src/sections';
import { eventChannel } from '../ipc-protocol';
import { menuTemplate } from './app-menu';
import { projectPathFromArgv } from './argv';
import { nativeDialogs } from './file-dialogs';
import { electronPdfPrinter, PRINT_PARTITION } from './pdf-printer';
import { safeStorageCipher } from './secret-cipher';
import { secureWebPreferences } from './web-preferences';
import { forwardEvents, ipcHandlerTable, registerIpcHandlers } from './ipc-table';
import { MIN_SIZE, readWindowState, restoreWindowState, trackWindowState, writeWindowState, type WindowState } from './window-state';

/**
 * The desktop face: one window showing the built renderer from files, and the gateway service in this
 * (main) process behind the IPC binding of the contract. The page gets no Node: contextIsolation and
 * sandbox on, nodeIntegration off, and only the preload's typed methods.
 */

// app.getAppPath() is the package root in development (`electron .`) and the app.asar root when packaged.
const appRoot = app.getAppPath();
const rendererDir = join(appRoot, 'dist', 'renderer');
const rendererIndex = join(rendererDir, 'index.html');
const preloadScript = join(appRoot, 'dist', 'electron', 'preload.cjs');
const rendererUrlPrefix = `${pathToFileURL(rendererDir).href}/`;

/** Only our own page, loaded from dist/renderer, may call the service or be navigated to. */
function isOwnPage(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(rendererUrlPrefix);
}

let service: GatewayService | null = null;
let mainWindow: BrowserWindow | null = null;
/** The page has loaded and listens for shell commands. */
let pageReady = false;
/** A project file named on the command line (or by a second launch) before the page could take it. */
let pendingProject = projectPathFromArgv(process.argv, process.cwd(), app.isPackaged);

/** The window's size, position and maximised state, kept across runs in the user's profile. */
const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');

function sendShell(command: ShellCommand): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannel('shellCommand'), command);
}

/** Opens a project file in the page (which asks about unsaved edits first), now or once it has loaded. */
function openProjectFile(path: string): void {
  if (mainWindow && pageReady) sendShell({ command: 'open-path', path });
  else pendingProject = path;
}

function createWindow(saved: WindowState): BrowserWindow {
  const window = new BrowserWindow({
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    width: saved.width,
    height: saved.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'RelayGate',
    backgroundColor: '#f3f5f7',
    show: false,
    webPreferences: secureWebPreferences(preloadScript),
  });
  window.once('ready-to-show', () => {
    if (saved.maximized) window.maximize();
    window.show();
  });
  window.webContents.on('did-finish-load', () => {
    pageReady = true;
    if (pendingProject) sendShell({ command: 'open-path', path: pendingProject });
    pendingProject = null;
  });
  trackWindowState(window, (state) => writeWindowState(windowStateFile(), state), (err) => console.warn(`relaygate: the window state was not saved: ${String(err)}`));
  window.on('closed', () => {
    if (mainWindow === window) {
      mainWindow = null;
      pageReady = false;
    }
  });
  void window.loadFile(rendererIndex);
  return window;
}

function hardenContents(): void {
  // The page never needs a camera, notifications or any other permission, a new window, or another URL.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isOwnPage(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

async function openWindow(): Promise<void> {
  const saved = restoreWindowState(await readWindowState(windowStateFile()), screen.getAllDisplays().map((d) => d.workArea));
  mainWindow = createWindow(saved);
}

async function start(): Promise<void> {
  // Project passwords: safeStorage ciphertext, or environment variables the project names.
  const cipher = safeStorageCipher(safeStorage);
  const gateway = new GatewayService({
    mode: 'desktop',
    version: app.getVersion(),
    cipher,
    secrets: secretResolver(process.env, cipher),
    dialogs: nativeDialogs(dialog, () => mainWindow),
    // The FAT/SAT report's PDF, printed by Electron's own Chromium in a hidden window.
    pdf: electronPdfPrinter((options) => new BrowserWindow(options), session.fromPartition(PRINT_PARTITION)),
  });
  service = gateway;
  registerIpcHandlers(ipcMain, ipcHandlerTable(gateway), (event) => isOwnPage(event.senderFrame?.url));
  forwardEvents(gateway, (channel, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  });
  hardenContents();
  app.setAboutPanelOptions({
    applicationName: 'RelayGate',
    applicationVersion: app.getVersion(),
    copyright: 'Copyright © RelayGate contributors. Apache License 2.0.',
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ dev: !app.isPackaged, platform: process.platform, sections: SECTIONS, send: sendShell })));
  await openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second launch focuses the running window instead of starting a second gateway.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // A second launch (a project file double-clicked while RelayGate runs) focuses this window and
    // opens the file it names here; it never starts a second gateway.
    const path = projectPathFromArgv(argv, workingDirectory, app.isPackaged);
    if (path) openProjectFile(path);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS hands files opened from Finder to the running app as an event, not in argv.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openProjectFile(path);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (service && !mainWindow) void openWindow();
  });
  app.on('will-quit', () => service?.dispose());
  void app.whenReady().then(start);
}
