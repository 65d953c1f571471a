import type { PointState } from '../../../../core/contract';

export type StatusFilter = 'all' | 'ok' | 'not-ok' | 'stale' | 'disconnected' | 'never' | 'error' | 'invalid' | 'test';

const invalid = (p: PointState): boolean => p.status === 'error' || p.quality?.validity === 'invalid';

/** Whether a point passes the status filter. */
export function matchesStatus(p: PointState, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'ok':
      return p.status === 'ok' && !p.test && !invalid(p);
    case 'not-ok':
      return p.status !== 'ok' || p.test || invalid(p);
    case 'invalid':
      return invalid(p);
    case 'test':
      return p.test;
    default:
      return p.status === filter;
  }
}

/**
 * The colour a row gets, most serious first: disconnected (the IED is gone), invalid (bad quality or a
 * read error), stale, test, never updated, else ok. Test stays visible under stale through its badge.
 */
export function rowClass(p: PointState): string {
  if (p.status === 'disconnected') return 'row-disconnected';
  if (invalid(p)) return 'row-invalid';
  if (p.status === 'stale') return 'row-stale';
  if (p.test) return 'row-test';
  if (p.status === 'never') return 'row-never';
  return 'row-ok';
}
