import type { SclWarning, SclWarningCode } from './model';

export type TemplateKind = 'LNodeType' | 'DOType' | 'DAType' | 'EnumType';

interface MissingType {
  readonly kind: TemplateKind;
  readonly id: string;
  readonly users: string[];
  uses: number;
  readonly ieds: Set<string>;
}

const EXAMPLE_USERS = 3;

/**
 * Collects the import's warnings. Missing template ids are gathered, not repeated: one warning per
 * missing id at the end, with how many places use it and a few of them.
 */
export class Warnings {
  private readonly list: SclWarning[] = [];
  private readonly missing = new Map<string, MissingType>();
  private readonly seen = new Set<string>();

  add(code: SclWarningCode, message: string, extra: { ied?: string; ids?: readonly string[] } = {}): void {
    this.list.push({ code, message, ...extra });
  }

  /** Adds a warning only the first time `key` is seen (one per unknown bType, for instance). */
  once(key: string, code: SclWarningCode, message: string, extra: { ied?: string; ids?: readonly string[] } = {}): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.add(code, message, extra);
  }

  missingType(kind: TemplateKind, id: string, user: string, ied?: string): void {
    const key = `${kind}\u0000${id}`;
    let entry = this.missing.get(key);
    if (!entry) {
      entry = { kind, id, users: [], uses: 0, ieds: new Set() };
      this.missing.set(key, entry);
    }
    entry.uses++;
    if (entry.users.length < EXAMPLE_USERS) entry.users.push(user);
    if (ied !== undefined) entry.ieds.add(ied);
  }

  /** Ids of every missing template, sorted, for callers and tests. */
  missingIds(): string[] {
    return [...this.missing.values()].map((m) => m.id).sort();
  }

  finish(): SclWarning[] {
    const out = [...this.list];
    for (const m of this.missing.values()) {
      const more = m.uses > m.users.length ? `, … (${m.uses} uses)` : '';
      const ied = m.ieds.size === 1 ? { ied: [...m.ieds][0] ?? '' } : {};
      out.push({
        code: 'missing-type',
        message: `${m.kind} '${m.id}' is not defined in DataTypeTemplates; used by ${m.users.join(', ')}${more}. What it would hold is left out.`,
        ids: [m.id],
        ...ied,
      });
    }
    return out;
  }
}
