import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../core/sim';
import { bigIedScl } from '../../core/test/support/big-station';
import { REPO_ROOT } from '../../core/test/support/cli-process';
import { eventually, freePort, goTo, gridValue, startUi, type Ui } from './harness';

/**
 * The SCL workflow with a multi-IED SCD of the corpus (openscd/multipleied.scd: IED3 with an IP of its
 * own network, IED4 with none). Both are served by simulators on 127.0.0.1, and their addresses are
 * overridden in the wizard: nothing is ever sent to an address taken from the file.
 */
const CORPUS = [join(REPO_ROOT, '..', 'shared', 'scl'), '/work/shared/scl'].find((d) => existsSync(d)) ?? '/work/shared/scl';
const SCD = join(CORPUS, 'openscd', 'multipleied.scd');

describe('add IEDs from a multi-IED SCD', () => {
  let ui: Ui;
  let ied3: Simulator;
  let ied4: Simulator;
  let modbusPort: number;
  let setup: Promise<void>;

  beforeAll(() => {
    setup = (async () => {
      if (!existsSync(SCD)) throw new Error(`${SCD} is missing: the SCL corpus (../shared/scl, MANIFEST.md) is needed`);
      ied3 = await Simulator.start({ scl: SCD, ied: 'IED3' });
      ied4 = await Simulator.start({ scl: SCD, ied: 'IED4' });
      modbusPort = await freePort();
      ui = await startUi();
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    if (ui) expect(await ui.close()).toBe(0);
    await ied3?.stop();
    await ied4?.stop();
  });

  it('uploads a big file with a progress bar', async () => {
    await setup;
    const { page } = ui;
    const big = join(mkdtempSync(join(tmpdir(), 'rg-e2e-')), 'big-station.scd');
    writeFileSync(big, bigIedScl('BIG', 20_000, 2, { withDescriptions: true }));
    await page.goto(`${ui.url}#/ieds/add`);
    await page.getByRole('tab', { name: 'From an SCL file' }).click();
    // A slow uplink (1 MB/s), so the bar is seen moving on a file of 2.5 MB.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    await page.getByLabel('SCL file (.scd, .cid, .icd, .iid)').setInputFiles(big);
    const bar = page.getByRole('progressbar', { name: 'Uploading big-station.scd' });
    await bar.waitFor();
    const part = await eventually(
      'upload under way',
      async () => ({ now: Number(await bar.getAttribute('aria-valuenow')), max: Number(await bar.getAttribute('aria-valuemax')) }),
      (p) => p.now > 0,
    );
    expect(part.now).toBeLessThan(part.max);
    await ui.shot('wizard-scl-upload');
    await page.getByRole('heading', { name: 'big-station.scd: SCL 2007B4, 1 IED' }).waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  });

  it('uploads a multi-IED SCD and lists its IEDs with the addresses the file gives', async () => {
    const { page } = ui;
    await page.getByLabel('SCL file (.scd, .cid, .icd, .iid)').setInputFiles(SCD);
    const table = page.getByRole('table', { name: 'IEDs of the SCL file' });
    await table.waitFor();
    await page.getByRole('heading', { name: 'multipleied.scd: SCL 2007B4, 3 IEDs' }).waitFor();
    const row3 = table.getByRole('row').filter({ hasText: 'IED3' });
    expect(await row3.getByRole('cell').nth(2).textContent()).toBe('192.168.0.113');
    expect(await table.getByRole('row').filter({ hasText: 'IED4' }).getByRole('cell').nth(2).textContent()).toBe('none');
  });

  it('picks two IEDs, overrides both addresses to the simulators, and loads their models', async () => {
    const { page } = ui;
    await page.getByLabel('Use IED3').check();
    await page.getByLabel('Use IED4').check();
    // IED4 has no address in the file: loading without one says what to do.
    await page.getByRole('button', { name: 'Load 2 IEDs' }).click();
    await page.getByRole('alert').filter({ hasText: 'IED IED4 has no IP address in the file: give the address to reach it at' }).waitFor();
    await page.getByLabel('Address of IED3').fill('127.0.0.1');
    await page.getByLabel('Port of IED3').fill(String(ied3.port));
    await page.getByLabel('Address of IED4').fill('127.0.0.1');
    await page.getByLabel('Port of IED4').fill(String(ied4.port));
    await ui.shot('wizard-scl-ieds');
    await page.getByRole('button', { name: 'Load 2 IEDs' }).click();
    await page.getByRole('tab', { name: /^IED3/ }).waitFor();
    expect(await page.getByTestId('essential-count').textContent()).toBe('Essential 11 of 11 selected');
  });

  it('shows the same tree with data sets, RCBs and the coverage of the selection', async () => {
    const { page } = ui;
    await page.getByRole('tab', { name: /^IED4/ }).click();
    expect(await page.getByTestId('essential-count').textContent()).toBe('Essential 12 of 12 selected');
    await page.getByRole('treeitem', { name: 'IED4CBSW' }).waitFor();
    await page.getByText('Report control blocks (2)').click();
    const rcbs = page.getByRole('table', { name: 'Report control blocks' });
    expect(await rcbs.getByRole('row').count()).toBe(3);
    await page.getByText(/^Data sets \(\d+\)$/).click();
    await page.getByRole('table', { name: 'Data sets' }).waitFor();
    expect(await page.getByTestId('coverage').textContent()).toMatch(/^12 selected: \d+ by report( \(.+\))?, \d+ polled$/);
    await ui.shot('wizard-scl-points');
  });

  it('adds both IEDs, and the runtime reads both simulators', async () => {
    const { page } = ui;
    await page.getByRole('button', { name: 'Skip the probe' }).click();
    await page.getByLabel('New project name').fill('Station from SCD');
    await page.getByRole('button', { name: 'Add 2 IEDs to the project' }).click();
    await page.getByText('Added IED3, IED4 with 23 points.').waitFor();
    await page.getByRole('button', { name: 'Auto-assign Modbus…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Assign 23 points' }).click();
    await page.getByText('23 points of 2 IEDs; 23 with Modbus registers.').waitFor();
    await goTo(page, 'Modbus', 'Modbus TCP server');
    await page.getByLabel('Bind address').fill('127.0.0.1');
    await page.getByLabel('Bind address').blur();
    await page.getByLabel('Port', { exact: true }).fill(String(modbusPort));
    await page.getByLabel('Port', { exact: true }).blur();
    await goTo(page, 'IEDs');
    const ieds = page.getByRole('table', { name: 'IEDs of the project' });
    expect(await ieds.getByRole('row').filter({ hasText: 'IED4' }).getByRole('cell').nth(2).textContent()).toBe(`127.0.0.1:${ied4.port}`);
    expect(await ieds.getByRole('row').filter({ hasText: 'IED3' }).getByRole('cell').nth(7).textContent()).toBe('SCL multipleied.scd (IED3)');
    await ui.shot('ieds');

    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    for (const id of ['IED3', 'IED4']) await page.getByRole('article', { name: `IED ${id}` }).getByTestId('ied-state').filter({ hasText: 'connected' }).waitFor();
    ied4.set('IED4CBSW/XCBR1.Pos[ST]', { value: 'open' });
    await eventually('IED4 breaker open', () => gridValue(page, 'IED4/CBSW_XCBR1_Pos_stVal'), (v) => v === 'open');
    ied4.set('IED4CBSW/XCBR1.Pos[ST]', { value: 'closed' });
    await eventually('IED4 breaker closed', () => gridValue(page, 'IED4/CBSW_XCBR1_Pos_stVal'), (v) => v === 'closed');
    await eventually('IED3 values', () => page.getByTestId('grid-count').textContent(), (t) => t === '23 of 23 points');
    await ui.shot('runtime-scl');
  });

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
