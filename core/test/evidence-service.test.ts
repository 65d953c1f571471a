import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, channels, type ChannelName, type HandlerParams, type JobProgress, type Project } from '../contract';
import { chromiumPrinter } from '../print';
import { GatewayService } from '../service';
import { Simulator } from '../sim';
import { runBuiltCli } from './support/cli-process';
import { FEEDER_SCL } from './support/feeder-project';
import { parseHtml, sectionRows } from './support/html-check';
import { freePort } from './support/mosquitto';

/**
 * The service's commissioning channels (verifyProject, exportReport) on the project `init` writes for the
 * simulated feeder relay: jobs with progress and cancellation, the report inline or written on the host,
 * the PDF through Chromium, and the last check carried into a later report.
 */

let dir: string;
let sim: Simulator;
let service: GatewayService;
let project: Project;
const progress: JobProgress[] = [];

const params = <K extends ChannelName>(name: K, raw: unknown): HandlerParams<K> => channels[name].params.parse(raw) as HandlerParams<K>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-evidence-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
  sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 7.5, time: '2026-05-06T07:08:09.500Z' });
  const path = join(dir, 'feeder.json');
  const init = await runBuiltCli(['init', FEEDER_SCL, '--host', `127.0.0.1:${sim.port}`, '--out', path]);
  expect(init.code).toBe(0);
  project = ProjectSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  service = new GatewayService({ mode: 'serve', version: '0.0.0-test', statusPeriodMs: 0, pdf: chromiumPrinter(process.env) });
  service.on('jobProgress', (p) => progress.push(p));
  await service.openProject({ path });
});

afterAll(async () => {
  service.dispose();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('verifyProject', () => {
  it('cancelJob stops a running check: it rejects with the reason, and the next check runs', async () => {
    const running = service.verifyProject(params('verifyProject', { jobId: 'v-cancel' }));
    const settled = running.then(
      () => 'finished',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    for (let i = 0; i < 200 && !progress.some((p) => p.jobId === 'v-cancel'); i++) await new Promise((r) => setTimeout(r, 25));
    expect((await service.cancelJob({ jobId: 'v-cancel' })).cancelled).toBe(true);
    expect(await settled).toBe('cancelled by the user');
    expect((await service.cancelJob({ jobId: 'v-cancel' })).cancelled).toBe(false);
  }, 60_000);

  it('checks the open project as relaygate verify does, with jobProgress of kind verify through every phase', async () => {
    const report = await service.verifyProject(params('verifyProject', { jobId: 'v1' }));
    expect(report.summary).toEqual({ points: project.points.length, passed: project.points.length, failed: 0, notRun: 0 });
    expect(report.passed).toBe(true);
    expect(report.points.every((p) => p.result === 'pass' && p.checks > 0)).toBe(true);
    const mine = progress.filter((p) => p.jobId === 'v1');
    expect(mine.every((p) => p.kind === 'verify')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ phase: 'done', done: project.points.length, total: project.points.length, detail: 'every point passed' });
  }, 90_000);
});

describe('exportReport', () => {
  it('inline: the probed values, the identity and the check kept from verifyProject, as valid HTML', async () => {
    const r = await service.exportReport(params('exportReport', { jobId: 'r1', probe: true }));
    expect(r.verified).toBe('passed');
    expect(r.warnings).toEqual([]);
    expect(r.fileName).toMatch(/^[A-Za-z0-9._-]+-fat-report-\d{4}-\d{2}-\d{2}\.html$/);
    expect(r.pdfBase64).toBeNull();
    expect(r.pdfError).toBeNull();
    const doc = parseHtml(r.html ?? '');
    expect(doc.errors).toEqual([]);
    const totW = sectionRows(doc, 'points').find((c) => c[1] === 'MEAS_MMXU1_TotW_mag_f');
    expect(totW?.slice(8)).toEqual(['7.5', 'good', '2026-05-06T07:08:09.500Z', 'ok']);
    expect(sectionRows(doc, 'ieds').find((c) => c[0] === 'FDR1')?.slice(7, 10)).toEqual(['RelayGate', 'RG-F100', '1.0']);
    const checklist = sectionRows(doc, 'verify').filter((c) => c.length === 11);
    expect(checklist).toHaveLength(project.points.length);
    expect(checklist.every((c) => c[0] === 'PASS')).toBe(true);
    const phases = new Set(progress.filter((p) => p.jobId === 'r1').map((p) => `${p.kind} ${p.phase}`));
    expect(phases).toContain('report render');
  }, 60_000);

  it('to a path on the host, with the PDF printed by Chromium beside it (pdftoppm renders page 1)', async () => {
    const path = join(dir, 'fat.html');
    const r = await service.exportReport(params('exportReport', { jobId: 'r2', pdf: true, path }));
    expect(r).toMatchObject({ html: null, pdfBase64: null, htmlPath: path, pdfPath: join(dir, 'fat.pdf'), pdfError: null });
    expect(parseHtml(readFileSync(path, 'utf8')).errors).toEqual([]);
    expect(readFileSync(join(dir, 'fat.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const png = join(dir, 'fat-page');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', join(dir, 'fat.pdf'), png]);
    expect(existsSync(`${png}.png`)).toBe(true);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(5_000);
  }, 60_000);

  it('an IED that cannot be reached is a warning and disconnected points; no printer is a pdfError, not a failure', async () => {
    const plain = new GatewayService({ mode: 'serve', version: '0.0.0-test', statusPeriodMs: 0 });
    try {
      const dead = await freePort();
      const edited = { ...project, ieds: project.ieds.map((i) => ({ ...i, port: dead, connectTimeoutMs: 1000 })) };
      const r = await plain.exportReport(params('exportReport', { jobId: 'r3', project: edited, probe: true, pdf: true }));
      expect(r.verified).toBe('none');
      expect(r.pdfBase64).toBeNull();
      expect(r.pdfError).toMatch(/^this host cannot print a PDF/);
      expect(r.warnings).toEqual([expect.stringMatching(new RegExp(`^IED FDR1 could not be probed \\(cannot connect to 127\\.0\\.0\\.1:${dead}: `))]);
      const doc = parseHtml(r.html ?? '');
      const statuses = sectionRows(doc, 'points');
      expect(statuses).toHaveLength(project.points.length);
      for (const c of statuses) expect(c.slice(8)).toEqual(['—', '—', '—', expect.stringMatching(/^disconnected: cannot connect/)]);
    } finally {
      plain.dispose();
    }
  }, 60_000);
});
