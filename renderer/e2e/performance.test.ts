import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema } from '../../core/contract';
import { writeProjectFile } from '../../core/runtime';
import { bigIedRefs } from '../../core/test/support/big-station';
import { REPO_ROOT } from '../../core/test/support/cli-process';
import { SHOTS, eventually, goTo, startUi, type Ui } from './harness';

/**
 * The live grid under load, in chromium: 20,000 points (two generated IEDs of 10,000 analogue inputs,
 * simulated in a separate process, every value changed every 500 ms and polled every 500 ms) reach the
 * browser as change batches. For 20 s, while the grid is scrolled, no task on the page's main thread
 * may take over 100 ms (PerformanceObserver 'longtask'); frame times are recorded for
 * docs/BENCHMARKS.md (test-output/e2e/performance.json).
 *
 * A long task is wall-clock time: on a machine whose other work keeps every core busy, the page's
 * thread is descheduled in the middle of its tasks and they stretch whatever the page does. The test's
 * own processes (serve, two simulators, chromium) make a load average of 1.1–1.9 per core on two cores;
 * with pointBatch in rows form the bound held with one and two busy-looping processes added (2.1–2.8
 * per core, docs/BENCHMARKS.md). So the 100 ms bound is judged when the load average stayed below
 * 2.5 per core during the run (and always with RELAYGATE_PERF_STRICT=1); above it the figures are
 * recorded with the load, and the test says it did not judge them. That 20,000 points arrive and keep
 * changing is checked on every run.
 */
const IEDS = [
  { name: 'BIGA', lns: 20, perLn: 10, width: 50 },
  { name: 'BIGB', lns: 20, perLn: 10, width: 50 },
];
const PERIOD_MS = 500;
const MEASURE_MS = 20_000;
/** Load average per core above which the long-task bound is recorded but not judged (see above). */
const MAX_JUDGED_LOAD = 2.5;

