import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package; CI installs it (.ci/run). Override with RELAYGATE_CHROMIUM. */
export const CHROMIUM = process.env.RELAYGATE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless chromium with everything that would reach the network on its own switched off. A missing
 * browser fails the run with the fix, rather than skipping the browser tests silently.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser end-to-end tests need Debian's chromium at ${CHROMIUM}: install it with ` +
        `'apt-get install chromium' (.ci/run does), or set RELAYGATE_CHROMIUM to a Chromium binary`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
