import type { ReasonCode } from '../../iec61850';
import type { MmsValue } from '../../mms';

interface Pending {
  readonly reasons: Set<ReasonCode>;
  value?: MmsValue;
}

/** The members of one report: position in the data set, value as it was, and why it is included. */
export type GatheredMembers = ReadonlyMap<number, { readonly reasons: readonly ReasonCode[]; readonly value: MmsValue }>;

/**
 * Gathers the triggers of one RCB into reports (IEC 61850-7-2 §17.2.2.x BufTm): the first trigger
 * starts the buffer time, later ones join the same report, and when the buffer time ends the report is
 * made. A member that triggers again while already waiting makes the waiting report go out first, so
 * no change is lost. A member's value is taken at the end of the tick it triggered in, so a value,
 * its quality and its time set together are reported together. BufTm 0 sends at the end of the tick.
 */
export class ReportGatherer {
  private pending = new Map<number, Pending>();
  private readonly fresh = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tickScheduled = false;

  constructor(
    private readonly valueOf: (index: number) => MmsValue | undefined,
    private readonly bufTm: () => number,
    private readonly emit: (members: GatheredMembers) => void,
  ) {}

  get waiting(): boolean {
    return this.pending.size > 0;
  }

  trigger(index: number, reason: ReasonCode): void {
    if (this.pending.has(index) && !this.fresh.has(index)) this.flush();
    let p = this.pending.get(index);
    if (!p) this.pending.set(index, (p = { reasons: new Set() }));
    p.reasons.add(reason);
    this.fresh.add(index);
    this.scheduleTick();
    const bufTm = this.bufTm();
    if (bufTm > 0 && this.timer === undefined) this.timer = setTimeout(() => this.flush(), bufTm);
  }

  /** Makes the waiting report now (before a GI or integrity report, or when disabling). */
  flush(): void {
    this.snapshot();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const members = new Map<number, { reasons: ReasonCode[]; value: MmsValue }>();
    for (const [index, p] of [...this.pending].sort((a, b) => a[0] - b[0]))
      if (p.value) members.set(index, { reasons: [...p.reasons], value: p.value });
    this.pending = new Map();
    if (members.size > 0) this.emit(members);
  }

  /** Drops whatever waits (the RCB was disabled or reconfigured). */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.fresh.clear();
  }

  private scheduleTick(): void {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    queueMicrotask(() => {
      this.tickScheduled = false;
      this.snapshot();
      if (this.bufTm() <= 0) this.flush();
    });
  }

  private snapshot(): void {
    for (const index of this.fresh) {
      const p = this.pending.get(index);
      const v = this.valueOf(index);
      if (p && v) p.value = v;
    }
    this.fresh.clear();
  }
}
