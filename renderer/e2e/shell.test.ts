import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, startBuiltCli, type LongRunning } from '../../core/test/support/cli-process';
import { launchChromium } from './browser';

const SHOTS = join(REPO_ROOT, 'test-output', 'e2e');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** Every section of the navigation, with the heading its page must show. */
const SECTIONS = [
  { link: 'IEDs', heading: 'IEDs', hash: '#/ieds', empty: 'No IEDs configured' },
  { link: 'Points', heading: 'Points', hash: '#/points', empty: 'No project open' },
  { link: 'Runtime', heading: 'Runtime', hash: '#/runtime', empty: null },
  { link: 'Trends', heading: 'Trends', hash: '#/trends', empty: null },
  { link: 'Modbus', heading: 'Modbus TCP server', hash: '#/modbus', empty: 'No project open' },
  { link: 'MQTT', heading: 'MQTT publisher', hash: '#/mqtt', empty: 'No project open' },
  { link: 'Diagnostics', heading: 'Diagnostics', hash: '#/diagnostics', empty: null },
  { link: 'Commissioning', heading: 'Commissioning', hash: '#/commissioning', empty: 'No project open' },
];

/** `Uptime 1:02:03` → 3723. */
function seconds(text: string): number {
  return text
    .replace('Uptime ', '')
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

describe('the UI in Debian chromium against relaygate serve', () => {
  let serve: LongRunning | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url: string;
  const pageErrors: string[] = [];

  /**
   * Started once; every test awaits it, so a missing chromium or build fails each test with the reason
   * (counted as failures by npm test) instead of skipping them.
   */
  let setup: Promise<void>;
  beforeAll(() => {
    setup = start();
    return setup.catch(() => undefined);
  });
  beforeEach(() => setup);

  async function start(): Promise<void> {
    if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
      throw new Error("dist/renderer is missing: run 'npm run build' first (npm test does it)");
    }
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    serve = await startBuiltCli(
      ['serve', '--port', '0'],
      /^relaygate serve: listening on (http:\/\/127\.0\.0\.1:\d+\/)$/,
    );
    url = serve.match;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => pageErrors.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') pageErrors.push(`console ${m.type()}: ${m.text()}`);
    });
  }

  afterAll(async () => {
    await browser?.close();
    if (serve) expect(await serve.stop()).toBe(0);
  });

  const nav = () => page.getByRole('navigation', { name: 'Sections' });
  const statusBar = () => page.getByRole('contentinfo', { name: 'Status bar' });

  it('renders the shell with the live status from the service', async () => {
    await page.goto(url);
    await nav().waitFor();
    await statusBar().getByText('Connected', { exact: true }).waitFor();
    await statusBar().getByText(`RelayGate ${VERSION} · serve`, { exact: true }).waitFor();
    expect(await statusBar().getByTestId('runtime-state').textContent()).toBe('Runtime: idle');
    expect(await statusBar().getByTestId('project').textContent()).toBe('No project open');

    // statusChanged arrives once a second: the uptime shown must move on without a reload.
    const uptime = statusBar().getByTestId('uptime');
    const first = (await uptime.textContent()) ?? '';
    expect(first).toMatch(/^Uptime \d+:\d\d:\d\d$/);
    await uptime.filter({ hasNotText: first }).waitFor();
    const later = (await uptime.textContent()) ?? '';
    expect(later).toMatch(/^Uptime \d+:\d\d:\d\d$/);
    expect(seconds(later)).toBeGreaterThan(seconds(first));
  });

  it('creates a new project, marks it unsaved, and asks before closing it unsaved', async () => {
    await page.getByRole('heading', { level: 1, name: 'No project open' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'start.png') });
    await page.getByRole('form', { name: 'Open project' }).getByRole('button', { name: 'Open project' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Shell test');
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Project Shell test' }).waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe('Shell test ● not saved yet');
    await page.getByRole('button', { name: 'Close project' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
    await dialog.waitFor();
    await page.screenshot({ path: join(SHOTS, 'start-unsaved.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Project Shell test' }).waitFor();
    await page.getByRole('button', { name: 'Close project' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'No project open' }).waitFor();
  });

  it('refuses to open a file that is not there, saying which and why', async () => {
    await page.getByLabel('Path of the project file on the server').fill('/nonexistent/relaygate/none.json');
    await page.getByRole('form', { name: 'Open project' }).getByRole('button', { name: 'Open project' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('/nonexistent/relaygate/none.json');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('navigates to every section by role and shows its heading', async () => {
    for (const section of SECTIONS) {
      const link = nav().getByRole('link', { name: section.link, exact: true });
      await link.click();
      await page.getByRole('heading', { level: 1, name: section.heading, exact: true }).waitFor();
      expect(await link.getAttribute('aria-current')).toBe('page');
      expect(new URL(page.url()).hash).toBe(section.hash);
      if (section.empty) await page.getByRole('heading', { level: 2, name: section.empty }).waitFor();
      if (section.link === 'Diagnostics') {
        await page.getByRole('cell', { name: `RelayGate ${VERSION} started in serve mode` }).waitFor();
      }
      await page.screenshot({ path: join(SHOTS, `${section.hash.slice(2)}.png`) });
    }
    await page.getByRole('link', { name: 'RelayGate' }).click();
    await page.getByRole('heading', { level: 1, name: 'No project open' }).waitFor();
  });

  it('shows the service status on the Runtime page, and Start waits for a project', async () => {
    await nav().getByRole('link', { name: 'Runtime' }).click();
    await page.getByText(new RegExp(`^Runtime idle · service up \\d+:\\d\\d:\\d\\d · serve ${VERSION.replace(/\./g, '\\.')}$`)).waitFor();
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByTestId('start-blocked').textContent()).toContain('Open or create a project first.');
  });

  it('filters the diagnostics log by level, source and text', async () => {
    await nav().getByRole('link', { name: 'Diagnostics' }).click();
    const started = page.getByRole('cell', { name: `RelayGate ${VERSION} started in serve mode` });
    await started.waitFor();
    const level = page.getByRole('combobox', { name: 'Level' });
    await level.selectOption({ label: 'Errors only' });
    await page.getByText('No entry passes the filter.').waitFor();
    expect(await started.count()).toBe(0);
    await level.selectOption({ label: 'All levels' });
    await started.waitFor();
    const text = page.getByRole('searchbox', { name: 'Filter the log by text' });
    await text.fill('SERVING ui');
    await page.getByRole('cell', { name: /^serving UI and API on http/ }).waitFor();
    expect(await started.count()).toBe(0);
    await text.fill('');
    await page.getByRole('combobox', { name: 'Source' }).selectOption('service');
    await started.waitFor();
  });

  it('logged no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });

  it('shows a lost connection in the status bar and keeps the last status', async () => {
    // Last: stopping the service makes chromium log failed reconnection attempts.
    expect(await serve?.stop()).toBe(0);
    await statusBar()
      .getByText(/^Disconnected, retrying in \d+ s$/)
      .waitFor();
    expect(await statusBar().getByTestId('version').textContent()).toBe(`RelayGate ${VERSION} · serve`);
    await page.screenshot({ path: join(SHOTS, 'disconnected.png') });
  });
});
