import { existsSync } from 'node:fs';

/** The usual places of a Chromium or Chrome on Linux, macOS and Windows, after RELAYGATE_CHROMIUM. */
const COMMON_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
];

export interface ChromiumLookup {
  /** The browser found, or null. */
  readonly path: string | null;
  /** Every place looked at, in order (for the message when none is found). */
  readonly tried: readonly string[];
}

/**
 * Where a Chromium is: RELAYGATE_CHROMIUM first (when set, it alone counts, so a wrong value is said
 * rather than silently replaced), then the usual install paths.
 */
export function findChromium(env: Readonly<Record<string, string | undefined>>, exists: (p: string) => boolean = existsSync): ChromiumLookup {
  const wanted = env.RELAYGATE_CHROMIUM;
  if (wanted !== undefined && wanted !== '') return { path: exists(wanted) ? wanted : null, tried: [`RELAYGATE_CHROMIUM=${wanted}`] };
  return { path: COMMON_PATHS.find((p) => exists(p)) ?? null, tried: COMMON_PATHS };
}

/** One line for a PDF that cannot be made because no browser was found. */
export function noChromiumMessage(lookup: ChromiumLookup): string {
  const where = lookup.tried[0]?.startsWith('RELAYGATE_CHROMIUM=') ? `${lookup.tried[0]} does not exist` : `none at ${lookup.tried.slice(0, 4).join(', ')} or the other usual places`;
  return `a PDF needs Chromium or Chrome: ${where}; install one (Debian: apt-get install chromium) or set RELAYGATE_CHROMIUM to its path`;
}
