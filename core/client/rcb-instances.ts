import { formatObjectReference, formatOwner, fromMmsName, ownerIs, parseRcbState, type RcbRef, type RcbState } from '../iec61850';
import { domainName } from '../mms';
import { errorMessage } from '../shared';
import type { IedClient } from './ied-client';
import { resolveRcbCandidates } from './rcb-resolve';

/** One RCB instance as read before reserving: who holds it, if anyone. */
export interface RcbInstance {
  readonly rcb: RcbRef;
  /** `LD/LLN0.urcbA01[RP]`: the text ReportSubscription.start takes for exactly this instance. */
  readonly ref: string;
  /** The instance's attributes; absent when it could not be read or parsed (`error` says why). */
  readonly state?: RcbState;
  readonly error?: string;
}

/** Whether an instance is held and by whom, from RptEna, Resv, ResvTms and Owner (IEC 61850-7-2 §17). */
export interface RcbHolding {
  readonly held: boolean;
  /** The Owner address (IPv4/IPv6 text, else hex), when the IED names one. */
  readonly owner: string | null;
  /** `enabled`, `reserved`, `reserved for 30 s`, ...; empty when free. */
  readonly how: string;
}

/**
 * Every instance a planned RCB can mean (one, or the indexed instances of a base name such as
 * `LD/LLN0.urcbA`), each read once in one pipelined Read, so a gateway can take a free one and never
 * steal one that another client holds.
 */
export async function readRcbInstances(client: IedClient, text: string): Promise<RcbInstance[]> {
  const candidates = await resolveRcbCandidates(client, text);
  const results = await client.readVariables(candidates.map((c) => domainName(c.rcb.domain, c.rcb.item)));
  return candidates.map((c, i): RcbInstance => {
    const ref = formatObjectReference(fromMmsName(c.rcb.domain, c.rcb.item));
    const result = results[i];
    if (!result?.ok) return { rcb: c.rcb, ref, error: `could not be read (${result ? result.error.name : 'no result'})` };
    try {
      const names = c.spec.type === 'structure' ? c.spec.components.map((m) => m.name) : undefined;
      return { rcb: c.rcb, ref, state: parseRcbState(result.value, c.rcb.buffered, names) };
    } catch (err) {
      return { rcb: c.rcb, ref, error: errorMessage(err) };
    }
  });
}

/**
 * Who holds an instance. A BRCB reservation (ResvTms) with reports disabled is one the IED keeps for a
 * client whose association ended (IEDs reserve a BRCB for its writer, libiec61850's servers for 10 s
 * without being asked); it is ours to take back when its Owner names `self`, this client's end of the TCP
 * link (`address:port`, IedSession.local), or — when the IED names no Owner (Ed1 models, servers without
 * Owner) — when it is the instance we held last (`wasOurs`). The IED still decides: it refuses a
 * reservation's instance to any other address. An enabled or Resv-reserved instance belongs to a live
 * association, never ours (another client on the same host has the same address).
 */
export function rcbHolding(state: RcbState, self?: string, wasOurs = false): RcbHolding {
  const owner = formatOwner(state.owner);
  const how: string[] = [];
  if (state.rptEna) how.push('enabled');
  if (state.resv === true) how.push('reserved');
  if (state.resvTms !== undefined && state.resvTms !== 0)
    how.push(state.resvTms < 0 ? 'reserved by configuration' : `reserved for ${state.resvTms} s`);
  const kept = !state.rptEna && state.resv !== true && (state.resvTms ?? 0) > 0;
  const mine = kept && (owner === null ? wasOurs : self !== undefined && ownerIs(state.owner, self));
  return { held: how.length > 0 && !mine, owner, how: how.join(', ') };
}
