import { describe, expect, it } from 'vitest';
import { electronPdfPrinter, printWindowOptions, type PrintSession, type PrintWindow } from './pdf-printer';

interface Fake {
  window: PrintWindow;
  loaded: string[];
  destroyed: number;
}

function fakeWindow(pdf: Uint8Array, loadGate?: Promise<void>): Fake {
  const fake: Fake = {
    loaded: [],
    destroyed: 0,
    window: {
      webContents: {
        loadURL: async (url) => {
          fake.loaded.push(url);
          await loadGate;
        },
        printToPDF: async () => pdf,
      },
      destroy: () => {
        fake.destroyed++;
      },
    },
  };
  return fake;
}

function fakeSession(): { session: PrintSession; decide: (url: string) => boolean } {
  let listener: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
  return {
    session: { webRequest: { onBeforeRequest: (l) => (listener = l) } },
    decide: (url) => {
      let cancel: boolean | undefined;
      listener?.({ url }, (r) => (cancel = r.cancel));
      if (cancel === undefined) throw new Error('the listener did not answer');
      return cancel;
    },
  };
}

describe('the desktop PDF printer', () => {
  it('prints the report loaded as a data: URL in a hidden window without JavaScript, then destroys the window', async () => {
    const fake = fakeWindow(Uint8Array.of(0x25, 0x50, 0x44, 0x46));
    const opened: unknown[] = [];
    const { session } = fakeSession();
    const print = electronPdfPrinter((o) => (opened.push(o), fake.window), session);
    const pdf = await print('<!doctype html><title>FAT</title><p>Pos # 100%</p>', new AbortController().signal);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF');
    expect(fake.loaded).toHaveLength(1);
    expect(decodeURIComponent(fake.loaded[0]!.replace(/^data:text\/html;charset=utf-8,/, ''))).toBe('<!doctype html><title>FAT</title><p>Pos # 100%</p>');
    expect(fake.destroyed).toBe(1);
    expect(opened[0]).toEqual(printWindowOptions());
    expect(printWindowOptions().show).toBe(false);
    expect(printWindowOptions().webPreferences).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false, contextIsolation: true });
  });

  it('refuses every request that is not the report itself', () => {
    const { session, decide } = fakeSession();
    electronPdfPrinter(() => fakeWindow(new Uint8Array()).window, session);
    expect(decide('data:text/html;charset=utf-8,x')).toBe(false);
    expect(decide('https://example.com/logo.png')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('a cancelled job destroys the window and prints nothing', async () => {
    let release!: () => void;
    const fake = fakeWindow(Uint8Array.of(1), new Promise<void>((r) => (release = r)));
    const print = electronPdfPrinter(() => fake.window, fakeSession().session);
    const abort = new AbortController();
    const printing = print('<p>x</p>', abort.signal);
    abort.abort(new Error('cancelled by the user'));
    release();
    await expect(printing).rejects.toThrow('cancelled by the user');
    expect(fake.destroyed).toBeGreaterThanOrEqual(1);
  });
});
