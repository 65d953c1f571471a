import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../core/sim';
import { FEEDER_SCL } from '../../core/test/support/feeder-project';
import { eventually, feederProjectFile, goTo, gridRow, startUi, type Ui } from './harness';

/**
 * A saved feeder project opened in the UI: a Modbus overlap that blocks Start until it is fixed; then
 * the live states the grid must show: the simulator killed (rows disconnected) and back (rows ok), and
 * an LD put in test (its rows and its LD header say test).
 */
describe('runtime states in the grid', () => {
  let ui: Ui;
  let sim: Simulator;
  let simPort: number;
  let path: string;
  let setup: Promise<void>;

  beforeAll(() => {
    setup = (async () => {
      ({ sim, path, port: simPort } = await feederProjectFile('Feeder states'));
      ui = await startUi();
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });

  const status = (row: Locator) => row.getByRole('cell').nth(7).textContent();

  it('opens the saved project by its path', async () => {
    await setup;
    const { page } = ui;
    await page.goto(ui.url);
    await page.getByLabel('Path of the project file on the server').fill(path);
    await page.getByRole('form', { name: 'Open project' }).getByRole('button', { name: 'Open project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Project Feeder states' }).waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe(`Feeder states ${path}`);
  });

  it('shows a Modbus overlap naming both rows, and blocks Start until it is fixed', async () => {
    const { page } = ui;
    await goTo(page, 'Points');
    await page.getByRole('searchbox', { name: 'Filter points' }).fill('MMXU1 Tot');
    const totw = page.getByLabel('Modbus address of FDR1/MEAS_MMXU1_TotW_mag_f');
    const totvar = page.getByLabel('Modbus address of FDR1/MEAS_MMXU1_TotVAr_mag_f');
    const original = await totvar.inputValue();
    await totvar.fill(await totw.inputValue());
    await totvar.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: /The Modbus map has \d+ problems?: the runtime cannot start until they are fixed/ });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('FDR1/MEAS_MMXU1_TotVAr_mag_f value (float32)');
    expect(text).toContain('overlaps FDR1/MEAS_MMXU1_TotW_mag_f');
    expect(await page.locator('[data-key="FDR1/MEAS_MMXU1_TotVAr_mag_f"]').getAttribute('class')).toContain('row-error');
    expect(await page.locator('[data-key="FDR1/MEAS_MMXU1_TotW_mag_f"]').getAttribute('class')).toContain('row-error');
    // Out of range: refused in the cell, saying why; the project keeps its value.
    await totvar.fill('70000');
    await totvar.press('Enter');
    expect(await totvar.getAttribute('aria-invalid')).toBe('true');
    expect(await totvar.getAttribute('title')).toContain('70000 is above 65535');
    await ui.shot('points-overlap');

    await goTo(page, 'Runtime');
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByTestId('start-blocked').textContent()).toMatch(/The Modbus map has \d+ problems?: fix them on the Points page\./);
    await ui.shot('runtime-blocked');

    await goTo(page, 'Points');
    await totvar.fill(original);
    await totvar.press('Enter');
    await page.getByText(/The Modbus map has/).waitFor({ state: 'detached' });
    // Saved again: the dirty marker goes.
    await page.keyboard.press('Control+s');
    await eventually('saved', () => page.getByTestId('project-name').textContent(), (t) => t === `Feeder states ${path}`);
    expect(JSON.parse(readFileSync(path, 'utf8')).name).toBe('Feeder states');
  });

  it('starts; killing the simulator turns the rows disconnected, restarting it brings them back', async () => {
    const { page } = ui;
    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const card = page.getByRole('article', { name: 'IED FDR1' });
    await card.getByTestId('ied-state').filter({ hasText: 'connected' }).waitFor();
    const breaker = gridRow(page, 'FDR1/CTRL_Q0XCBR1_Pos_stVal');
    await eventually('breaker ok', () => status(breaker), (s) => s === 'ok');

    await sim.stop();
    await eventually('breaker disconnected', () => status(breaker), (s) => s?.startsWith('disconnected') ?? false, 10_000);
    expect(await breaker.getAttribute('class')).toContain('row-disconnected');
    await card.getByTestId('ied-state').filter({ hasText: /disconnected|connecting/ }).waitFor();
    await card.getByTestId('ied-error').waitFor();
    await page.getByRole('combobox', { name: 'Status filter' }).selectOption('disconnected');
    await eventually('every row disconnected', () => page.getByTestId('grid-count').textContent(), (t) => t === '28 of 28 points');
    await ui.shot('runtime-disconnected');
    await page.getByRole('combobox', { name: 'Status filter' }).selectOption('all');

    sim = await Simulator.start({ scl: FEEDER_SCL, port: simPort });
    await card.getByTestId('ied-state').filter({ hasText: 'connected' }).waitFor({ timeout: 40_000 });
    await eventually('breaker back', () => status(breaker), (s) => s === 'ok', 15_000);
    expect(await breaker.getAttribute('class')).toContain('row-ok');
  });

  it('shows an LD put in test on its rows and on its LD header', async () => {
    const { page } = ui;
    sim.setMode('FDR1CTRL', 'test');
    const breaker = gridRow(page, 'FDR1/CTRL_Q0XCBR1_Pos_stVal');
    await eventually('breaker row in test', async () => (await breaker.getAttribute('class')) ?? '', (c) => c.includes('row-test'), 15_000);
    expect(await status(breaker)).toContain('test');
    const header = page.getByRole('article', { name: 'IED FDR1' }).getByTestId('ld-header').filter({ hasText: 'FDR1CTRL' });
    await eventually('LD header in test', () => header.textContent(), (t) => t === 'FDR1CTRLMod test · Beh test test', 10_000);
    expect(await header.getAttribute('class')).toContain('ld-test');
    // Another LD is not in test.
    expect(await gridRow(page, 'FDR1/MEAS_MMXU1_TotW_mag_f').getAttribute('class')).not.toContain('row-test');
    await ui.shot('runtime-test-mode');
    sim.setMode('FDR1CTRL', 'on');
    await eventually('breaker row back on', async () => (await breaker.getAttribute('class')) ?? '', (c) => c.includes('row-ok'), 15_000);
  });

  it('stops the runtime', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
  });
});
