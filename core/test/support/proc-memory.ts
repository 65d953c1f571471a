import { readFileSync } from 'node:fs';

/** One field of /proc/<pid>/status in KiB (Linux), or undefined once the process is gone. */
function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follows a child process's memory: its resident set now, and its peak (VmHWM, kept by the kernel, so
 * no spike between samples is missed). Sampled until the process ends, so the last peak read before
 * the exit is kept.
 */
export class ProcessMemory {
  private lastPeakKb = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }

  /** Resident set now, in MiB. */
  get rssMiB(): number {
    return (statusKb(this.pid, 'VmRSS') ?? 0) / 1024;
  }

  /** The highest resident set so far, in MiB. */
  get peakMiB(): number {
    this.sample();
    return this.lastPeakKb / 1024;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const peak = statusKb(this.pid, 'VmHWM');
    if (peak !== undefined) this.lastPeakKb = Math.max(this.lastPeakKb, peak);
    else clearInterval(this.timer);
  }
}
