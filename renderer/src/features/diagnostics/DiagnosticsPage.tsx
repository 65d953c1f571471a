import type { ComponentType } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useSubRoute } from '../../route';
import { EventLog } from './EventLog';
import { ProblemPoints } from './ProblemPoints';
import { TrafficViewer } from './TrafficViewer';

const VIEWS: { id: string; label: string; summary: string; View: ComponentType }[] = [
  { id: '', label: 'Event log', summary: "The service's log: connections, state changes and errors, newest first.", View: EventLog },
  { id: 'traffic', label: 'MMS traffic', summary: 'The PDUs of one IED’s association: the frame in hex and decoded, layer by layer.', View: TrafficViewer },
  { id: 'points', label: 'Stale and error points', summary: 'Every point that is not ok, has bad or questionable quality, or is in test, and why.', View: ProblemPoints },
];

/** The event log, the MMS traffic viewer and the points that are not ok, one view at a time. */
export function DiagnosticsPage() {
  const sub = useSubRoute();
  const view = VIEWS.find((v) => v.id === sub) ?? VIEWS[0]!;
  return (
    <>
      <PageHeader title="Diagnostics" summary={view.summary} />
      <nav className="tabs" aria-label="Diagnostics views">
        {VIEWS.map((v) => (
          <a key={v.id} href={v.id ? `#/diagnostics/${v.id}` : '#/diagnostics'} aria-current={v === view ? 'page' : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      <view.View />
    </>
  );
}
