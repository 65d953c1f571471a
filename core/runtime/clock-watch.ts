/**
 * The device clock as its reported changes show it: gateway receive time minus the change's timestamp
 * (transfer delay plus clock offset), and the TimeQuality flags of the last one. Only changes (reason
 * dchg or qchg) count: a GI or an integrity report carries the time of the last change, not of now.
 */
export class ClockWatch {
  samples = 0;
  last: number | null = null;
  min: number | null = null;
  max: number | null = null;
  clockNotSynchronized: boolean | null = null;
  clockFailure: boolean | null = null;
  /** The flags changed with this sample (the runtime says so once). */
  observe(receivedMs: number, deviceMs: number, flags: { clockNotSynchronized: boolean; clockFailure: boolean }): boolean {
    const offset = Math.round(receivedMs - deviceMs);
    this.samples++;
    this.last = offset;
    this.min = this.min === null ? offset : Math.min(this.min, offset);
    this.max = this.max === null ? offset : Math.max(this.max, offset);
    const changed = flags.clockNotSynchronized !== this.clockNotSynchronized || flags.clockFailure !== this.clockFailure;
    this.clockNotSynchronized = flags.clockNotSynchronized;
    this.clockFailure = flags.clockFailure;
    return changed;
  }

  status(): { samples: number; lastOffsetMs: number | null; minOffsetMs: number | null; maxOffsetMs: number | null; clockNotSynchronized: boolean | null; clockFailure: boolean | null } {
    return {
      samples: this.samples,
      lastOffsetMs: this.last,
      minOffsetMs: this.min,
      maxOffsetMs: this.max,
      clockNotSynchronized: this.clockNotSynchronized,
      clockFailure: this.clockFailure,
    };
  }
}
