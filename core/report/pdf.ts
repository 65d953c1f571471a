import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RelayGateError } from '../shared';

/** Where a Chromium may be: RELAYGATE_CHROMIUM first, then the usual Debian and Chrome paths. */
export function findChromium(env: Readonly<Record<string, string | undefined>> = {}): string | null {
  const candidates = [env.RELAYGATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c)) ?? null;
}

/** Flags for a headless print that touches nothing outside: no network chatter, no profile, no sandbox (root in CI). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--no-pdf-header-footer'];

/**
 * Prints an HTML document to PDF with a headless Chromium (`--print-to-pdf`), in a temporary folder
 * with its own profile, and returns the PDF bytes. The desktop app prints the same HTML with Electron's
 * printToPDF instead.
 */
export async function htmlToPdf(html: string, chromium: string, timeoutMs = 60_000): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'relaygate-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(page, html);
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, pathToFileURL(page).href], { timeout: timeoutMs }, (err, _out, stderr) => {
        if (err) reject(new RelayGateError('report', 'pdf-failed', `${chromium} could not print the report: ${err.message.split('\n')[0]}${stderr ? ` (${stderr.trim().split('\n').pop()})` : ''}`));
        else resolve();
      });
    });
    if (!existsSync(pdf)) throw new RelayGateError('report', 'pdf-failed', `${chromium} printed no PDF`);
    return new Uint8Array(await readFile(pdf));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
