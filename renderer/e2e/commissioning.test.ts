import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '../../core/contract';
import { compileRegisterMap, mapCsv } from '../../core/outputs';
import type { Simulator } from '../../core/sim';
import { parseHtml, sectionRows } from '../../core/test/support/html-check';
import { eventually, feederProjectFile, feederUi, goTo, openProjectByPath, startUi, type Ui } from './harness';

/**
 * The Commissioning page in chromium against `relaygate serve` and the simulated feeder relay: the
 * point-to-point check run from the page (progress, Cancel, every row passing, the failed-only filter),
 * and the FAT report exported from it (the downloads captured: valid HTML holding every probed point with
 * the values the simulator serves and the check's checklist, and a PDF that pdftoppm renders). A host
 * without Chromium says why there is no PDF. Screenshots in both themes go to docs/screenshots.
 */
const TOTW_TIME = '2026-05-06T07:08:09.500Z';
const ring = `(() => { const el = document.activeElement; const s = getComputedStyle(el); return [el.textContent, s.outlineStyle, s.outlineWidth]; })()`;
const rows = (page: Page) => page.getByRole('table', { name: 'Point-to-point check' }).locator('tbody tr');

describe('commissioning: the point-to-point check and the FAT report', () => {
  const feeder = feederUi('Feeder bay 1');
  let ui: Ui;
  let sim: Simulator;
  let project: Project;

  it('opens the feeder project', async () => {
    await feeder.ready();
    ({ ui, sim } = feeder);
    project = ProjectSchema.parse(JSON.parse(readFileSync(feeder.path, 'utf8')));
    expect(project.points).toHaveLength(28);
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 7.5, time: TOTW_TIME });
    await ui.page.goto(ui.url);
    await openProjectByPath(ui.page, feeder.path, 'Feeder bay 1');
    await goTo(ui.page, 'Commissioning');
  });

  it('cancels a running check from the page, and says so', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Run point-to-point check' }).click();
    const job = page.getByTestId('commissioning-job');
    await job.getByRole('progressbar', { name: 'Checking 28 points of Feeder bay 1' }).waitFor();
    // Both buttons wait while a job runs.
    expect(await page.getByRole('button', { name: 'Export FAT report' }).isDisabled()).toBe(true);
    await job.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alert').getByText('The check was cancelled: nothing was kept from it.').waitFor();
    await job.waitFor({ state: 'detached' });
    expect(await page.getByRole('table', { name: 'Point-to-point check' }).count()).toBe(0);
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
  }, 60_000);

  it('runs the check by keyboard, shows its progress, and every point of the feeder passes', async () => {
    const { page } = ui;
    // Arriving on the page puts the focus on its content; the first Tab reaches the check's button.
    await goTo(page, 'Runtime');
    await goTo(page, 'Commissioning');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(ring)).toEqual(['Run point-to-point check', 'solid', '2px']);
    await page.keyboard.press('Enter');
    const bar = page.getByTestId('commissioning-job').getByRole('progressbar');
    await bar.waitFor();
    // The phases come through as jobProgress: a step names its quality, with points seen of 28.
    await eventually('a step in the progress', async () => (await bar.getAttribute('aria-valuetext')) ?? '', (t) => /^step (good|invalid|test)/.test(t), 60_000);
    expect(await bar.getAttribute('aria-valuemax')).toBe('28');
    await page.getByTestId('verify-summary').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('verify-summary').textContent()).toBe('Passed: 28 of 28 points passed');
    expect(await rows(page).count()).toBe(28);
    expect(await page.locator('tr[data-result="pass"]').count()).toBe(28);
    const served = (await page.getByRole('list', { name: 'IEDs simulated' }).textContent()) ?? '';
    expect(served).toMatch(/^IED FDR1 simulated from SCL .+, IED FDR1 at 127\.0\.0\.1:\d+$/);
    const totW = page.locator('tr[data-key="FDR1/' + project.points.find((p) => p.ref.startsWith("FDR1MEAS/MMXU1.TotW"))!.id + '"]');
    expect(await totW.getByRole('cell').nth(0).textContent()).toMatch(/^pass\d+ checks$/);
    expect(await totW.getByRole('cell').nth(2).textContent()).toMatch(/^holding \d+-\d+ \(4\d{4}-4\d{4}\) float32 [A-D]{4}\d+ · \d+ · \d+ ms$/);
    // Failed-only: nothing failed, so no row, and the page says why.
    await page.getByRole('checkbox', { name: 'Only the rows that did not pass' }).check();
    expect(await rows(page).count()).toBe(0);
    await page.getByText('Every point passed: no row to show with this filter.').waitFor();
    await page.getByRole('checkbox', { name: 'Only the rows that did not pass' }).uncheck();
    expect(await rows(page).count()).toBe(28);
  }, 120_000);

  it('exports the FAT report as HTML and PDF downloads: every probed point, the simulator values and the check', async () => {
    const { page } = ui;
    await page.getByRole('checkbox', { name: 'Also a PDF' }).check();
    expect(await page.getByRole('checkbox', { name: 'Read every point live first' }).isChecked()).toBe(true);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByRole('button', { name: 'Export FAT report' }).click();
    await page.getByRole('status').filter({ hasText: 'FAT report exported' }).waitFor({ timeout: 60_000 });
    await eventually('two downloads', async () => downloads.length, (n) => n === 2);
    const [html, pdf] = downloads as [Download, Download];
    expect(html.suggestedFilename()).toMatch(/^Feeder[A-Za-z0-9_-]*-fat-report-\d{4}-\d{2}-\d{2}\.html$/);
    expect(pdf.suggestedFilename()).toBe(html.suggestedFilename().replace(/\.html$/, '.pdf'));
    expect(await page.getByRole('status').filter({ hasText: 'FAT report exported' }).textContent()).toContain(`Saved ${html.suggestedFilename()} and ${pdf.suggestedFilename()}; the point-to-point check in it passed.`);

    const doc = parseHtml(readFileSync(await html.path(), 'utf8'));
    expect(doc.errors).toEqual([]);
    const points = sectionRows(doc, 'points');
    expect(points.map((c) => `${c[0]}/${c[1]}`).sort()).toEqual(project.points.map((p) => `${p.ied}/${p.id}`).sort());
    // Every point was read live and is ok; the one set on the simulator shows its value and device time.
    for (const c of points) expect(c[11]).toBe('ok');
    const totW = points.find((c) => c[3]?.startsWith('FDR1MEAS/MMXU1.TotW'));
    expect(totW?.slice(8)).toEqual(['7.5', 'good', TOTW_TIME, 'ok']);
    expect(sectionRows(doc, 'ieds').find((c) => c[0] === 'FDR1')?.slice(7, 10)).toEqual(['RelayGate', 'RG-F100', '1.0']);
    // The check just run from the page is in it, without checking again: one PASS row per point.
    const checklist = sectionRows(doc, 'verify').filter((c) => c.length === 11);
    expect(checklist).toHaveLength(28);
    expect(checklist.every((c) => c[0] === 'PASS')).toBe(true);

    const pdfPath = await pdf.path();
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const png = join(mkdtempSync(join(tmpdir(), 'rg-e2e-pdf-')), 'page1');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', pdfPath, png]);
    expect(existsSync(`${png}.png`)).toBe(true);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(5_000);
  }, 120_000);

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the page in the ${theme} theme`, async () => {
      const { page } = ui;
      if ((await page.evaluate('document.documentElement.dataset.theme')) !== theme) {
        await page.getByRole('button', { name: `Switch to the ${theme} theme` }).click();
      }
      expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(theme);
      await page.getByTestId('verify-summary').waitFor();
      await ui.shot(`page-commissioning-${theme}`, { docs: true });
    });
  }

  it('checks against an HMI map whose float is in another word order: exactly that row fails, naming expected and read', async () => {
    const { page } = ui;
    const totW = project.points.find((p) => p.ref.startsWith('FDR1MEAS/MMXU1.TotW'))!;
    const served = totW.modbus!.wordOrder;
    const other = served === 'ABCD' ? 'CDAB' : 'ABCD';
    // The HMI was configured with TotW in another word order than the gateway serves.
    const hmi = join(mkdtempSync(join(tmpdir(), 'rg-e2e-hmi-')), 'hmi.csv');
    writeFileSync(hmi, mapCsv(compileRegisterMap(project.points.map((p) => (p === totW ? { ...p, modbus: { ...p.modbus!, wordOrder: other } } : p))).map));
    await page.getByLabel('Check against an HMI map (CSV, optional)').setInputFiles(hmi);
    await page.getByText('Against the client map hmi.csv').waitFor();
    await page.getByRole('button', { name: 'Run point-to-point check' }).click();
    await eventually('the check against hmi.csv', async () => (await page.getByTestId('verify-summary').textContent()) ?? '', (t) => t.startsWith('Failed'), 90_000);
    expect(await page.getByTestId('verify-summary').textContent()).toBe('Failed: 27 of 28 points passed · 1 failed');
    await page.getByRole('checkbox', { name: 'Only the rows that did not pass' }).check();
    expect(await rows(page).count()).toBe(1);
    const row = page.locator(`tr[data-key="FDR1/${totW.id}"]`);
    expect(await row.getAttribute('data-result')).toBe('fail');
    const modbus = (await row.getByRole('cell').nth(2).textContent()) ?? '';
    expect(modbus).toContain(`float32 ${other}`);
    expect(modbus).toMatch(/good · value: expected [-\d.e]+, read [-\d.e]+/);
    await ui.shot('commissioning-failed-row');
    await page.getByRole('checkbox', { name: 'Only the rows that did not pass' }).uncheck();
    await page.getByRole('button', { name: "Use the project's map" }).click();
  }, 120_000);

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});

describe('commissioning on a host that cannot print a PDF', () => {
  let ui: Ui | undefined;
  let sim: Simulator | undefined;

  afterAll(async () => {
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });

  it('saves the HTML and says clearly why there is no PDF and what to do', async () => {
    const feeder = await feederProjectFile('Feeder bay 2');
    sim = feeder.sim;
    ui = await startUi({ env: { RELAYGATE_CHROMIUM: '/nonexistent/chromium' } });
    const { page } = ui;
    await page.goto(ui.url);
    await openProjectByPath(page, feeder.path, 'Feeder bay 2');
    await goTo(page, 'Commissioning');
    await page.getByRole('checkbox', { name: 'Read every point live first' }).uncheck();
    await page.getByRole('checkbox', { name: 'Also a PDF' }).check();
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export FAT report' }).click()]);
    expect(html.suggestedFilename()).toMatch(/\.html$/);
    expect(parseHtml(readFileSync(await html.path(), 'utf8')).errors).toEqual([]);
    const noPdf = page.getByRole('status').filter({ hasText: 'No PDF was made' });
    await noPdf.waitFor();
    const text = (await noPdf.textContent()) ?? '';
    expect(text).toContain('RELAYGATE_CHROMIUM=/nonexistent/chromium does not exist');
    expect(text).toContain('set RELAYGATE_CHROMIUM to its path. The HTML report was saved and is complete');
    expect(await page.getByRole('status').filter({ hasText: 'FAT report exported' }).textContent()).toContain('no point-to-point check in it (run one first to include it)');
    await ui.shot('commissioning-no-pdf');
    expect(ui.errors).toEqual([]);
  }, 60_000);
});
