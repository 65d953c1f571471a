import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Simulator } from '../../core/sim';
import { eventually, feederUi, goTo, openAndStart, type Ui } from './harness';

/**
 * Diagnostics and Trends in chromium against `relaygate serve` running the feeder project on the
 * simulator: the MMS PDUs of the live association with their decoded tree and hex dump, pause, clear and
 * the export; the event log's filters and export; the points that are not ok; a trend of a value that
 * changes; keyboard use with visible focus. Screenshots in both themes go to docs/screenshots.
 */
describe('diagnostics and trends', () => {
  const feeder = feederUi('Feeder bay 1');
  let ui: Ui;
  let sim: Simulator;

  const pduRows = (page: Page) => page.getByRole('table', { name: 'MMS PDUs' }).locator('tbody tr');

  async function saved(page: Page, button: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
  }

  it('runs the feeder project', async () => {
    await feeder.ready();
    ({ ui, sim } = feeder);
    await openAndStart(ui, feeder.path, 'Feeder bay 1', 28);
  });

  it('lists the PDUs of the live association and shows one decoded, ISO layers collapsed, MMS expanded', async () => {
    const { page } = ui;
    await goTo(page, 'Diagnostics');
    // By keyboard: the page has the focus after navigation; Tab reaches the views, each with a focus ring.
    await page.keyboard.press('Tab');
    const ring = `(() => { const el = document.activeElement; const s = getComputedStyle(el); return [el.textContent, s.outlineStyle, s.outlineWidth]; })()`;
    expect(await page.evaluate(ring)).toEqual(['Event log', 'solid', '2px']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(ring)).toEqual(['MMS traffic', 'solid', '2px']);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'MMS PDUs' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'IED' }).inputValue()).toBe('FDR1');
    // Polls every second (LLN0 Mod/Beh and the polled points): the list grows by itself.
    const first = await eventually('PDUs listed', () => pduRows(page).count(), (n) => n > 5);
    await eventually('more PDUs', () => pduRows(page).count(), (n) => n > first);
    const initiate = pduRows(page).filter({ hasText: 'initiate-response' }).first();
    await initiate.waitFor();
    // Four RCBs report on this association: each report is read by its own subscription, none is
    // flagged as a problem because another subscription's data set does not fit it.
    await pduRows(page).filter({ hasText: 'information-report' }).first().waitFor();
    expect(await page.locator('.pdu-row.row-error').count()).toBe(0);
    const response = pduRows(page).filter({ hasText: /confirmed-response #\d+ read \d+ results/ }).first();
    const invoke = (await response.getByRole('cell').nth(3).textContent())!;
    expect(Number(invoke)).toBeGreaterThan(0);
    await response.click();
    const detail = page.getByRole('region', { name: /^PDU #\d+$/ });
    await detail.getByRole('heading', { name: new RegExp(`received · invoke ${invoke} · \\d+ octets`) }).waitFor();
    const tree = detail.getByRole('list', { name: 'Decoded PDU' });
    // Each layer: its line, and whether it starts open (a leaf has nothing to open).
    const layers = await page.evaluate(`[...document.querySelectorAll('.decoded > li')].map((li) => {
      const details = li.querySelector(':scope > details');
      return details ? [details.querySelector(':scope > summary').textContent, details.open] : [li.textContent, 'leaf'];
    })`);
    expect(layers).toEqual([
      [expect.stringMatching(/^TPKT \(RFC 1006\) = version 3, length \d+ \[0\.\.3\]$/), 'leaf'],
      [expect.stringMatching(/^COTP \(ISO 8073 class 0\) = DT \[4\.\.6\]$/), false],
      [expect.stringMatching(/^Session \(ISO 8327\) = GIVE TOKENS \+ DATA TRANSFER \[7\.\.10\]$/), false],
      [expect.stringMatching(/^Presentation \(ISO 8823\) = User-data \[11\.\.\d+\]$/), false],
      [expect.stringMatching(/^MMS \(ISO 9506\) = confirmed-response \[\d+\.\.\d+\]$/), true],
    ]);
    await tree.getByText(`invokeId = ${invoke}`, { exact: true }).waitFor();
    await tree.getByText('response = read', { exact: true }).waitFor();
    // The hex dump is the whole frame: TPKT version 3 first; the TPKT node marks its 4 octets.
    const dump = detail.getByLabel('Hex dump');
    expect((await dump.textContent())!.startsWith('0000  03 00 ')).toBe(true);
    await tree.locator(':scope > li').first().click();
    expect(await dump.locator('.hl').allTextContents()).toEqual(['03 ', '00 ', expect.stringMatching(/^[0-9a-f]{2} $/), expect.stringMatching(/^[0-9a-f]{2} $/), '.', '.', expect.any(String), expect.any(String)]);
  });

  it('moves through the PDUs with the arrow keys, with visible focus', async () => {
    const { page } = ui;
    const selected = pduRows(page).and(page.locator('[aria-selected="true"]'));
    const seq = Number(await selected.getAttribute('data-seq'));
    await selected.focus();
    await page.keyboard.press('ArrowDown');
    await eventually('next selected', () => selected.getAttribute('data-seq'), (s) => Number(s) > seq);
    const focus = await page.evaluate(`(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, selected: el.getAttribute('aria-selected'), outline: style.outlineStyle + ' ' + style.outlineWidth };
    })()`);
    expect(focus).toEqual({ tag: 'TR', selected: 'true', outline: 'solid 2px' });
  });

  it('pauses, clears and exports the traffic as text', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('traffic-counts').getByText(/paused/).waitFor();
    const held = await pduRows(page).count();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await pduRows(page).count()).toBe(held);
    const { name, text } = await saved(page, 'Export traffic');
    expect(name).toMatch(/^relaygate-mms-FDR1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.txt$/);
    expect(text.split('\n')[0]).toMatch(new RegExp(`^RelayGate MMS traffic of IED FDR1, ${held} PDUs, exported `));
    expect(text.match(/^#\d+ /gm)).toHaveLength(held);
    expect(text).toMatch(/^#\d+ \S+ received invoke \d+ \d+ octets: confirmed-response #\d+ read \d+ results$/m);
    expect(text).toMatch(/^ {2}0000 {2}03 00 /m);
    expect(text).toContain('  MMS (ISO 9506) = confirmed-response');
    expect(text).toContain('MMS PDU (the ISO layers were not captured):'); // the initiate request
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByText('Paused: no PDU is fetched.').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    const after = await eventually('PDUs after the clear', () => pduRows(page).count(), (n) => n > 0);
    // Only new ones: numbering goes on from where the clear left it.
    expect(Number(await pduRows(page).first().getAttribute('data-seq'))).toBeGreaterThan(held);
    expect(after).toBeLessThan(held + 50);
  });

  it('lists the points that are not ok with why, and exports the filtered event log', async () => {
    const { page } = ui;
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3.75, quality: 'questionable | oldData' });
    await page.getByRole('link', { name: 'Stale and error points' }).click();
    const table = page.getByRole('table', { name: 'Stale and error points' });
    const row = table.locator('tr', { hasText: 'FDR1MEAS/MMXU1.TotW' });
    await row.getByText('quality questionable: oldData').waitFor();
    await page.getByTestId('problem-count').getByText(/^1 of 28 points need a look$/).waitFor();
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3.5, quality: 'good' });
    await page.getByText('Every point is ok.').waitFor();

    await page.getByRole('link', { name: 'Event log' }).click();
    await page.getByRole('combobox', { name: 'Source' }).selectOption({ label: 'IED FDR1' });
    await page.getByRole('searchbox', { name: 'Filter the log by text' }).fill('brcbProt');
    const rows = page.getByRole('table', { name: 'Event log' }).locator('tbody tr');
    await eventually('one entry', () => rows.count(), (n) => n === 1);
    const { name, text } = await saved(page, 'Export log');
    expect(name).toMatch(/^relaygate-log-.*\.tsv$/);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('seq\ttime\tlevel\tsource\tmessage');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^\d+\t\S+\tinfo\tied:FDR1\tRCB FDR1LD0\/LLN0\.brcbProt01 enabled/)]);
  });

  it('draws a trend of a value that changes', async () => {
    const { page } = ui;
    await goTo(page, 'Trends');
    await page.getByRole('searchbox', { name: 'Filter analog points' }).fill('TotW');
    const box = page.getByRole('checkbox', { name: /TotW/ });
    await box.check();
    const chart = page.locator('.trend-chart');
    await chart.locator('canvas').waitFor();
    const legend = page.getByRole('table', { name: 'Trend legend' }).locator('tbody tr');
    const samples = async () => Number(await legend.first().getByRole('cell').nth(1).textContent());
    const before = await samples();
    for (let i = 0; i < 8; i++) {
      sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 2 + (i % 4) * 1.25 });
      await new Promise((r) => setTimeout(r, 400));
    }
    const after = await eventually('samples grow', samples, (n) => n >= before + 4);
    const cells = await legend.first().getByRole('cell').allTextContents();
    expect(Number(cells[3])).toBe(2);
    expect(Number(cells[4])).toBe(5.75);
    expect(Number(await chart.getAttribute('data-plotted'))).toBeGreaterThanOrEqual(after);
    const size = (await page.evaluate(`(() => { const c = document.querySelector('.trend-chart canvas'); return [c.width, c.height]; })()`)) as number[];
    expect(size[0]).toBeGreaterThan(300);
    expect(size[1]).toBeGreaterThan(200);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the new pages in the ${theme} theme`, async () => {
      const { page } = ui;
      if ((await page.evaluate('document.documentElement.dataset.theme')) !== theme) {
        await page.getByRole('button', { name: `Switch to the ${theme} theme` }).click();
      }
      for (let i = 0; i < 6; i++) {
        sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3 + Math.sin(i) });
        await new Promise((r) => setTimeout(r, 300));
      }
      await goTo(page, 'Trends');
      await page.getByRole('combobox', { name: 'Window' }).selectOption({ label: 'last 1 min' });
      await page.locator('.trend-chart canvas').waitFor();
      await ui.shot(`page-trends-${theme}`, { docs: true });
      await goTo(page, 'Diagnostics');
      await page.getByRole('link', { name: 'MMS traffic' }).click();
      await pduRows(page).filter({ hasText: /confirmed-response #\d+ read \d+ results/ }).first().waitFor();
      await page.getByRole('button', { name: 'Pause' }).click();
      await pduRows(page).filter({ hasText: /confirmed-response #\d+ read \d+ results/ }).last().click();
      await page.getByRole('region', { name: /^PDU #\d+$/ }).waitFor();
      await ui.shot(`page-diagnostics-traffic-${theme}`, { docs: true });
      await page.getByRole('button', { name: 'Resume' }).click();
      sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3.75, quality: 'questionable | oldData' });
      await page.getByRole('link', { name: 'Stale and error points' }).click();
      await page.getByRole('table', { name: 'Stale and error points' }).getByText('quality questionable: oldData').waitFor();
      await ui.shot(`page-diagnostics-points-${theme}`, { docs: true });
      sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3.5, quality: 'good' });
    });
  }

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
