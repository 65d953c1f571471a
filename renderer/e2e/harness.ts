import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { demoProject } from '../../core/cli';
import { writeProjectFile } from '../../core/runtime';
import { Simulator } from '../../core/sim';
import { REPO_ROOT, startBuiltCli, type LongRunning } from '../../core/test/support/cli-process';
import { FEEDER_SCL } from '../../core/test/support/feeder-project';
import { launchChromium } from './browser';

/** Where e2e screenshots go. */
export const SHOTS = join(REPO_ROOT, 'test-output', 'e2e');
/** The screenshots the docs link (written by the screenshot tests, looked at before committing). */
export const DOC_SHOTS = join(REPO_ROOT, 'docs', 'screenshots');

/** A free TCP port on 127.0.0.1 (for the project's Modbus server). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

export interface Ui {
  browser: Browser;
  serve: LongRunning;
  page: Page;
  url: string;
  /** Page errors and console errors/warnings seen so far (a test that expects none checks it). */
  errors: string[];
  /** A screenshot in test-output/e2e; with `docs`, also in docs/screenshots. */
  shot(name: string, options?: { docs?: boolean }): Promise<void>;
  close(): Promise<number | null>;
}

/**
 * The built `relaygate serve` on 127.0.0.1 and a free port, and a headless chromium page on it. Every
 * page error and console error or warning is collected.
 */
export async function startUi(options: { args?: string[]; env?: Record<string, string>; host?: string; viewport?: { width: number; height: number } } = {}): Promise<Ui> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) throw new Error("dist/renderer is missing: run 'npm run build' first (npm test does it)");
  mkdirSync(SHOTS, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const browser = await launchChromium();
  const serve = await startBuiltCli(
    ['serve', '--port', '0', ...(options.host ? ['--host', options.host] : []), ...(options.args ?? [])],
    new RegExp(`^relaygate serve: listening on (https?://${host.replace(/\./g, '\\.')}:\\d+/)$`),
    20_000,
    options.env ?? {},
  );
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  return {
    browser,
    serve,
    page,
    url: serve.match,
    errors,
    shot: async (name, shotOptions) => {
      // The pointer off the page's controls, so no hover colour shows in the picture.
      await page.mouse.move(0, (options.viewport ?? { height: 900 }).height - 1);
      const png = await page.screenshot({ path: join(SHOTS, `${name}.png`) });
      if (shotOptions?.docs) {
        mkdirSync(DOC_SHOTS, { recursive: true });
        writeFileSync(join(DOC_SHOTS, `${name}.png`), png);
      }
    },
    close: async () => {
      await browser.close();
      return serve.stop();
    },
  };
}

export const nav = (page: Page): Locator => page.getByRole('navigation', { name: 'Sections' });

/** Goes to a section by its navigation link and waits for its heading. */
export async function goTo(page: Page, link: string, heading = link): Promise<void> {
  await nav(page).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

/** The live grid's row of a point (by its key `ied/point`). */
export function gridRow(page: Page, key: string): Locator {
  return page.getByRole('table', { name: 'Live point values' }).locator(`[data-key="${key}"]`);
}

/** Text of the value cell of a live grid row. */
export async function gridValue(page: Page, key: string): Promise<string> {
  return (await gridRow(page, key).getByRole('cell').nth(1).textContent()) ?? '';
}

/** Polls until `check` holds, or fails naming what was awaited and the last value seen. */
export async function eventually<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The simulated feeder relay on 127.0.0.1 and a saved project of its essential points (the demo's,
 * with the Modbus server on a free port of 127.0.0.1 and MQTT off), named as given.
 */
export async function feederProjectFile(name: string): Promise<{ sim: Simulator; path: string; port: number }> {
  const sim = await Simulator.start({ scl: FEEDER_SCL });
  const project = await demoProject(FEEDER_SCL, sim.port, await freePort(), 0);
  const path = join(mkdtempSync(join(tmpdir(), 'rg-e2e-')), `${name.replace(/\W+/g, '-').toLowerCase()}.json`);
  await writeProjectFile(path, { ...project, name, mqtt: { ...project.mqtt, enabled: false, embeddedBroker: undefined } });
  return { sim, path, port: sim.port };
}

/** Opens a saved project by its path on the server (start page form) and waits for its heading. */
export async function openProjectByPath(page: Page, path: string, name: string): Promise<void> {
  await page.getByLabel('Path of the project file on the server').fill(path);
  await page.getByRole('form', { name: 'Open project' }).getByRole('button', { name: 'Open project' }).click();
  await page.getByRole('heading', { level: 1, name: `Project ${name}` }).waitFor();
}

/** Opens a saved project by its path on the start page, then starts it on Runtime until every point is ok. */
export async function openAndStart(ui: Ui, path: string, name: string, points: number): Promise<void> {
  const { page } = ui;
  await page.goto(ui.url);
  await openProjectByPath(page, path, name);
  await goTo(page, 'Runtime');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await eventually('all ok', () => page.getByTestId('grid-count').textContent(), (t) => t === `${points} of ${points} points`);
}

/**
 * The feeder simulator, its saved project and the UI, made before the tests of a describe block and
 * stopped after them; `ready` is awaited by the first test (a failed setup fails it with its reason).
 */
export function feederUi(name: string): { readonly ui: Ui; readonly sim: Simulator; readonly path: string; ready(): Promise<void> } {
  let ui: Ui | undefined;
  let sim: Simulator | undefined;
  let path = '';
  let setup: Promise<void> = Promise.resolve();
  beforeAll(() => {
    setup = (async () => {
      ({ sim, path } = await feederProjectFile(name));
      ui = await startUi();
    })();
    return setup.catch(() => undefined);
  });
  afterAll(async () => {
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });
  return {
    get ui() {
      return ui!;
    },
    get sim() {
      return sim!;
    },
    get path() {
      return path;
    },
    ready: () => setup,
  };
}
