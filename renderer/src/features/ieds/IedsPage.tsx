import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useSubRoute } from '../../route';
import { projectStore, useProject, useSession } from '../../stores';
import { WizardPage } from '../wizard/WizardPage';

/** The project's IEDs, and the Add IED wizard at #/ieds/add. */
export function IedsPage() {
  const sub = useSubRoute();
  const project = useProject((s) => s.project);
  const operator = useSession((s) => s.session?.role === 'operator');
  if (sub === 'add') {
    return (
      <WizardPage
        onDone={(message) => {
          projectStore.setState({ notice: message });
          window.location.hash = '#/points';
        }}
      />
    );
  }
  const ieds = project?.ieds ?? [];
  return (
    <>
      <PageHeader
        title="IEDs"
        summary="The relays and controllers the gateway reads, and how it reaches them."
        actions={
          operator ? (
            <a className="button primary" href="#/ieds/add">
              Add IED
            </a>
          ) : null
        }
      />
      {ieds.length === 0 ? (
        <EmptyState title="No IEDs configured">
          <p>
            {project ? 'This project reads no IED yet.' : 'No project is open.'} Add one by its IP address (the wizard discovers its model) or from an SCL file (SCD, CID, ICD); a project is
            created if none is open.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="grid" aria-label="IEDs of the project">
            <thead>
              <tr>
                <th>IED</th>
                <th>Name</th>
                <th>Address</th>
                <th>Password</th>
                <th className="num">Points</th>
                <th>Reports</th>
                <th>Poll groups</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {ieds.map((ied) => (
                <tr key={ied.id}>
                  <td>{ied.id}</td>
                  <td>{ied.name ?? '—'}</td>
                  <td className="mono">
                    {ied.host}:{ied.port}
                  </td>
                  <td>{ied.password ? ('env' in ied.password ? `$${ied.password.env}` : 'stored encrypted') : 'none'}</td>
                  <td className="num">{project?.points.filter((p) => p.ied === ied.id).length}</td>
                  <td className="message">{ied.reports.map((r) => r.rcb.slice(r.rcb.lastIndexOf('.') + 1)).join(', ') || '—'}</td>
                  <td>{ied.pollGroups.map((g) => `${g.id} ${g.periodMs} ms`).join(', ')}</td>
                  <td className="message">{ied.origin ? ('scl' in ied.origin ? `SCL ${ied.origin.scl} (${ied.origin.ied})` : 'model' in ied.origin ? ied.origin.model : `discovered ${ied.origin.discovered}`) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
