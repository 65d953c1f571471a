import type { JobProgress } from '../contract';

type Progress = Omit<JobProgress, 'jobId' | 'kind'>;

/**
 * The long jobs callers run (discovering, probing an IED), each under the id the caller chose, so it can
 * cancel one before its reply arrives. Progress is pushed at most every `intervalMs` per job, and once
 * more when the job ends, so a job of thousands of steps costs a few messages a second.
 */
export class Jobs {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly emit: (progress: JobProgress) => void,
    private readonly intervalMs = 100,
  ) {}

  async run<T>(jobId: string, kind: JobProgress['kind'], work: (signal: AbortSignal, progress: (p: Progress) => void) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new Error(`a job with the id '${jobId}' is already running; give each job its own id`);
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let last: Progress | undefined;
    let sentAt = 0;
    let sent: Progress | undefined;
    const progress = (p: Progress): void => {
      last = p;
      const now = Date.now();
      if (now - sentAt < this.intervalMs) return;
      sentAt = now;
      sent = p;
      this.emit({ jobId, kind, ...p });
    };
    try {
      return await work(controller.signal, progress);
    } finally {
      this.running.delete(jobId);
      if (last && last !== sent) this.emit({ jobId, kind, ...last });
    }
  }

  /** Cancels a running job; false when no job has that id (it ended, or never ran). */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    controller?.abort(new Error('cancelled by the user'));
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const c of this.running.values()) c.abort(new Error('the service is stopping'));
  }
}
