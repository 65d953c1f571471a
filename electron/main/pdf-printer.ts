import type { BrowserWindowConstructorOptions } from 'electron';
import type { PdfPrinter } from '../../core/service';

/** What the printer needs of a BrowserWindow: Electron's own, or a fake in the tests. */
export interface PrintWindow {
  readonly webContents: {
    loadURL(url: string): Promise<void>;
    printToPDF(options: { printBackground: boolean; pageSize: 'A4'; margins: { marginType: 'default' } }): Promise<Uint8Array>;
  };
  destroy(): void;
}

/** What the printer needs of the print window's session: refusing every request that leaves the page. */
export interface PrintSession {
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
  };
}

/** The partition the hidden print windows share: in memory, nothing kept on disk, apart from the app's session. */
export const PRINT_PARTITION = 'relaygate-print';

/**
 * The window a report is printed in: hidden, no JavaScript (the report is static HTML and CSS), no Node, no
 * preload, sandboxed, in its own in-memory session.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      partition: PRINT_PARTITION,
      spellcheck: false,
    },
  };
}

/**
 * The desktop's PDF printer for the FAT/SAT report (issue 12: "a PDF through Electron's printToPDF"): the
 * self-contained HTML is loaded as a data: URL in a hidden window and printed on A4 with its backgrounds.
 * The report references nothing outside itself; any request that is not the data: URL is refused anyway,
 * so a hostile string in a project cannot make the printer fetch. A cancelled job destroys the window.
 */
export function electronPdfPrinter(openWindow: (options: BrowserWindowConstructorOptions) => PrintWindow, printSession: PrintSession): PdfPrinter {
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  return async (html, signal) => {
    signal.throwIfAborted();
    const window = openWindow(printWindowOptions());
    const destroy = (): void => window.destroy();
    signal.addEventListener('abort', destroy, { once: true });
    try {
      await window.webContents.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      signal.throwIfAborted();
      const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4', margins: { marginType: 'default' } });
      signal.throwIfAborted();
      return new Uint8Array(pdf);
    } finally {
      signal.removeEventListener('abort', destroy);
      window.destroy();
    }
  };
}
