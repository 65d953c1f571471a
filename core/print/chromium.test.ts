import { describe, expect, it } from 'vitest';
import { findChromium, noChromiumMessage } from './chromium';

describe('findChromium', () => {
  const only = (...present: string[]) => (p: string): boolean => present.includes(p);

  it('takes RELAYGATE_CHROMIUM when it exists, and says so when it does not (no silent fallback)', () => {
    expect(findChromium({ RELAYGATE_CHROMIUM: '/opt/c/chrome' }, only('/opt/c/chrome', '/usr/bin/chromium')).path).toBe('/opt/c/chrome');
    const missing = findChromium({ RELAYGATE_CHROMIUM: '/opt/none' }, only('/usr/bin/chromium'));
    expect(missing.path).toBeNull();
    expect(noChromiumMessage(missing)).toBe(
      'a PDF needs Chromium or Chrome: RELAYGATE_CHROMIUM=/opt/none does not exist; install one (Debian: apt-get install chromium) or set RELAYGATE_CHROMIUM to its path',
    );
  });

  it('else the first of the usual paths that exists; none: the message names where it looked', () => {
    expect(findChromium({}, only('/usr/bin/google-chrome', '/usr/bin/chromium-browser')).path).toBe('/usr/bin/chromium-browser');
    expect(findChromium({ RELAYGATE_CHROMIUM: '' }, only('/usr/bin/chromium')).path).toBe('/usr/bin/chromium');
    const none = findChromium({}, only());
    expect(none.path).toBeNull();
    expect(noChromiumMessage(none)).toMatch(/^a PDF needs Chromium or Chrome: none at \/usr\/bin\/chromium, \/usr\/bin\/chromium-browser, /);
  });
});
