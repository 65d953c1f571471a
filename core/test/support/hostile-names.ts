import { serviceErrorByName, type ConfirmedRequest } from '../../mms';
import type { PeerReply, PeerScript } from './hostile-peer';

/**
 * An IED's name lists, scripted: one LD (LD0), `variables(k)` the k-th page of its named variables,
 * `dataSets(k)` of its data sets; every other request is answered by `rest` (by default: no such object).
 */
export function namesScript(
  variables: (page: number) => { names: string[]; more: boolean },
  rest: (r: ConfirmedRequest) => PeerReply = () => ({
    error: serviceErrorByName('access/object-non-existent'),
  }),
  dataSets: (page: number) => { names: string[]; more: boolean } = () => ({ names: [], more: false }),
): PeerScript {
  const pages = new Map<string, number>();
  return {
    reply: (r) => {
      if (r.service !== 'getNameList') return rest(r);
      if (r.objectClass === 'domain')
        return { service: 'getNameList', identifiers: ['LD0'], moreFollows: false };
      const key = r.objectClass;
      const k = (r.continueAfter === undefined ? 0 : (pages.get(key) ?? 0)) + 1;
      pages.set(key, k);
      const page = r.objectClass === 'namedVariable' ? variables(k) : dataSets(k);
      return { service: 'getNameList', identifiers: page.names, moreFollows: page.more };
    },
  };
}
