import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function IedsPage() {
  return (
    <>
      <PageHeader
        title="IEDs"
        summary="The protection relays and bay controllers this gateway reads over IEC 61850 MMS."
      />
      <EmptyState title="No IEDs configured">
        <p>
          Each IED of the open project will be listed here with its address, the state of its MMS association
          and the logical devices found on it.
        </p>
        <p>No project is open, so there is nothing to list yet.</p>
      </EmptyState>
    </>
  );
}
