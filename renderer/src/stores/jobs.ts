import type { StoreApi } from 'zustand/vanilla';
import type { JobProgress } from '../../../core/contract';
import type { Backend } from '../api/backend';

let counter = 0;

/** An id for a service job the page starts: its kind, the time and a counter (unique in the page). */
export function newJobId(kind: string): string {
  return `${kind}-${Date.now().toString(36)}-${++counter}`;
}

interface HoldsJob {
  job: { id: string; progress: JobProgress | null } | null;
}

/** Keeps the progress of the job a store holds up to date from jobProgress events; returns the unsubscribe. */
export function followJobProgress<S extends HoldsJob>(backend: Backend, store: StoreApi<S>): () => void {
  return backend.api.on('jobProgress', (p) => {
    const job = store.getState().job;
    if (job && job.id === p.jobId) store.setState({ job: { ...job, progress: p } } as Partial<S>);
  });
}
