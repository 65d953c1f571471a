import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../core/sim';
import { eventually, feederProjectFile, goTo, openProjectByPath, startUi, type Ui } from './harness';

/**
 * The Modbus page against the built `relaygate serve` running the saved feeder project: Debian's
 * `mbpoll` reads input registers 30001-30010 every 250 ms, and the page lists it with its address, a
 * request count that rises, no exceptions and its last range read, which it marks in the register map.
 */
describe('the Modbus page lists a connected mbpoll client', () => {
  let ui: Ui;
  let sim: Simulator;
  let path: string;
  let modbusPort: number;
  let mbpoll: ChildProcess | undefined;
  let setup: Promise<void>;

  beforeAll(() => {
    setup = (async () => {
      ({ sim, path } = await feederProjectFile('Feeder Modbus'));
      modbusPort = (JSON.parse(readFileSync(path, 'utf8')) as { modbus: { port: number } }).modbus.port;
      ui = await startUi();
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    mbpoll?.kill();
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });

  it('shows the endpoint and the map in register order before the runtime starts', async () => {
    await setup;
    const { page } = ui;
    await page.goto(ui.url);
    await openProjectByPath(page, path, 'Feeder Modbus');
    await goTo(page, 'Modbus', 'Modbus TCP server');
    const settings = page.getByRole('form', { name: 'Modbus settings' });
    expect(await settings.getByLabel('Bind address').inputValue()).toBe('127.0.0.1');
    expect(await settings.getByLabel('Port').inputValue()).toBe(String(modbusPort));
    expect(await page.getByTestId('modbus-state').textContent()).toBe('Modbus server not running: start the runtime.');

    // 28 points, each with a status companion: 56 registers; coils first, then discrete inputs.
    await eventually('map rows', () => page.getByTestId('map-count').textContent(), (t) => t === '56 of 56 registers, 28 points mapped');
    const map = page.getByRole('table', { name: 'Modbus register map' });
    const first = map.getByRole('row').nth(1).getByRole('cell');
    expect(await first.allTextContents()).toEqual(['10001', 'discrete', '0', 'bool', '', '1', '0', 'FDR1/PROT_PTOC1_Op_general', 'FDR1PROT/PTOC1.Op.general [ST]']);
    await page.getByRole('searchbox', { name: 'Filter the Modbus map' }).fill('Q0XCBR1');
    expect(await page.getByTestId('map-count').textContent()).toBe('2 of 56 registers, 28 points mapped');
    expect(await map.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['30028', 'input', '27', 'dbpos', '', '1', '0', 'FDR1/CTRL_Q0XCBR1_Pos_stVal', 'FDR1CTRL/Q0XCBR1.Pos.stVal [ST]']);
    expect(await map.getByRole('row').nth(2).getByRole('cell').nth(3).textContent()).toBe('status');
    await page.getByRole('searchbox', { name: 'Filter the Modbus map' }).fill('');
  });

  it('lists mbpoll with its address, a rising request count and its last range read', async () => {
    const { page } = ui;
    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await eventually('all ok', () => page.getByTestId('grid-count').textContent(), (t) => t === '28 of 28 points');
    // Input registers 30001-30010 (protocol addresses 0-9), every 250 ms, until the test kills it.
    mbpoll = spawn('mbpoll', ['-m', 'tcp', '-a', '1', '-r', '1', '-c', '10', '-t', '3', '-l', '250', '-p', String(modbusPort), '127.0.0.1'], { stdio: 'ignore' });
    await goTo(page, 'Modbus', 'Modbus TCP server');
    const clients = page.getByRole('table', { name: 'Connected Modbus clients' });
    const row = clients.locator('tbody tr').first();
    await row.waitFor();
    const cells = row.getByRole('cell');
    expect(await cells.nth(0).textContent()).toMatch(/^127\.0\.0\.1:\d+$/);
    const count = async () => Number(await row.getByTestId('client-requests').textContent());
    const before = await eventually('a first request', count, (n) => n >= 1);
    await eventually('the request count rising', count, (n) => n >= before + 3);
    expect(await cells.nth(3).textContent()).toBe('0');
    expect(await cells.nth(4).textContent()).toBe('FC 04 input 0-9 (30001-30010)');
    expect(await page.getByTestId('modbus-state').textContent()).toMatch(new RegExp(`^Listening on 127\\.0\\.0\\.1:${modbusPort} · 1 connected, \\d+ accepted, \\d+ requests, 0 exceptions`));

    // Chosen, its last range is marked in the map: the ten input registers 0-9.
    await cells.nth(0).getByRole('button').click();
    const marked = page.getByRole('table', { name: 'Modbus register map' }).locator('[role="row"][aria-selected="true"]');
    await eventually('rows marked', () => marked.count(), (n) => n === 10);
    expect(await marked.first().getByRole('cell').first().textContent()).toBe('30001');
    await page.getByRole('region', { name: 'Modbus clients' }).evaluate((el) => el.scrollIntoView());
    await ui.shot('modbus-clients');
  });

  it('drops the client when mbpoll stops', async () => {
    const { page } = ui;
    mbpoll?.kill();
    mbpoll = undefined;
    await eventually('no client', () => page.getByRole('table', { name: 'Connected Modbus clients' }).locator('tbody tr').count(), (n) => n === 0);
    await page.getByText(/No client connected: point an HMI or `mbpoll` at 127\.0\.0\.1:\d+\./).waitFor();
  });

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
