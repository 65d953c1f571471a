import { Progress } from '../../components/Progress';
import type { WizardState } from './wizard-store';
import { wizardStore } from './store';

/** The job running now: what it is, how far (LDs and LNs of a discovery, FCDs of a probe), and Cancel. */
export function JobView({ job }: { job: NonNullable<WizardState['job']> }) {
  const p = job.progress;
  let detail: string | undefined;
  if (job.kind === 'discover' && p) {
    const parts = [p.lds ? `logical devices ${p.lds.done} of ${p.lds.total}` : null, p.lns ? `logical nodes ${p.lns.done} of ${p.lns.total}` : null];
    detail = [...parts.filter(Boolean), p.phase === 'data-sets' ? 'data sets' : p.phase === 'report-controls' ? 'report control blocks' : null].filter(Boolean).join(' · ');
  } else if (job.kind === 'probe' && p) detail = `${p.done} of ${p.total} data objects read`;
  return (
    <div className="job" aria-live="polite">
      <Progress label={job.label} {...(p && p.total > 0 ? { done: p.done, total: p.total } : {})} {...(detail ? { detail } : {})} />
      {job.kind !== 'scl' ? (
        <button type="button" onClick={() => wizardStore.cancel()}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
