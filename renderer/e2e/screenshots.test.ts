import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../core/sim';
import { feederUi, goTo, openAndStart, type Ui } from './harness';

/**
 * Every page in the light and the dark theme, with a running feeder project, written to docs/screenshots
 * (which the docs link) as well as test-output/e2e. Each page is checked for what it must show before the shot,
 * and the theme switch for what it changes.
 */
const docs = { docs: true };

describe('every page, light and dark', () => {
  const feeder = feederUi('Feeder bay 1');
  let ui: Ui;
  let sim: Simulator;

  it('opens the project and starts it', async () => {
    await feeder.ready();
    ({ ui, sim } = feeder);
    await openAndStart(ui, feeder.path, 'Feeder bay 1', 28);
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3.75, quality: 'questionable | oldData' });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`shows every page in the ${theme} theme`, async () => {
      const { page } = ui;
      const current = await page.evaluate('document.documentElement.dataset.theme');
      if (current !== theme) await page.getByRole('button', { name: `Switch to the ${theme} theme` }).click();
      expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(theme);
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(background).toBe(theme === 'dark' ? 'rgb(20, 25, 31)' : 'rgb(243, 245, 247)');

      await page.getByRole('link', { name: 'RelayGate' }).click();
      await page.getByRole('heading', { level: 1, name: 'Project Feeder bay 1' }).waitFor();
      await ui.shot(`page-start-${theme}`, docs);
      await goTo(page, 'IEDs');
      await page.getByRole('table', { name: 'IEDs of the project' }).waitFor();
      await ui.shot(`page-ieds-${theme}`, docs);
      await goTo(page, 'Points');
      await page.getByRole('table', { name: 'Point mapping' }).waitFor();
      await ui.shot(`page-points-${theme}`, docs);
      await goTo(page, 'Runtime');
      await page.getByRole('article', { name: 'IED FDR1' }).waitFor();
      await ui.shot(`page-runtime-${theme}`, docs);
      await goTo(page, 'Modbus', 'Modbus TCP server');
      await page.getByRole('form', { name: 'Modbus settings' }).waitFor();
      await ui.shot(`page-modbus-${theme}`, docs);
      await goTo(page, 'MQTT', 'MQTT publisher');
      await page.getByRole('form', { name: 'MQTT settings' }).waitFor();
      await ui.shot(`page-mqtt-${theme}`, docs);
      await goTo(page, 'Diagnostics');
      await ui.shot(`page-diagnostics-${theme}`, docs);

      await page.goto(`${ui.url}#/ieds/add`);
      await page.getByLabel('IP address or host').fill('127.0.0.1');
      await page.getByLabel('Port', { exact: true }).fill(String(sim.port));
      await ui.shot(`page-wizard-source-${theme}`, docs);
      await page.getByRole('button', { name: 'Connect & Discover' }).click();
      await page.getByRole('tree', { name: 'IED model' }).waitFor();
      await page.getByRole('treeitem', { name: 'Q0XCBR1' }).click();
      await page.getByRole('treeitem', { name: 'Pos', exact: true }).click();
      await ui.shot(`page-wizard-points-${theme}`, docs);
      await page.getByRole('button', { name: 'Probe 28 points' }).click();
      await page.getByRole('table', { name: 'Probe results' }).waitFor();
      await ui.shot(`page-wizard-probe-${theme}`, docs);
      await page.getByRole('link', { name: 'Close' }).click();
    });
  }

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
