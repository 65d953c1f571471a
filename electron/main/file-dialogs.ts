import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../../core/service';
import { PROJECT_EXTENSIONS } from './argv';

const FILTERS = {
  project: [{ name: 'RelayGate project', extensions: [...PROJECT_EXTENSIONS] }],
  scl: [{ name: 'SCL (SCD, CID, ICD, IID)', extensions: ['scd', 'cid', 'icd', 'iid', 'ssd', 'sed', 'xml'] }],
  pem: [{ name: 'PEM', extensions: ['pem', 'crt', 'key'] }],
};

/** Native open and save dialogs, parented to the window. */
export function nativeDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | null): FileDialogs {
  return {
    async choose(purpose, defaultPath) {
      const parent = window();
      const base = defaultPath ? { defaultPath } : {};
      if (purpose === 'save-project') {
        const options = { ...base, title: 'Save the project as', filters: FILTERS.project };
        const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      }
      const filters = purpose === 'open-project' ? FILTERS.project : purpose === 'open-scl' ? FILTERS.scl : FILTERS.pem;
      const options = { ...base, properties: ['openFile' as const], filters };
      const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
