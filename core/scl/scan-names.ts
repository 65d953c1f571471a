import { SCL_NS } from './ns';

/**
 * Element names as the scanner sees them: which are SCL ones, from the prefixes the root declares
 * (declarations below the root are rare; see ScanResult.namespacesBelowRoot and scopeChangedAboveLns).
 */
export class SclNames {
  private sclPrefixes: ReadonlySet<string> = new Set();
  private defaultIsScl = true;

  constructor(
    private readonly text: string,
    private readonly rootAttributes: Readonly<Record<string, string>>,
  ) {}

  /** Learns the root's namespace declarations; called once the root's attributes are read. */
  learnRoot(): void {
    const prefixes = new Set<string>();
    for (const [k, v] of Object.entries(this.rootAttributes)) if (k.startsWith('xmlns:') && v === SCL_NS) prefixes.add(k.slice(6));
    this.sclPrefixes = prefixes;
    const def = this.rootAttributes.xmlns;
    this.defaultIsScl = def === undefined || def === SCL_NS;
  }

  /** Which of `wanted` the element name at [start, start+len) is in the SCL namespace: its index, or -1. */
  match(start: number, len: number, wanted: readonly string[]): number {
    const t = this.text;
    let colon = -1;
    for (let k = 0; k < len; k++) {
      if (t.charCodeAt(start + k) === 58) {
        colon = k;
        break;
      }
    }
    if (colon < 0 ? !this.defaultIsScl : !this.sclPrefixes.has(t.substr(start, colon))) return -1;
    const ls = start + colon + 1;
    const ll = len - colon - 1;
    for (let w = 0; w < wanted.length; w++) {
      const name = wanted[w] ?? '';
      if (name.length === ll && t.startsWith(name, ls)) return w;
    }
    return -1;
  }

  is(start: number, len: number, wanted: readonly string[]): boolean {
    return this.match(start, len, wanted) >= 0;
  }

  /** Whether declaring `name="value"` below the root binds otherwise than the root (`xmlns="…SCL"` on an IED does not). */
  rebinds(name: string, value: string): boolean {
    const root = this.rootAttributes[name];
    if (name !== 'xmlns') return value !== root;
    // No default namespace and the SCL one read alike (a root without namespace is read as SCL).
    const scl = (v: string | undefined) => v === undefined || v === '' || v === SCL_NS;
    return scl(value) !== scl(root) || (!scl(value) && value !== root);
  }
}
