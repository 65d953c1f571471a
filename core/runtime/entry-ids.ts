type Nested = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * What the gateway must remember of each report plan's RCB across reconnects and restarts: the last
 * EntryID of a BRCB, so a restarted gateway resumes its buffered reports where it stopped instead of
 * losing them or replaying the whole buffer, and the instance it held (`LD/LLN0.brcbA01`): EntryIDs
 * belong to one instance's buffer, and an IED that keeps a BRCB reserved for the gateway after a lost
 * association (ResvTms) but does not name the Owner can only be recognised this way. The runtime keeps
 * them here; an edge (the state file beside the project) persists them.
 */
export class EntryIdStore {
  private readonly ids = new Map<string, string>();
  private readonly instances = new Map<string, string>();
  private changes = 0;

  constructor(initial: Nested = {}, initialInstances: Nested = {}) {
    load(this.ids, initial);
    load(this.instances, initialInstances);
  }

  get(ied: string, plan: string): string | undefined {
    return this.ids.get(`${ied}/${plan}`);
  }

  set(ied: string, plan: string, hex: string): void {
    this.put(this.ids, `${ied}/${plan}`, hex);
  }

  /** The RCB instance the plan used last (`LD/LLN0.brcbA01`). */
  instance(ied: string, plan: string): string | undefined {
    return this.instances.get(`${ied}/${plan}`);
  }

  setInstance(ied: string, plan: string, ref: string): void {
    this.put(this.instances, `${ied}/${plan}`, ref);
  }

  /** Counts changes: the edge that persists the store writes when this moved since its last write. */
  get version(): number {
    return this.changes;
  }

  toJSON(): Record<string, Record<string, string>> {
    return nested(this.ids);
  }

  instancesJSON(): Record<string, Record<string, string>> {
    return nested(this.instances);
  }

  private put(map: Map<string, string>, key: string, value: string): void {
    if (map.get(key) === value) return;
    map.set(key, value);
    this.changes++;
  }
}

function load(map: Map<string, string>, from: Nested): void {
  for (const [ied, plans] of Object.entries(from)) for (const [plan, value] of Object.entries(plans)) map.set(`${ied}/${plan}`, value);
}

function nested(map: ReadonlyMap<string, string>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [k, value] of map) {
    const slash = k.indexOf('/');
    (out[k.slice(0, slash)] ??= {})[k.slice(slash + 1)] = value;
  }
  return out;
}
