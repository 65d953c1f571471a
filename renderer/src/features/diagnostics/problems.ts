import type { PointState } from '../../../../core/contract';
import { matchesStatus } from '../runtime/grid-filter';

/** A point the engineer must look at: not ok, invalid, in test, or of questionable quality. */
export function isProblem(p: PointState): boolean {
  return matchesStatus(p, 'not-ok') || p.quality?.validity === 'questionable';
}

/** Why a point is listed, most serious first, in words: the service's reason, else what its state says. */
export function problemReasons(p: PointState): string[] {
  const reasons: string[] = [];
  if (p.status !== 'ok') reasons.push(`${p.status}: ${p.reason ?? (p.status === 'never' ? 'no value received since the start' : 'no reason given')}`);
  const q = p.quality;
  if (q && q.validity !== 'good') reasons.push(`quality ${q.text}`);
  if (p.test) reasons.push(q?.test ? 'in test (the quality’s test bit)' : 'in test (its LN’s Beh is test or test/blocked)');
  return reasons;
}
