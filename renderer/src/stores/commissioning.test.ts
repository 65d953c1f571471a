import { describe, expect, it } from 'vitest';
import type { ExportReportParams, ExportReportResult, Project, VerifyProjectParams, VerifyReport } from '../../../core/contract';
import { fakeBackend } from '../test-support/fake-backend';
import { createCommissioningStore } from './commissioning';

const report = (passed: boolean): VerifyReport => ({
  project: 'Feeder',
  projectPath: null,
  version: '0.0.0',
  startedAt: '2026-12-03T19:00:00.000Z',
  durationMs: 1200,
  map: 'the project map',
  modbus: '127.0.0.1:40123',
  mqtt: null,
  notes: [],
  steps: [],
  ieds: [],
  points: [],
  summary: { points: 2, passed: passed ? 2 : 1, failed: passed ? 0 : 1, notRun: 0 },
  passed,
});

const result = (over: Partial<ExportReportResult> = {}): ExportReportResult => ({
  html: '<!doctype html><title>r</title>',
  fileName: 'Feeder-fat-report-2026-12-03.html',
  pdfBase64: null,
  htmlPath: null,
  pdfPath: null,
  pdfError: null,
  verified: 'none',
  warnings: [],
  ...over,
});

const project = { name: 'Feeder', points: [{}, {}] } as unknown as Project;

type Saved = { name: string; data: string | Uint8Array; type: string };

