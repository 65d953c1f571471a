import type { PointCache } from '../cache';
import type { IedClient } from '../client';
import { BEHAVIOUR_MODE_NAMES } from '../iec61850';
import { domainName, type AccessResult } from '../mms';
import type { PointTarget } from './binding';

/** Beh values under which an LN's data are not for operation: test (3) and test/blocked (4). */
const TEST_BEHAVIOURS = new Set([3, 4]);

function ordinal(r: AccessResult | undefined): number | null {
  if (!r?.ok || (r.value.type !== 'integer' && r.value.type !== 'unsigned')) return null;
  return Number(r.value.value);
}

const named = (n: number | null): string | null => (n === null ? null : (BEHAVIOUR_MODE_NAMES.get(n) ?? String(n)));

/**
 * Mode and behaviour of what the plan uses (IEC 61850-7-4 §6, Annex A): LLN0.Mod and LLN0.Beh of every
 * LD, and Beh of every other LN, read in one pipelined Read. An LN whose Beh is test or test/blocked
 * (or, when it has no readable Beh, whose LD's LLN0.Beh is) flags its points `test`.
 */
export class BehaviourWatch {
  private readonly ldState = new Map<string, { mod: number | null; beh: number | null }>();
  /** LNs whose Beh could not be read: their LD's LLN0.Beh stands for them. */
  private readonly noBeh = new Set<string>();

  constructor(
    private readonly iedId: string,
    private readonly lds: readonly string[],
    /** `LD/LN` of every LN other than LLN0 that has points. */
    private readonly lns: readonly string[],
  ) {}

  /** The watch of what these points use: the LLN0 of each of their LDs, and each other LN. */
  static of(iedId: string, targets: readonly Pick<PointTarget, 'ld' | 'ln'>[]): BehaviourWatch {
    const lds = [...new Set(targets.map((t) => t.ld))];
    const lns = [...new Set(targets.filter((t) => t.ln !== 'LLN0').map((t) => `${t.ld}/${t.ln}`))];
    return new BehaviourWatch(iedId, lds, lns);
  }

  async read(client: IedClient, cache: PointCache): Promise<void> {
    const lns = this.lns.filter((l) => !this.noBeh.has(l));
    const names = [
      ...this.lds.flatMap((ld) => [domainName(ld, 'LLN0$ST$Mod$stVal'), domainName(ld, 'LLN0$ST$Beh$stVal')]),
      ...lns.map((l) => {
        const [ld = '', ln = ''] = l.split('/');
        return domainName(ld, `${ln}$ST$Beh$stVal`);
      }),
    ];
    const results = await client.readVariables(names);
    this.lds.forEach((ld, i) => {
      const mod = ordinal(results[2 * i]);
      const beh = ordinal(results[2 * i + 1]);
      this.ldState.set(ld, { mod, beh });
      cache.setBehaviourTest(this.iedId, ld, null, beh !== null && TEST_BEHAVIOURS.has(beh));
    });
    lns.forEach((l, k) => {
      const r = results[2 * this.lds.length + k];
      const beh = ordinal(r);
      const ld = l.slice(0, l.indexOf('/'));
      if (beh === null && r?.ok === false && r.error.name === 'object-non-existent') {
        this.noBeh.add(l);
        return;
      }
      if (beh !== null) cache.setBehaviourTest(this.iedId, ld, l, TEST_BEHAVIOURS.has(beh));
    });
  }

  status(): { ld: string; mod: string | null; beh: string | null }[] {
    return this.lds.map((ld) => {
      const s = this.ldState.get(ld);
      return { ld, mod: named(s?.mod ?? null), beh: named(s?.beh ?? null) };
    });
  }
}
