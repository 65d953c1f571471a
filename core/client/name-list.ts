import type { ConfirmedRequest, ConfirmedResponse, ObjectClassName } from '../mms';
import { ClientError } from './errors';
import { checkLimit, type LimitContext, type NameListLimits } from './limits';

/** Names and octets of names received over one association, in total and per domain. */
export class NameTally {
  names = 0;
  bytes = 0;
  private readonly perDomain = new Map<string, number>();

  /** Adds one page; returns the domain's new total. */
  add(domain: string | undefined, names: number, bytes: number): number {
    this.names += names;
    this.bytes += bytes;
    if (domain === undefined) return 0;
    const total = (this.perDomain.get(domain) ?? 0) + names;
    this.perDomain.set(domain, total);
    return total;
  }
}

export interface NameListPaging {
  request: (request: ConfirmedRequest) => Promise<ConfirmedResponse>;
  limits: NameListLimits;
  tally: NameTally;
  where: string;
  maxPages: number;
}

/**
 * GetNameList with continueAfter paging (an absent moreFollows has already been read as TRUE). Each
 * page is handed to `onPage` as it arrives, so a caller that keeps only some names (discovery keeps
 * the LNs) never holds the whole list; every page is counted against the list's, the domain's and the
 * association's budgets before it is handed on. A server that says "more follow" but sends no new name
 * is an error, not an endless loop.
 */
export async function pageNameList(
  paging: NameListPaging,
  objectClass: ObjectClassName,
  domain: string | undefined,
  onPage: (names: readonly string[]) => void,
): Promise<void> {
  const { limits, tally } = paging;
  const scope = domain ?? 'the VMD';
  let names = 0;
  let bytes = 0;
  let continueAfter: string | undefined;
  for (let page = 1; page <= paging.maxPages; page++) {
    const r = await paging.request({
      service: 'getNameList',
      objectClass,
      ...(domain !== undefined ? { domain } : {}),
      ...(continueAfter !== undefined ? { continueAfter } : {}),
    });
    if (r.service !== 'getNameList')
      throw new ClientError('protocol-error', `unexpected ${r.service} response`);
    const pageBytes = r.identifiers.reduce((n, id) => n + id.length, 0);
    names += r.identifiers.length;
    bytes += pageBytes;
    const domainNames = tally.add(domain, r.identifiers.length, pageBytes);
    const context = (unit: string) => (): LimitContext => ({
      where: paging.where,
      what: `GetNameList ${objectClass} of ${scope}, page ${page}`,
      unit,
    });
    checkLimit('maxNamesPerList', limits.maxNamesPerList, names, context('names'));
    checkLimit('maxNameBytesPerList', limits.maxNameBytesPerList, bytes, context('octets of names'));
    checkLimit('maxNamesPerDomain', limits.maxNamesPerDomain, domainNames, context(`names of ${scope}`));
    checkLimit('maxNamesPerAssociation', limits.maxNamesPerAssociation, tally.names, context('names'));
    checkLimit(
      'maxNameBytesPerAssociation',
      limits.maxNameBytesPerAssociation,
      tally.bytes,
      context('octets of names'),
    );
    onPage(r.identifiers);
    if (!r.moreFollows) return;
    const last = r.identifiers[r.identifiers.length - 1];
    if (last === undefined || last === continueAfter)
      throw new ClientError(
        'protocol-error',
        `${paging.where}: GetNameList ${objectClass} of ${scope} says more follow but sent no new name`,
      );
    continueAfter = last;
  }
  throw new ClientError(
    'protocol-error',
    `${paging.where}: GetNameList ${objectClass} of ${scope} did not end after ${paging.maxPages} pages`,
  );
}
