import { RelayGateError, errorMessage } from '../shared';
import { findChromium, noChromiumMessage } from './chromium';

/** Everything that would reach the network on its own switched off; no sandbox (CI runs as root). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface PrintOptions {
  /** Stops the print (the browser is closed). */
  readonly signal?: AbortSignal;
  /** Whole print, browser start included (default 60 s). */
  readonly timeoutMs?: number;
}

/**
 * Prints a self-contained HTML document to PDF in a headless Chromium driven by playwright-core: the
 * page is set from the string (no file, no server), every request it would make is refused, and the
 * document's own @page rule (size, margins) decides the paper. The desktop app prints the same HTML
 * with Electron's printToPDF instead. playwright-core is loaded only here, when a PDF is asked for.
 */
export async function printPdf(html: string, chromium: string, options: PrintOptions = {}): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { chromium: launcher } = await import('playwright-core');
  let browser;
  try {
    browser = await launcher.launch({ executablePath: chromium, headless: true, args: FLAGS, timeout: timeoutMs });
  } catch (err) {
    throw new RelayGateError('print', 'launch-failed', `${chromium} could not be started to print the PDF: ${firstLine(err)}`);
  }
  const abort = (): void => void browser.close().catch(() => undefined);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    options.signal?.throwIfAborted();
    const page = await browser.newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(timeoutMs);
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    return new Uint8Array(pdf);
  } catch (err) {
    options.signal?.throwIfAborted();
    throw new RelayGateError('print', 'print-failed', `${chromium} could not print the PDF: ${firstLine(err)}`);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await browser.close().catch(() => undefined);
  }
}

function firstLine(err: unknown): string {
  return errorMessage(err).split('\n')[0] ?? '';
}

/**
 * A printer for hosts (`relaygate serve`, `demo`): the Chromium is looked up at each print, so one
 * installed after the host started is found; none is an error that says where it looked.
 */
export function chromiumPrinter(env: Readonly<Record<string, string | undefined>>): (html: string, signal: AbortSignal) => Promise<Uint8Array> {
  return async (html, signal) => {
    const lookup = findChromium(env);
    if (!lookup.path) throw new RelayGateError('print', 'no-chromium', noChromiumMessage(lookup));
    return printPdf(html, lookup.path, { signal });
  };
}
