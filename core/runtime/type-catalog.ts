import type { IedClient } from '../client';
import { domainName, type MmsTypeSpec } from '../mms';
import { errorMessage } from '../shared';

/**
 * The MMS types the plan needs, asked once per association: one GetVariableAccessAttributes per LN and
 * FC in use (`XCBR1$ST`), which names every FCD's components (stVal, q, t, ...) in the server's order.
 * That is all the discovery a running gateway does.
 */
export class TypeCatalog {
  private readonly specs = new Map<string, MmsTypeSpec | Error>();

  constructor(private readonly client: IedClient) {}

  /** Asks for every LN/FC pair not yet known, pipelined. A refusal is kept as an Error for that pair. */
  async load(pairs: Iterable<{ ld: string; ln: string; fc: string }>): Promise<void> {
    const wanted = [...new Map([...pairs].map((p) => [key(p.ld, p.ln, p.fc), p])).entries()].filter(([k]) => !this.specs.has(k));
    await Promise.all(
      wanted.map(async ([k, p]) => {
        try {
          this.specs.set(k, await this.client.typeOf(domainName(p.ld, `${p.ln}$${p.fc}`)));
        } catch (err) {
          this.specs.set(k, err instanceof Error ? err : new Error(errorMessage(err)));
        }
      }),
    );
  }

  /** The type below an LN/FC (`path` = DO, SDO, DA, ...), or the reason it is unknown. */
  specOf(ld: string, ln: string, fc: string, path: readonly string[]): MmsTypeSpec | string {
    const root = this.specs.get(key(ld, ln, fc));
    if (root === undefined) return `the type of ${ld}/${ln}[${fc}] was not asked`;
    if (root instanceof Error) return `the IED did not describe ${ld}/${ln}[${fc}]: ${errorMessage(root)}`;
    const found = subSpec(root, path);
    return found ?? `${ld}/${ln}.${path.join('.')}[${fc}] does not exist in the IED's model`;
  }
}

const key = (ld: string, ln: string, fc: string): string => `${ld}/${ln}$${fc}`;

/** The component at a path of names, or undefined. Array elements are not addressed here. */
export function subSpec(spec: MmsTypeSpec, path: readonly string[]): MmsTypeSpec | undefined {
  let s: MmsTypeSpec | undefined = spec;
  for (const name of path) {
    if (s?.type !== 'structure') return undefined;
    s = s.components.find((c) => c.name === name)?.spec;
  }
  return s;
}

/** Component indices of a path of names inside a type, or undefined. */
export function indicesOf(spec: MmsTypeSpec, path: readonly string[]): number[] | undefined {
  const out: number[] = [];
  let s: MmsTypeSpec = spec;
  for (const name of path) {
    if (s.type !== 'structure') return undefined;
    const i = s.components.findIndex((c) => c.name === name);
    const c = s.components[i];
    if (!c) return undefined;
    out.push(i);
    s = c.spec;
  }
  return out;
}

/**
 * The FCD of a leaf: the deepest data object on its path (DO or SDO) that has its own `q` or `t`, e.g.
 * `A.phsA` for `A.phsA.cVal.mag.f`, `Pos` for `Pos.stVal`. Reading it gives value, quality and time
 * together. A leaf with no q or t around it (settings, descriptions) is its own FCD.
 */
export function fcdPathOf(lnFcSpec: MmsTypeSpec, path: readonly string[]): readonly string[] {
  let best = path.length;
  let s: MmsTypeSpec | undefined = lnFcSpec;
  for (let k = 0; k < path.length && s?.type === 'structure'; k++) {
    s = s.components.find((c) => c.name === path[k])?.spec;
    if (k + 1 < path.length && s?.type === 'structure' && s.components.some((c) => c.name === 'q' || c.name === 't'))
      best = k + 1;
  }
  return path.slice(0, best);
}