interface Perf {
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

describe('the live grid with 20,000 points at 2 Hz', () => {
  let ui: Ui;
  const loads: ChildProcess[] = [];
  let loadErr = '';
  let path: string;
  let setup: Promise<void>;

  beforeAll(() => {
    setup = (async () => {
      // One process per IED, so the load uses both cores as a real station's IEDs would not share one.
      const ports: Record<string, number> = {};
      for (const ied of IEDS) {
        const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'renderer', 'e2e', 'support', 'load-child.ts'), JSON.stringify({ ieds: [ied], periodMs: PERIOD_MS })], {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        loads.push(child);
        child.stderr?.on('data', (d: Buffer) => (loadErr += `${ied.name}: ${d.toString()}`));
        Object.assign(
          ports,
          await new Promise<Record<string, number>>((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`the load simulator did not start: ${loadErr}`)), 60_000);
            createInterface({ input: child.stdout! }).on('line', (line) => {
              if (!line.startsWith('ready ')) return;
              clearTimeout(timer);
              ok(Object.fromEntries(line.slice(6).split(' ').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])])));
            });
          }),
        );
      }
      const project = ProjectSchema.parse({
        schemaVersion: 1,
        name: 'Load 20000',
        ieds: IEDS.map((d) => ({ id: d.name, host: '127.0.0.1', port: ports[d.name], pollGroups: [{ id: 'default', periodMs: PERIOD_MS }] })),
        points: IEDS.flatMap((d) => bigIedRefs(d.name, d.lns, d.perLn, d.width).map((ref, i) => ({ id: `p${i}`, ied: d.name, ref, fc: 'MX', type: 'float32', source: 'poll' }))),
        modbus: { enabled: false },
        mqtt: { enabled: false },
      });
      path = join(mkdtempSync(join(tmpdir(), 'rg-perf-')), 'load.json');
      await writeProjectFile(path, project);
      ui = await startUi({ args: ['--project', path] });
    })();
    return setup.catch(() => undefined);
  });

  afterAll(async () => {
    if (ui) expect(await ui.close()).toBe(0);
    for (const l of loads) l.kill('SIGTERM');
  });

  it('starts the project the service was given and shows all 20,000 points live', async () => {
    await setup;
    const { page } = ui;
    // What reaches the page is counted in the page, from the WebSocket's own messages: DevTools' Network
    // domain would record every 125 kB frame on the page's main thread and inflate the very tasks measured.
    await page.addInitScript(`(() => {
      const count = (window.__rgCount = { on: false, batches: 0, rowsBatches: 0, changes: 0 });
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', (e) => {
            if (!count.on || typeof e.data !== 'string' || !e.data.startsWith('{"event":"pointBatch"')) return;
            count.batches++;
            // Rows form (core/contract/point-rows.ts): rows come last, one array of scalars and
            // objects each, so "],[" separates them and nothing else after "rows":[.
            const at = e.data.indexOf('"rows":[');
            if (at < 0) count.changes += e.data.split('"key":').length - 1;
            else {
              count.rowsBatches++;
              if (e.data[at + 8] !== ']') count.changes += e.data.slice(at).split('],[').length;
            }
          });
        }
      };
    })()`);
    await page.goto(ui.url);
    await goTo(page, 'Runtime');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await eventually('20,000 points', () => page.getByTestId('grid-count').textContent(), (t) => t === '20000 of 20000 points', 60_000);
    const value = () => page.locator('[data-key="BIGA/p0"]').getByRole('cell').nth(1).textContent();
    await eventually('first value', value, (v) => v !== '—', 30_000);
  });

  it('runs 20 s of updates and scrolling with no long task over 100 ms', async () => {
    const { page } = ui;
    const first = await page.locator('[data-key="BIGA/p0"]').getByRole('cell').nth(1).textContent();
    // Run in the page (its own globals): long tasks from the PerformanceObserver, frame times from rAF.
    await page.evaluate(`(() => {
      const perf = (window.__perf = { longTasks: [], frames: [], stop: false });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) perf.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const frame = (t) => {
        perf.frames.push(t - last);
        last = t;
        if (!perf.stop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    })()`);
    await page.evaluate('window.__rgCount.on = true');
    const loads = [loadavg()[0] ?? 0];
    const grid = page.locator('.grid-scroll');
    const end = Date.now() + MEASURE_MS;
    let changed = 0;
    let previous = first;
    for (let step = 0; Date.now() < end; step++) {
      // Down the grid and back, as a user looking for a row would.
      await grid.evaluate((el, s) => (el.scrollTop = ((s * 3000) % (el.scrollHeight - el.clientHeight)) || 0), step);
      await page.waitForTimeout(500);
      await grid.evaluate((el) => (el.scrollTop = 0));
      const now = await page.locator('[data-key="BIGA/p0"]').getByRole('cell').nth(1).textContent();
      if (now !== previous) changed++;
      previous = now;
    }
    loads.push(loadavg()[0] ?? 0);
    const perf = (await page.evaluate('(() => { window.__perf.stop = true; return { longTasks: window.__perf.longTasks, frames: window.__perf.frames.slice(1) }; })()')) as Perf;
    const { batches, rowsBatches, changes } = (await page.evaluate('(() => { window.__rgCount.on = false; return window.__rgCount; })()')) as { batches: number; rowsBatches: number; changes: number };
    const sorted = [...perf.frames].sort((a, b) => a - b);
    const q = (p: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1));
    const summary = {
      points: 20_000,
      updatesPerPointPerSecond: 1000 / PERIOD_MS,
      seconds: MEASURE_MS / 1000,
      frames: perf.frames.length,
      frameMs: { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) },
      longTasks: perf.longTasks.length,
      longestTaskMs: Number(Math.max(0, ...perf.longTasks.map((t) => t.duration)).toFixed(1)),
      valueChangesSeen: changed,
      batchesPerSecond: Number((batches / (MEASURE_MS / 1000)).toFixed(1)),
      changesPerSecond: Math.round(changes / (MEASURE_MS / 1000)),
      loadAveragePerCore: Number((Math.max(...loads) / cpus().length).toFixed(2)),
      load: loadErr.trim().split('\n').slice(-4),
    };
    writeFileSync(join(SHOTS, 'performance.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`performance: ${JSON.stringify(summary)}`);
    await ui.shot('runtime-20000');
    // The sampled row is read every 500 ms; it must be seen changing, whatever the machine.
    expect(changed).toBeGreaterThanOrEqual(3);
    // The UI asks for pointBatch in rows form (core/contract/point-rows.ts) and gets nothing else.
    expect(rowsBatches).toBe(batches);
    // 40,000 changes a second are offered; a quarter of one full update of the 20,000 points per second
    // must reach the page however loaded the machine (a quiet one takes all of them).
    expect(summary.changesPerSecond).toBeGreaterThan(5000);
    const strict = process.env.RELAYGATE_PERF_STRICT === '1' || summary.loadAveragePerCore < MAX_JUDGED_LOAD;
    const over = perf.longTasks.filter((t) => t.duration > 100);
    if (strict) expect(over).toEqual([]);
    else console.warn(`performance: the 100 ms long-task bound was not judged: load average ${summary.loadAveragePerCore} per core (${over.length} tasks over 100 ms, longest ${summary.longestTaskMs} ms)`);
  });
});
