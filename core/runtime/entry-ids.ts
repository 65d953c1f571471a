/**
 * The last EntryID of each BRCB, so a restarted gateway resumes its buffered reports where it stopped
 * instead of losing them or replaying the whole buffer. The runtime keeps them here; an edge (the state
 * file beside the project) persists them.
 */
export class EntryIdStore {
  private readonly ids = new Map<string, string>();
  private changes = 0;

  constructor(initial: Readonly<Record<string, Readonly<Record<string, string>>>> = {}) {
    for (const [ied, plans] of Object.entries(initial)) for (const [plan, hex] of Object.entries(plans)) this.ids.set(`${ied}/${plan}`, hex);
  }

  get(ied: string, plan: string): string | undefined {
    return this.ids.get(`${ied}/${plan}`);
  }

  set(ied: string, plan: string, hex: string): void {
    const k = `${ied}/${plan}`;
    if (this.ids.get(k) === hex) return;
    this.ids.set(k, hex);
    this.changes++;
  }

  /** Counts changes: the edge that persists the store writes when this moved since its last write. */
  get version(): number {
    return this.changes;
  }

  toJSON(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [k, hex] of this.ids) {
      const slash = k.indexOf('/');
      const ied = k.slice(0, slash);
      (out[ied] ??= {})[k.slice(slash + 1)] = hex;
    }
    return out;
  }
}
