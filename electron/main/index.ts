import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { secretResolver } from '../../core/project';
import { GatewayService } from '../../core/service';
import { nativeDialogs } from './file-dialogs';
import { safeStorageCipher } from './secret-cipher';
import { forwardEvents, ipcHandlerTable, registerIpcHandlers } from './ipc-table';

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

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    title: 'RelayGate',
    backgroundColor: '#f3f5f7',
    show: false,
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
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

function start(): void {
  // Project passwords: safeStorage ciphertext, or environment variables the project names.
  const cipher = safeStorageCipher(safeStorage);
  const gateway = new GatewayService({
    mode: 'desktop',
    version: app.getVersion(),
    cipher,
    secrets: secretResolver(process.env, cipher),
    dialogs: nativeDialogs(dialog, () => mainWindow),
  });
  service = gateway;
  registerIpcHandlers(ipcMain, ipcHandlerTable(gateway), (event) => isOwnPage(event.senderFrame?.url));
  forwardEvents(gateway, (channel, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  });
  hardenContents();
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second launch focuses the running window instead of starting a second gateway.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (service && !mainWindow) mainWindow = createWindow();
  });
  app.on('will-quit', () => service?.dispose());
  void app.whenReady().then(start);
}
