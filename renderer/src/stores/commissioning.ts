import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExportReportResult, JobProgress, Project, VerifyReport } from '../../../core/contract';
import type { Backend } from '../api/backend';
import { errorText } from '../error-text';
import { counted } from '../format';
import { followJobProgress, newJobId } from './jobs';

/** What an export did, as the page says it: the files saved here and what the service warned about. */
export interface ExportOutcome {
  htmlName: string;
  /** The PDF saved here; null when none was asked or none could be made. */
  pdfName: string | null;
  /** Why no PDF was made when one was asked (the service's pdfError). */
  pdfError: string | null;
  verified: ExportReportResult['verified'];
  warnings: string[];
}

export interface CommissioningJob {
  id: string;
  kind: 'verify' | 'report';
  label: string;
  progress: JobProgress | null;
}

export interface CommissioningState {
  /** The check or the export running now, with its last progress; null when idle. */
  job: CommissioningJob | null;
  /** The last point-to-point check of this session; null until one ran. */
  report: VerifyReport | null;
  /** The last export; null until one was made. */
  exported: ExportOutcome | null;
  /** The last failure, as what happened and what to do next; null when none. */
  error: string | null;
  /** Only the rows that did not pass. */
  failedOnly: boolean;
  /** The client's Modbus map to check against (an HMI signal list as `modbus-map --csv` text); null: the project's own. */
  clientMap: { name: string; csv: string } | null;
}

/** Hands a file to the user (the browser's download; a save dialog in the desktop window). */
export type SaveFile = (name: string, data: string | Uint8Array, type: string) => void;

export interface CommissioningStore extends StoreApi<CommissioningState> {
  /** Runs verifyProject on the project as edited (the open one when null). */
  verify(project: Project | null): Promise<void>;
  /** Runs exportReport and saves the HTML (and the PDF when asked and made). */
  exportReport(project: Project | null, options: { probe: boolean; pdf: boolean }): Promise<void>;
  cancel(): void;
  setFailedOnly(on: boolean): void;
  setClientMap(map: { name: string; csv: string } | null): void;
  clearError(): void;
  dispose(): void;
}

/** The failure as one line that also says what to do; a cancel is said as such, not as an error. */
function failure(what: 'check' | 'report', err: unknown): string {
  const text = errorText(err);
  if (text === 'cancelled by the user') return what === 'check' ? 'The check was cancelled: nothing was kept from it. Run it again when ready.' : 'The export was cancelled: no file was saved.';
  const next =
    what === 'check'
      ? 'Check that each IED has its SCL file or cloned model beside the project (IEDs page), then run the check again; the Diagnostics log has the details.'
      : 'Try again without the live read if the IEDs cannot be reached; a very large station is reported with `relaygate report --out FILE`.';
  return `${text}. ${next}`;
}

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The commissioning page's jobs: the point-to-point check (verifyProject) and the FAT/SAT report
 * (exportReport), one at a time, each with its jobProgress and Cancel (cancelJob). The service keeps the
 * last check of an unchanged project, so a later report includes it without checking again.
 */
export function createCommissioningStore(backend: Backend, save: SaveFile): CommissioningStore {
  const store = createStore<CommissioningState>(() => ({ job: null, report: null, exported: null, error: null, failedOnly: false, clientMap: null }));
  const unsubscribe = followJobProgress(backend, store);
  const run = async <T>(kind: CommissioningJob['kind'], label: string, call: (jobId: string) => Promise<T>): Promise<T | null> => {
    if (store.getState().job) return null;
    const id = newJobId(kind);
    store.setState({ job: { id, kind, label, progress: null }, error: null });
    try {
      return await call(id);
    } catch (err) {
      store.setState({ error: failure(kind === 'verify' ? 'check' : 'report', err) });
      return null;
    } finally {
      if (store.getState().job?.id === id) store.setState({ job: null });
    }
  };

  return Object.assign(store, {
    async verify(project: Project | null) {
      const label = project ? `Checking ${counted(project.points.length, 'point')} of ${project.name}` : 'Checking the open project';
      const map = store.getState().clientMap;
      const report = await run('verify', label, (jobId) => backend.api.verifyProject({ jobId, ...(project ? { project } : {}), ...(map ? { mapCsv: map.csv, mapName: map.name } : {}) }));
      if (report) store.setState({ report });
    },
    async exportReport(project: Project | null, options: { probe: boolean; pdf: boolean }) {
      const label = `Making the FAT report${options.probe ? ', reading every point live' : ''}${options.pdf ? ', with a PDF' : ''}`;
      const result = await run('report', label, (jobId) => backend.api.exportReport({ jobId, ...(project ? { project } : {}), probe: options.probe, pdf: options.pdf }));
      if (!result) return;
      if (result.html === null) {
        store.setState({ error: `The service wrote the report on its host (${result.htmlPath ?? 'no path'}) instead of sending it. Export it again from this page.` });
        return;
      }
      save(result.fileName, result.html, 'text/html');
      const pdfName = result.pdfBase64 ? result.fileName.replace(/\.html?$/i, '.pdf') : null;
      if (result.pdfBase64 && pdfName) save(pdfName, decodeBase64(result.pdfBase64), 'application/pdf');
      store.setState({ exported: { htmlName: result.fileName, pdfName, pdfError: result.pdfError, verified: result.verified, warnings: result.warnings } });
    },
    cancel() {
      const job = store.getState().job;
      if (job) void backend.api.cancelJob({ jobId: job.id }).catch(() => undefined);
    },
    setFailedOnly: (failedOnly: boolean) => store.setState({ failedOnly }),
    setClientMap: (clientMap: { name: string; csv: string } | null) => store.setState({ clientMap }),
    clearError: () => store.setState({ error: null }),
    dispose: unsubscribe,
  });
}
