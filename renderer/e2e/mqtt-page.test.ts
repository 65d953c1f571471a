import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProject } from '../../core/cli';
import { writeProjectFile } from '../../core/runtime';
import { Simulator } from '../../core/sim';
import { FEEDER_SCL } from '../../core/test/support/feeder-project';
import { Subscriber } from '../../core/test/support/mqtt-subscriber';
import { eventually, freePort, goTo, openProjectByPath, startUi, type Ui } from './harness';

const BREAKER = 'relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/value';

/**
 * The MQTT page against the built `relaygate serve` running the feeder project with its MQTT set to the
 * embedded broker (aedes, on a free port of 127.0.0.1): the broker connection and counters, the
 * messages the gateway published — the same an independent subscriber on that broker receives — a
 * change at the relay arriving as a new message, and the topic filter (words, and + / # filters).
 */
describe('the MQTT page shows what the gateway publishes to the embedded broker', () => {
  let ui: Ui;
  let sim: Simulator;
  let path: string;
  let mqttPort: number;
  let sub: Subscriber | undefined;
  let setup: Promise<void>;

  beforeAll(() => {
    setup = (async () => {
      sim = await Simulator.start({ scl: FEEDER_SCL });
      mqttPort = await freePort();
      const project = await demoProject(FEEDER_SCL, sim.port, await freePort(), mqttPort);
      path = join(mkdtempSync(join(tmpdir(), 'rg-e2e-')), 'feeder-mqtt.json');
      await writeProjectFile(path, { ...project, name: 'Feeder MQTT' });
      ui = await startUi();
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    await sub?.close();
    if (ui) expect(await ui.close()).toBe(0);
    await sim?.stop();
  });

  it('shows the embedded broker in the settings, and the publisher stopped before the runtime starts', async () => {
    await setup;
    const { page } = ui;
    await page.goto(ui.url);
    await openProjectByPath(page, path, 'Feeder MQTT');
    await goTo(page, 'MQTT', 'MQTT publisher');
    const settings = page.getByRole('form', { name: 'MQTT settings' });
    expect(await settings.getByRole('checkbox', { name: /Run an embedded broker/ }).isChecked()).toBe(true);
    expect(await settings.getByLabel('Embedded broker port').inputValue()).toBe(String(mqttPort));
    expect(await page.getByTestId('mqtt-connection').textContent()).toBe('stopped');
    expect(await page.getByTestId('mqtt-sent').textContent()).toBe('0');
  });

  it('lists the messages the broker received, with the counters, once the runtime runs', async () => {
    const { page } = ui;
    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await eventually('all ok', () => page.getByTestId('grid-count').textContent(), (t) => t === '28 of 28 points');
    // An independent client on the embedded broker: what the page lists was published there.
    sub = await Subscriber.connect(`mqtt://127.0.0.1:${mqttPort}`, ['relaygate/#']);
    await goTo(page, 'MQTT', 'MQTT publisher');
    await eventually('connected', () => page.getByTestId('mqtt-connection').textContent(), (t) => t === 'connected');
    const broker = page.getByRole('region', { name: 'MQTT broker' });
    expect(await broker.textContent()).toContain(`mqtt://127.0.0.1:${mqttPort}`);
    const sent = Number(await page.getByTestId('mqtt-sent').textContent());
    expect(sent).toBeGreaterThan(28);
    expect(await page.getByTestId('mqtt-dropped').textContent()).toBe('0');

    const table = page.getByRole('table', { name: 'Published messages' });
    const row = (topic: string) => table.locator('tbody tr').filter({ has: page.getByRole('cell', { name: topic, exact: true }) });
    // What the page lists is what the broker carried. The page sees the publisher's last 100 messages
    // once a second, and the start publishes about 116 at once (the gateway and IED status first), so
    // which of the first ones it caught depends on timing: the newest /value row of each topic is
    // compared with what the independent subscriber received on that topic.
    await row(BREAKER).first().waitFor();
    const cells = await table.locator('tbody tr').evaluateAll((trs: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }[]) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
    const newest = new Map<string, string>();
    for (const [, topic = '', payload = ''] of cells) if (topic.endsWith('/value') && !newest.has(topic)) newest.set(topic, payload);
    expect(newest.size).toBeGreaterThanOrEqual(5);
    for (const [topic, payload] of newest) await sub.waitText(topic, payload);
    expect((await sub.waitText('relaygate/status', 'online')).retain).toBe(true);
    await sub.waitText('relaygate/FDR1/status', 'connected');

    // A change at the relay: a new message on the page, the same the subscriber gets.
    const before = (await sub.waitFor((m) => m.topic === BREAKER)).text;
    const next = before === 'open' ? 'closed' : 'open';
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: next });
    await sub.waitText(BREAKER, next);
    await eventually('the breaker on the page', () => row(BREAKER).first().getByRole('cell').nth(2).textContent(), (t) => t === next);
    await eventually('published counted', () => page.getByTestId('mqtt-sent').textContent(), (t) => Number(t) > sent);
  });

  it('filters by topic words and by an MQTT topic filter', async () => {
    const { page } = ui;
    const table = page.getByRole('table', { name: 'Published messages' });
    const topics = async () => table.locator('tbody tr td:nth-child(2)').allTextContents();
    const filter = page.getByRole('searchbox', { name: 'Filter by topic' });

    await filter.fill('q0xcbr1 value');
    const words = await topics();
    expect(words.length).toBeGreaterThanOrEqual(2);
    expect(new Set(words)).toEqual(new Set([BREAKER]));
    expect(await page.getByTestId('mqtt-message-count').textContent()).toMatch(new RegExp(`^${words.length} of \\d+ messages$`));

    await filter.fill('relaygate/+/status');
    expect(new Set(await topics())).toEqual(new Set(['relaygate/FDR1/status']));
    await filter.fill('relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/#');
    expect(new Set(await topics())).toEqual(new Set([BREAKER, BREAKER.replace(/value$/, 'state')]));
    // The state topic carries the JSON the conventions give, with the value the relay set.
    const state = table.locator('tbody tr').filter({ hasText: BREAKER.replace(/value$/, 'state') }).first();
    expect(JSON.parse((await state.getByRole('cell').nth(2).textContent()) ?? '')).toMatchObject({ type: 'dbpos', status: 'ok', ref: 'FDR1CTRL/Q0XCBR1.Pos.stVal', fc: 'ST' });

    await filter.fill('');
    await page.getByRole('region', { name: 'MQTT broker' }).evaluate((el) => el.scrollIntoView());
    await ui.shot('mqtt-messages');
  });

  it('keeps the final counters after the runtime stops', async () => {
    const { page } = ui;
    const sent = await page.getByTestId('mqtt-sent').textContent();
    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await goTo(page, 'MQTT', 'MQTT publisher');
    await eventually('stopped', () => page.getByTestId('mqtt-connection').textContent(), (t) => t === 'stopped');
    expect(Number(await page.getByTestId('mqtt-sent').textContent())).toBeGreaterThanOrEqual(Number(sent));
  });

  it('edits the Sparkplug group and primary host, refusing what cannot be a topic level', async () => {
    const { page } = ui;
    const settings = page.getByRole('form', { name: 'MQTT settings' });
    expect(await settings.getByLabel('Primary host id').count()).toBe(0);
    await settings.getByRole('combobox', { name: 'Payload' }).selectOption('sparkplug');
    const host = settings.getByLabel('Primary host id');
    await host.fill('scada/1');
    await host.blur();
    await settings.getByText("the primary host id is one MQTT topic level: '/' is not allowed").waitFor();
    await host.fill('scada1');
    await host.blur();
    await eventually('the error gone', () => settings.locator('.field-error').count(), (n) => n === 0);
    const group = settings.getByLabel('Sparkplug group id');
    await group.fill('Substation A');
    await group.blur();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = async () => (JSON.parse(readFileSync(path, 'utf8')) as { mqtt: { payload: string; sparkplug?: unknown } }).mqtt;
    await eventually('saved', saved, (m) => m.payload === 'sparkplug');
    expect((await saved()).sparkplug).toEqual({ groupId: 'Substation A', primaryHostId: 'scada1' });
    await host.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await ui.shot('mqtt-sparkplug-settings');
  });

  it('logged no errors in the page', () => {
    expect(ui.errors).toEqual([]);
  });
});
