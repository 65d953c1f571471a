import { parseObjectReference, rcbRef, type RcbRef } from '../iec61850';
import { domainName, type MmsTypeSpec } from '../mms';
import { errorMessage } from '../shared';
import { ClientError, isClientError } from './errors';
import type { IedClient } from './ied-client';

export interface RcbCandidate {
  rcb: RcbRef;
  /** The RCB's type description: its attribute names, in the server's order. */
  spec: MmsTypeSpec;
}

function isFatal(err: unknown): boolean {
  return !isClientError(err) || err.code === 'connection-lost' || err.code === 'timeout';
}

/**
 * The RCB instances a reference can mean, in the order to try them. `LD/LLN0.urcbA01` (FC optional: RP
 * is tried, then BR) is one instance. A base name such as `LD/LLN0.EventsIndexed`, which is no RCB
 * itself, means its indexed instances `EventsIndexed01`, `EventsIndexed02`, ..., as IEC 61850-8-1
 * clients pick the first free one.
 */
export async function resolveRcbCandidates(client: IedClient, text: string): Promise<RcbCandidate[]> {
  const parsed = parseObjectReference(text);
  const fcs = parsed.fc ? [parsed.fc] : (['RP', 'BR'] as const);
  let lastError: unknown;
  for (const fc of fcs) {
    const rcb = rcbRef({ ...parsed, fc });
    try {
      return [{ rcb, spec: await client.typeOf(domainName(rcb.domain, rcb.item)) }];
    } catch (err) {
      if (isFatal(err)) throw err;
      lastError = err;
    }
  }
  const indexed = await indexedInstances(client, parsed.ld, parsed.ln, parsed.path[0] ?? '', fcs);
  if (indexed.length > 0) return indexed;
  throw new ClientError(
    'object-non-existent',
    `${text} is not a report control block of this IED (${errorMessage(lastError)})`,
  );
}

async function indexedInstances(
  client: IedClient,
  ld: string,
  ln: string,
  base: string,
  fcs: readonly ('RP' | 'BR' | string)[],
): Promise<RcbCandidate[]> {
  const pattern = new RegExp(`^${base.replace(/[^A-Za-z0-9_]/g, '')}\\d{2}$`);
  const out: RcbCandidate[] = [];
  for (const fc of fcs) {
    let spec: MmsTypeSpec;
    try {
      spec = await client.typeOf(domainName(ld, `${ln}$${fc}`));
    } catch (err) {
      if (isFatal(err)) throw err;
      continue;
    }
    if (spec.type !== 'structure') continue;
    for (const c of spec.components) {
      if (pattern.test(c.name))
        out.push({ rcb: { domain: ld, item: `${ln}$${fc}$${c.name}`, buffered: fc === 'BR' }, spec: c.spec });
    }
  }
  return out.sort((a, b) => a.rcb.item.localeCompare(b.rcb.item));
}
