import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../core/sim';
import { feederProjectFile, goTo, startUi, type Ui } from './harness';

/**
 * `relaygate serve` on 127.0.0.2 with an operator and a viewer password, in chromium (which only
 * ever connects to 127.0.0.2): the login page, a wrong password, a viewer who sees the live gateway
 * but cannot start, stop or edit, and an operator who can.
 */
const ENV = { RG_E2E_OPERATOR: 'operator-password-1', RG_E2E_VIEWER: 'viewer-password-22' };

describe('logins and roles in the browser', () => {
  let ui: Ui;
  let sim: Simulator;
  let path: string;
  let setup: Promise<void>;

  beforeAll(() => {
    setup = (async () => {
      ({ sim, path } = await feederProjectFile('Guarded feeder'));
      ui = await startUi({
        host: '127.0.0.2',
        args: ['--project', path, '--password-env', 'RG_E2E_OPERATOR', '--viewer-password-env', 'RG_E2E_VIEWER'],
        env: ENV,
      });
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });

  async function login(page: Page, password: string): Promise<void> {
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  it('asks for a password before anything else, and says when it is wrong', async () => {
    await setup;
    const { page } = ui;
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    await page.goto(ui.url);
    await page.getByRole('form', { name: 'Log in' }).waitFor();
    await ui.shot('page-login-light', { docs: true });
    await login(page, 'not-the-password');
    await page.getByText('wrong password').waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
  });

  it('lets a viewer watch the live gateway but not start, stop or change it', async () => {
    const { page } = ui;
    await login(page, ENV.RG_E2E_VIEWER);
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected', { exact: true }).waitFor();
    await page.getByText('You are logged in as a viewer').waitFor();
    expect(await page.getByRole('button', { name: 'New project' }).count()).toBe(0);
    await goTo(page, 'Runtime');
    await page.getByText('You are a viewer: starting and stopping is for operators.').waitFor();
    expect(await page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    await goTo(page, 'IEDs');
    expect(await page.getByRole('link', { name: 'Add IED' }).count()).toBe(0);
    await ui.shot('viewer-runtime');
  });

  it('lets an operator, in another browser session, start the runtime the viewer then watches', async () => {
    const operator = await ui.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await operator.goto(ui.url);
    await login(operator, ENV.RG_E2E_OPERATOR);
    await goTo(operator, 'Runtime');
    await operator.getByRole('button', { name: 'Start', exact: true }).click();
    await operator.getByRole('article', { name: 'IED FDR1' }).getByTestId('ied-state').filter({ hasText: 'connected' }).waitFor();
    const { page } = ui;
    await goTo(page, 'Runtime');
    await page.getByRole('article', { name: 'IED FDR1' }).getByTestId('ied-state').filter({ hasText: 'connected' }).waitFor();
    expect(await page.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
    await operator.getByRole('button', { name: 'Stop' }).click();
    await operator.getByRole('button', { name: 'Start', exact: true }).waitFor();
    await operator.close();
  });

  it('logged no errors in the page but the refused login', () => {
    // Chromium logs every refused request; the wrong password above was refused on purpose (401).
    expect(ui.errors).toEqual(['console error: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });
});
