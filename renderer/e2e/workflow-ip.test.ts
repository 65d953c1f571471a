import type ModbusRTU from 'modbus-serial';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeModbus, modbusClient } from '../../core/test/support/gateway-fixture';
import { FEEDER_SCL } from '../../core/test/support/feeder-project';
import { Simulator } from '../../core/sim';
import { eventually, freePort, goTo, gridRow, gridValue, startUi, type Ui } from './harness';

/**
 * The whole add-by-IP workflow in chromium against the built `relaygate serve`, with the simulated
 * feeder relay on 127.0.0.1: discover it, keep the essential points, probe, auto-assign Modbus, start;
 * then the grid's values change with the relay's, and an independent Modbus client reads the same.
 */
describe('add an IED by IP address, from discovery to live values', () => {
  let ui: Ui;
  let sim: Simulator;
  let modbusPort: number;
  let modbus: ModbusRTU | undefined;

  let setup: Promise<void>;
  beforeAll(() => {
    setup = (async () => {
      sim = await Simulator.start({ scl: FEEDER_SCL });
      modbusPort = await freePort();
      ui = await startUi();
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    if (modbus) await closeModbus(modbus);
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });

  it('discovers the relay with progress, and pre-selects the essential tier with reasons', async () => {
    await setup;
    const { page } = ui;
    await page.goto(ui.url);
    await goTo(page, 'IEDs');
    await page.getByRole('link', { name: 'Add IED' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add IED' }).waitFor();
    await page.getByLabel('IP address or host').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(sim.port));
    // Slow answers, so the progress bar has time to be seen (LDs and LNs done of total).
    sim.server.faults.responseDelayMs = 40;
    await page.getByRole('button', { name: 'Connect & Discover' }).click();
    const bar = page.getByRole('progressbar', { name: /^Discovering 127\.0\.0\.1:/ });
    await bar.waitFor();
    await page.getByText(/logical devices \d of 4 · logical nodes \d+ of \d+/).waitFor();
    await ui.shot('wizard-discovering');
    await page.getByRole('tree', { name: 'IED model' }).waitFor({ timeout: 30_000 });
    sim.server.faults.responseDelayMs = 0;
    const tiers = page.getByRole('group', { name: 'Recommended points' });
    expect(await tiers.getByTestId('essential-count').textContent()).toBe('Essential 28 of 28 selected');
    expect(await tiers.getByRole('button', { name: /^Add station set \(\d+\)$/ }).isEnabled()).toBe(true);
    expect(await tiers.getByRole('button', { name: /^Add extended tier \(\d+\)$/ }).isEnabled()).toBe(true);
    expect(await page.getByTestId('coverage').textContent()).toMatch(/^28 selected: 21 by report \(.*LLN0\.brcbStatus.*\), 7 polled$/);
    const selected = page.getByRole('table', { name: 'Selected points' });
    await selected.getByText('circuit breaker position (XCBR Pos.stVal)').waitFor();
    await ui.shot('wizard-points');
  });

  it('searches the model tree and shows each leaf with its FC and type', async () => {
    const { page } = ui;
    const tree = page.getByRole('tree', { name: 'IED model' });
    await page.getByRole('searchbox', { name: 'Search the model' }).fill('Q0XCBR1 Pos stVal');
    const leaf = tree.getByRole('treeitem', { name: 'FDR1CTRL/Q0XCBR1.Pos.stVal[ST]' });
    await leaf.waitFor();
    expect(await leaf.textContent()).toContain('dbpos');
    expect(await leaf.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('searchbox', { name: 'Search the model' }).fill('');
    // Keyboard: the first LD opens and closes with the arrows.
    const first = tree.getByRole('treeitem').first();
    await first.focus();
    expect(await first.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await first.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    expect(await first.getAttribute('aria-expanded')).toBe('true');
  });

  it('probes the selected points: values, quality, timestamps, and Mod/Beh per LD', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Probe 28 points' }).click();
    const results = page.getByRole('table', { name: 'Probe results' });
    await results.waitFor();
    await results.getByRole('rowheader', { name: /^FDR1CTRL · Mod on · Beh on/ }).waitFor();
    const breaker = results.getByRole('row').filter({ hasText: 'FDR1CTRL/Q0XCBR1.Pos.stVal' });
    expect(await breaker.getByRole('cell').nth(1).textContent()).toBe('closed');
    expect(await breaker.getByRole('cell').nth(2).textContent()).toBe('good');
    expect(await breaker.getByRole('cell').nth(3).textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(await breaker.getByRole('cell').nth(4).textContent()).toBe('dbpos');
    expect(await page.getByTestId('probe-summary').textContent()).toMatch(/^Read 28 points in [\d.]+ s\.$/);
    await ui.shot('wizard-probe');
  });

  it('adds the IED to a new project, auto-assigns Modbus on request, and sets the Modbus endpoint', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Next: add to the project' }).click();
    await page.getByLabel('New project name').fill('Feeder bay 1');
    await ui.shot('wizard-add');
    await page.getByRole('button', { name: 'Add the IED to the project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Points' }).waitFor();
    await page.getByText('Added FDR1 with 28 points.').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toContain('Feeder bay 1 ●');
    // Nothing is mapped until asked.
    await page.getByText('28 points of 1 IED; 0 with Modbus registers.').waitFor();
    await page.getByRole('button', { name: 'Auto-assign Modbus…' }).click();
    await page.getByRole('dialog', { name: 'Auto-assign Modbus registers' }).getByRole('button', { name: 'Assign 28 points' }).click();
    await page.getByText('28 points of 1 IED; 28 with Modbus registers.').waitFor();
    await page.getByText(/^Placed 28 points/).waitFor();
    await ui.shot('points-mapped');

    await goTo(page, 'Modbus', 'Modbus TCP server');
    const bind = page.getByLabel('Bind address');
    await bind.fill('127.0.0.1');
    await bind.blur();
    const port = page.getByLabel('Port', { exact: true });
    await port.fill(String(modbusPort));
    await port.blur();
    await ui.shot('modbus');
  });

  it('starts the runtime: the IED connects and the grid shows its values', async () => {
    const { page } = ui;
    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const card = page.getByRole('article', { name: 'IED FDR1' });
    await card.getByTestId('ied-state').filter({ hasText: 'connected' }).waitFor();
    await eventually('points ok', () => page.getByTestId('grid-count').textContent(), (t) => t === '28 of 28 points');
    await eventually('breaker position', () => gridValue(page, 'FDR1/CTRL_Q0XCBR1_Pos_stVal'), (v) => v === 'closed');
    await ui.shot('runtime');
  });

  it('follows the relay: the grid changes, and a Modbus client reads the same values', async () => {
    const { page } = ui;
    // The registers the editor assigned, read from the Points page as a user would.
    await goTo(page, 'Points');
    await page.getByRole('searchbox', { name: 'Filter points' }).fill('TotW');
    const totwAddress = Number(await page.getByLabel('Modbus address of FDR1/MEAS_MMXU1_TotW_mag_f').inputValue());
    await page.getByRole('searchbox', { name: 'Filter points' }).fill('Q0XCBR1');
    const posAddress = Number(await page.getByLabel('Modbus address of FDR1/CTRL_Q0XCBR1_Pos_stVal').inputValue());
    await goTo(page, 'Runtime');
    modbus = await modbusClient(modbusPort);

    for (const [mw, position, code] of [[7.25, 'open', 1], [3.5, 'closed', 2], [-1.125, 'open', 1]] as const) {
      sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: mw });
      sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: position });
      await eventually(`grid TotW ${mw}`, () => gridValue(page, 'FDR1/MEAS_MMXU1_TotW_mag_f'), (v) => v === String(mw));
      await eventually(`grid breaker ${position}`, () => gridValue(page, 'FDR1/CTRL_Q0XCBR1_Pos_stVal'), (v) => v === position);
      const holding = await modbus.readHoldingRegisters(totwAddress, 2);
      expect(holding.buffer.readFloatBE(0)).toBe(mw);
      const input = await modbus.readInputRegisters(posAddress, 1);
      expect(input.data[0]).toBe(code);
    }
    expect(await gridRow(page, 'FDR1/MEAS_MMXU1_TotW_mag_f').getByRole('cell').nth(7).textContent()).toContain('ok');
  });

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
