import { objectNameSize } from '../mms';
import { mmsNameOrder } from './model/order';

/**
 * Room a GetNameList response needs besides its identifiers: the confirmed-response envelope with the
 * largest invoke id, the service and list headers with long-form lengths, and moreFollows.
 */
const ENVELOPE = 24;
/** Names per page at most, whatever the PDU size: keeps each answer quick to build. */
const MAX_NAMES_PER_PAGE = 2000;

/**
 * One page of a name list (sorted in mmsNameOrder) after `continueAfter` (the first name after it, so a
 * name that no longer exists still continues at the right place), filled up to what fits the PDU.
 */
export function nameListPage(
  names: readonly string[],
  continueAfter: string | undefined,
  maxPduSize: number,
): { identifiers: string[]; moreFollows: boolean } {
  let start = 0;
  if (continueAfter !== undefined) {
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mmsNameOrder(names[mid]!, continueAfter) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const identifiers: string[] = [];
  let size = ENVELOPE;
  for (let i = start; i < names.length && identifiers.length < MAX_NAMES_PER_PAGE; i++) {
    const name = names[i]!;
    // An Identifier is a VisibleString TLV, the size of a vmd-specific ObjectName with that text.
    size += objectNameSize({ scope: 'vmd', item: name });
    if (size > maxPduSize && identifiers.length > 0) break;
    identifiers.push(name);
  }
  return { identifiers, moreFollows: start + identifiers.length < names.length };
}
