import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Progress } from '../../components/Progress';
import { commissioningStore, useCommissioning, useProject, useSession, useStatus } from '../../stores';
import { Checklist } from './Checklist';

/** The running job: what it is, how far (points seen in this phase), what it is doing, and Cancel. */
function JobLine() {
  const job = useCommissioning((s) => s.job);
  if (!job) return null;
  const p = job.progress;
  const detail = p ? [p.phase, p.detail].filter(Boolean).join(': ') : 'starting';
  return (
    <div className="job" aria-live="polite" data-testid="commissioning-job">
      <Progress label={job.label} {...(p && p.total > 0 ? { done: p.done, total: p.total } : {})} detail={detail} />
      <button type="button" onClick={() => commissioningStore.cancel()}>
        Cancel
      </button>
    </div>
  );
}

/** The map checked against: the project's own, or an HMI's signal list uploaded as `modbus-map --csv` text. */
function ClientMap({ disabled }: { disabled: boolean }) {
  const map = useCommissioning((s) => s.clientMap);
  const choose = async (file: File | undefined) => {
    if (file) commissioningStore.setClientMap({ name: file.name, csv: await file.text() });
  };
  return (
    <div className="toolbar">
      {map ? (
        <>
          <span>
            Against the client map <span className="mono">{map.name}</span>
          </span>
          <button type="button" className="link" onClick={() => commissioningStore.setClientMap(null)}>
            Use the project&apos;s map
          </button>
        </>
      ) : (
        <label>
          Check against an HMI map (CSV, optional){' '}
          <input type="file" accept=".csv,text/csv" disabled={disabled} onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
      )}
    </div>
  );
}

/** What the last export saved, the PDF's fate when one was asked, and the report's warnings. */
function ExportResult() {
  const exported = useCommissioning((s) => s.exported);
  if (!exported) return null;
  const check = exported.verified === 'none' ? 'no point-to-point check in it (run one first to include it)' : `the point-to-point check in it ${exported.verified}`;
  return (
    <>
      <Alert kind={exported.warnings.length > 0 || exported.verified === 'failed' ? 'warning' : 'success'} title="FAT report exported">
        Saved {exported.htmlName}
        {exported.pdfName ? ` and ${exported.pdfName}` : ''}; {check}.
        {exported.warnings.length > 0 ? (
          <ul className="problem-list">
            {exported.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </Alert>
      {exported.pdfError ? (
        <Alert kind="warning" title="No PDF was made">
          {exported.pdfError}. The HTML report was saved and is complete: a browser prints it to PDF too.
        </Alert>
      ) : null}
    </>
  );
}

/**
 * Commissioning: the point-to-point check (the project's IEDs simulated, every point driven and read back
 * over Modbus and MQTT as an independent client would) and the FAT/SAT evidence report.
 */
export function CommissioningPage() {
  const project = useProject((s) => s.project);
  const serviceProject = useStatus((s) => s.status?.project ?? null);
  const operator = useSession((s) => s.session?.role === 'operator');
  const job = useCommissioning((s) => s.job);
  const report = useCommissioning((s) => s.report);
  const error = useCommissioning((s) => s.error);
  const [probe, setProbe] = useState(true);
  const [pdf, setPdf] = useState(false);

  const header = <PageHeader title="Commissioning" summary="The point-to-point check of every mapped point, and the FAT/SAT evidence report to hand over." />;
  if (!project && !serviceProject) {
    return (
      <>
        {header}
        <EmptyState title="No project open">
          <p>
            Open or create a project on the <a href="#/">start page</a>: the check and the report are made for it.
          </p>
        </EmptyState>
      </>
    );
  }
  const noPoints = project !== null && project.points.length === 0;
  const disabled = !operator || job !== null || noPoints;
  const why = !operator ? 'Operators only' : noPoints ? 'The project has no points: add an IED first' : undefined;

  return (
    <>
      {header}
      {!operator ? <p className="muted">You are a viewer: the check and the report start simulators and contact IEDs, so they are for operators.</p> : null}
      {noPoints ? (
        <p className="muted">
          The project has no points: <a href="#/ieds/add">add an IED</a> first.
        </p>
      ) : null}
      <div className="commissioning-actions">
        <section className="panel" aria-labelledby="verify-title">
          <h2 id="verify-title">Point-to-point check</h2>
          <p className="muted">Serves each IED from its SCL file or cloned model in a simulator, drives a good, an invalid and a test value for every point, and reads them back from the Modbus registers and MQTT topics.</p>
          <button type="button" className="primary" disabled={disabled} title={why} onClick={() => void commissioningStore.verify(project)}>
            Run point-to-point check
          </button>
          <ClientMap disabled={disabled} />
        </section>
        <section className="panel" aria-labelledby="report-title">
          <h2 id="report-title">FAT/SAT report</h2>
          <p className="muted">A self-contained HTML file: the project, the IEDs, the points, the Modbus map, the MQTT topics{report ? ' and the last check' : ''}.</p>
          <div className="toolbar">
            <label className="check">
              <input type="checkbox" checked={probe} onChange={(e) => setProbe(e.target.checked)} />
              Read every point live first
            </label>
            <label className="check">
              <input type="checkbox" checked={pdf} onChange={(e) => setPdf(e.target.checked)} />
              Also a PDF
            </label>
          </div>
          <button type="button" disabled={disabled} title={why} onClick={() => void commissioningStore.exportReport(project, { probe, pdf })}>
            Export FAT report
          </button>
        </section>
      </div>
      <JobLine />
      {error ? (
        <Alert title="Not finished" onDismiss={() => commissioningStore.clearError()}>
          {error}
        </Alert>
      ) : null}
      <ExportResult />
      {report ? <Checklist report={report} /> : <p className="table-empty">No check has run in this session: run the point-to-point check to see each point pass or fail.</p>}
    </>
  );
}
