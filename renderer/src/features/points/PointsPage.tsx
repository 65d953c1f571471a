import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function PointsPage() {
  return (
    <>
      <PageHeader title="Points" summary="The data attributes taken from the IEDs, with their live values." />
      <EmptyState title="No points configured">
        <p>
          Every point of the open project will appear here as one row: its object reference and functional
          constraint, type, value, quality, device time and gateway status (ok, stale, disconnected, never,
          error).
        </p>
        <p>No project is open, so there are no points yet.</p>
      </EmptyState>
    </>
  );
}