describe('commissioning store', () => {
  it('runs the check as a job with the edited project, shows its progress and keeps the report', async () => {
    const calls: VerifyProjectParams[] = [];
    let finish: (r: VerifyReport) => void = () => undefined;
    const fake = fakeBackend({
      verifyProject: (p: VerifyProjectParams) => {
        calls.push(p);
        return new Promise<VerifyReport>((ok) => (finish = ok));
      },
    });
    const store = createCommissioningStore(fake.backend, () => undefined);
    const running = store.verify(project);
    const job = store.getState().job;
    expect(job).toMatchObject({ kind: 'verify', label: 'Checking 2 points of Feeder', progress: null });
    expect(calls).toEqual([{ jobId: job?.id, project }]);
    fake.emit('jobProgress', { jobId: 'someone-else', kind: 'probe', phase: 'read', detail: '', done: 1, total: 9 });
    expect(store.getState().job?.progress).toBeNull();
    fake.emit('jobProgress', { jobId: job!.id, kind: 'verify', phase: 'step good', detail: 'step good: good', done: 1, total: 2 });
    expect(store.getState().job?.progress).toMatchObject({ phase: 'step good', done: 1, total: 2 });
    await store.verify(project); // one job at a time: a second click does nothing
    expect(calls).toHaveLength(1);
    finish(report(true));
    await running;
    expect(store.getState()).toMatchObject({ job: null, error: null, report: { passed: true } });
    // With a client map uploaded, the check is against it, by its name; cleared, against the project's again.
    store.setClientMap({ name: 'hmi.csv', csv: 'ied,point\n' });
    const withMap = store.verify(project);
    expect(calls.at(-1)).toEqual({ jobId: store.getState().job?.id, project, mapCsv: 'ied,point\n', mapName: 'hmi.csv' });
    finish(report(false));
    await withMap;
    store.setClientMap(null);
    void store.verify(null);
    expect(calls.at(-1)).toEqual({ jobId: store.getState().job?.id });
  });

  it('Cancel asks the service to stop this job; the rejection is said as a cancel, and the last report stays', async () => {
    const cancelled: string[] = [];
    let fail: (e: Error) => void = () => undefined;
    let first = true;
    const fake = fakeBackend({
      verifyProject: () => (first ? ((first = false), Promise.resolve(report(false))) : new Promise<VerifyReport>((_ok, no) => (fail = no))),
      cancelJob: async ({ jobId }) => {
        cancelled.push(jobId);
        fail(new Error('cancelled by the user'));
        return { cancelled: true };
      },
    });
    const store = createCommissioningStore(fake.backend, () => undefined);
    await store.verify(null);
    const running = store.verify(null);
    const id = store.getState().job!.id;
    store.cancel();
    await running;
    expect(cancelled).toEqual([id]);
    expect(store.getState().job).toBeNull();
    expect(store.getState().error).toMatch(/^The check was cancelled/);
    expect(store.getState().report?.passed).toBe(false);
  });

  it('a failed check says what happened and what to do next', async () => {
    const store = createCommissioningStore(fakeBackend({ verifyProject: () => Promise.reject(new Error('IED FDR1: no SCL or model to serve it from')) }).backend, () => undefined);
    await store.verify(project);
    expect(store.getState().error).toMatch(/^IED FDR1: no SCL or model to serve it from\. Check that each IED has its SCL file/);
    store.clearError();
    expect(store.getState().error).toBeNull();
  });

  it('exports: saves the HTML and the PDF bytes it was sent, with the options asked', async () => {
    const calls: ExportReportParams[] = [];
    const saved: Saved[] = [];
    const pdf = '%PDF-1.4 x';
    const store = createCommissioningStore(
      fakeBackend({
        exportReport: async (p: ExportReportParams) => {
          calls.push(p);
          return result({ pdfBase64: btoa(pdf), verified: 'passed' });
        },
      }).backend,
      (name, data, type) => saved.push({ name, data, type }),
    );
    await store.exportReport(project, { probe: true, pdf: true });
    expect(calls).toEqual([{ jobId: expect.stringMatching(/^report-/), project, probe: true, pdf: true }]);
    expect(saved.map((s) => [s.name, s.type])).toEqual([
      ['Feeder-fat-report-2026-12-03.html', 'text/html'],
      ['Feeder-fat-report-2026-12-03.pdf', 'application/pdf'],
    ]);
    expect(saved[0]?.data).toBe('<!doctype html><title>r</title>');
    expect(new TextDecoder().decode(saved[1]?.data as Uint8Array)).toBe(pdf);
    expect(store.getState().exported).toEqual({ htmlName: 'Feeder-fat-report-2026-12-03.html', pdfName: 'Feeder-fat-report-2026-12-03.pdf', pdfError: null, verified: 'passed', warnings: [] });
  });

  it('no PDF from the service: the HTML is saved and pdfError is kept to be shown', async () => {
    const saved: Saved[] = [];
    const store = createCommissioningStore(
      fakeBackend({ exportReport: async () => result({ pdfError: 'this host cannot print a PDF: no Chromium found', warnings: ['IED FDR1 could not be probed'] }) }).backend,
      (name, data, type) => saved.push({ name, data, type }),
    );
    await store.exportReport(null, { probe: false, pdf: true });
    expect(saved.map((s) => s.name)).toEqual(['Feeder-fat-report-2026-12-03.html']);
    expect(store.getState().exported).toMatchObject({ pdfName: null, pdfError: 'this host cannot print a PDF: no Chromium found', warnings: ['IED FDR1 could not be probed'] });
  });

  it('a failed export saves nothing and says what to try', async () => {
    const saved: Saved[] = [];
    const store = createCommissioningStore(fakeBackend({ exportReport: () => Promise.reject(new Error('the report is 5 MiB: too big to send')) }).backend, (name, data, type) =>
      saved.push({ name, data, type }),
    );
    await store.exportReport(project, { probe: false, pdf: false });
    expect(saved).toEqual([]);
    expect(store.getState().error).toMatch(/^the report is 5 MiB: too big to send\. .*relaygate report --out FILE/);
    expect(store.getState().job).toBeNull();
  });

  it('the filter and dispose', () => {
    const fake = fakeBackend({});
    const store = createCommissioningStore(fake.backend, () => undefined);
    store.setFailedOnly(true);
    expect(store.getState().failedOnly).toBe(true);
    expect(fake.listenerCount()).toBe(1);
    store.dispose();
    expect(fake.listenerCount()).toBe(0);
  });
});
