import type { WebPreferences } from 'electron';

/**
 * The window's web preferences: the page gets no Node and no Electron, only the preload's typed methods
 * through contextBridge. Kept here, apart from the window code, so a test holds them.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}
