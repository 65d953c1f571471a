import { PointCache } from '../cache';
import { openIed, type IedSession } from '../client';
import type { IedConfig, PointConfig, PointState } from '../contract';
import { dataSizeBound } from '../mms';
import { errorMessage } from '../shared';
import { BehaviourWatch } from './behaviour';
import { fcdItems, fcdsOf } from './fcd-items';
import { iedEndpoint, isoFactoryFor } from './ied-endpoint';
import { iedPoints } from './ied-points';
import type { PollItem } from './poll-group';
import { TypeCatalog } from './type-catalog';

export interface ProbeOptions {
  /** The ACSE password, already resolved. */
  readonly password?: string;
  readonly signal?: AbortSignal;
  /** FCDs read so far, of all FCDs; called after each batch. */
  readonly onProgress?: (done: number, total: number) => void;
  /** FCDs per Read request (default 32): small enough for a progress bar that moves. */
  readonly batchSize?: number;
  /** Read requests in flight at once (default 4; the association's outstanding limit applies too). */
  readonly concurrency?: number;
  /** Also ask the IED's Identify (vendor, model, revision), alongside the reads. */
  readonly identify?: boolean;
  readonly now?: () => number;
}

/** What Identify answered, or why it did not. */
export type IdentifyOutcome = { readonly vendor: string; readonly model: string; readonly revision: string } | { readonly error: string };

export interface PointsProbe {
  /** One state per point asked, in the order asked: value, quality, time, type, or why not. */
  readonly points: PointState[];
  /** LLN0 Mod and Beh of every LD the points are in. */
  readonly behaviour: { ld: string; mod: string | null; beh: string | null }[];
  readonly durationMs: number;
  /** With `identify`: the IED's Identify answer, or why it failed. */
  readonly identity?: IdentifyOutcome;
}

/**
 * Reads the given points once from a live IED, as the running gateway would read them: the types of
 * the LNs and FCs in use, each point's whole FCD (value, q and t together) decoded for the point's
 * type, and Mod/Beh of each LD. FCDs go in batches, several in flight, so a progress bar can follow.
 * Nothing is written to the IED. The points' `ied` must be the IED's id.
 */
export async function probePoints(ied: IedConfig, points: readonly PointConfig[], options: ProbeOptions = {}): Promise<PointsProbe> {
  const now = options.now ?? Date.now;
  const started = now();
  const cache = new PointCache(
    points.map((p) => ({ key: `${p.ied}/${p.id}`, ied: p.ied, point: p.id, ref: p.ref, fc: p.fc, type: p.type, staleTimeoutMs: null })),
  );
  const targets = iedPoints(ied, points, cache).map((p) => p.target);
  const session = await openIed(iedEndpoint(ied, options.password), isoFactoryFor(ied));
  const abort = (): void => void session.close(500);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    options.signal?.throwIfAborted();
    const identity = options.identify ? identify(session) : undefined;
    const types = new TypeCatalog(session.client);
    await types.load(targets);
    options.signal?.throwIfAborted();
    const fcds = fcdsOf(targets, types, cache);
    const items = fcdItems([...fcds.keys()], types, fcds);
    await readInBatches(session, items, cache, options, now);
    const behaviour = BehaviourWatch.of(ied.id, targets);
    await behaviour.read(session.client, cache).catch(() => undefined);
    return {
      points: points.map((p) => cache.get(`${p.ied}/${p.id}`) as PointState),
      behaviour: behaviour.status(),
      durationMs: now() - started,
      ...(identity ? { identity: await identity } : {}),
    };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await session.close(1000).catch(() => undefined);
  }
}

/** Identify (MMS vendorName, modelName, revision); a failure is an answer, not an exception. */
function identify(session: IedSession): Promise<IdentifyOutcome> {
  return session.client.identify().then(
    (r) => ({ vendor: r.vendorName, model: r.modelName, revision: r.revision }),
    (err: unknown) => ({ error: `Identify: ${errorMessage(err)}` }),
  );
}

async function readInBatches(session: IedSession, items: readonly PollItem[], cache: PointCache, options: ProbeOptions, now: () => number): Promise<void> {
  const size = Math.max(1, options.batchSize ?? 32);
  const batches: PollItem[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  let done = 0;
  let next = 0;
  options.onProgress?.(0, items.length);
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++] as PollItem[];
      const signal = options.signal;
      const results = await session.client.readVariables(
        batch.map((i) => i.name),
        { responseBounds: batch.map((i) => dataSizeBound(i.spec)), ...(signal ? { signal } : {}) },
      );
      const t = now();
      batch.forEach((item, k) => {
        const result = results[k];
        if (result) item.binding.apply(result, cache, 'poll', t);
      });
      done += batch.length;
      options.onProgress?.(done, items.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, batches.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
