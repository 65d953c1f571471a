import { Alert } from '../../components/Alert';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../stores';
import { AddStep } from './AddStep';
import { IpSource } from './IpSource';
import { JobView } from './JobView';
import { PointsStep } from './PointsStep';
import { ProbeStep } from './ProbeStep';
import { SclSource } from './SclSource';
import { useWizard, wizardStore } from './store';
import type { WizardStep } from './wizard-store';

const STEPS: { id: WizardStep; label: string }[] = [
  { id: 'source', label: 'Source' },
  { id: 'points', label: 'Points' },
  { id: 'probe', label: 'Probe' },
  { id: 'add', label: 'Add' },
];

/** The Add IED wizard (#/ieds/add): source, points, probe, add. */
export function WizardPage({ onDone }: { onDone: (message: string) => void }) {
  const step = useWizard((s) => s.step);
  const mode = useWizard((s) => s.mode);
  const job = useWizard((s) => s.job);
  const error = useWizard((s) => s.error);
  const ieds = useWizard((s) => s.ieds);
  const active = useWizard((s) => s.active);
  const operator = useSession((s) => s.session?.role === 'operator');
  const ied = ieds[active];
  const at = STEPS.findIndex((s) => s.id === step);

  return (
    <>
      <PageHeader
        title="Add IED"
        summary="From a relay's address or an SCL file to points in the project: discover, choose, probe, add."
        actions={
          <a
            className="button"
            href="#/ieds"
            onClick={() => {
              wizardStore.cancel();
              wizardStore.reset();
            }}
          >
            Close
          </a>
        }
      />
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined} className={i < at ? 'done' : undefined}>
            <span className="step-no">{i + 1}</span> {s.label}
          </li>
        ))}
      </ol>
      {!operator ? <Alert kind="info">You are logged in as a viewer: the wizard is for operators.</Alert> : null}
      {error ? (
        <Alert title="That did not work" onDismiss={() => wizardStore.setState({ error: null })}>
          {error}
        </Alert>
      ) : null}
      {job ? <JobView job={job} /> : null}
      {ieds.length > 1 && step !== 'source' && step !== 'add' ? (
        <div className="tabs" role="tablist" aria-label="IEDs">
          {ieds.map((x, i) => (
            <button key={x.name} type="button" role="tab" aria-selected={i === active} onClick={() => wizardStore.setState({ active: i })}>
              {x.name} <span className="muted">{x.selected.size}</span>
            </button>
          ))}
        </div>
      ) : null}
      <section className="panel wide" aria-label={STEPS[at]?.label ?? ''}>
        {step === 'source' ? (
          <>
            <div className="tabs" role="tablist" aria-label="Source">
              <button type="button" role="tab" aria-selected={mode === 'ip'} onClick={() => wizardStore.setState({ mode: 'ip', error: null })}>
                By IP address
              </button>
              <button type="button" role="tab" aria-selected={mode === 'scl'} onClick={() => wizardStore.setState({ mode: 'scl', error: null })}>
                From an SCL file
              </button>
            </div>
            {mode === 'ip' ? <IpSource disabled={job !== null || !operator} /> : <SclSource disabled={job !== null || !operator} />}
          </>
        ) : null}
        {step === 'points' && ied ? (
          <>
            {ied.identity ? <p className="muted">Identify: {ied.identity}</p> : null}
            <PointsStep ied={ied} index={active} />
          </>
        ) : null}
        {step === 'probe' && ied ? <ProbeStep ied={ied} /> : null}
        {step === 'add' ? <AddStep onDone={onDone} /> : null}
      </section>
    </>
  );
}
