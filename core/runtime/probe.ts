import { PointCache } from '../cache';
import { openIed, type IedSession, type isoStackFor } from '../client';
import type { IedConfig, ProbeResult, ProbedIed, Project } from '../contract';
import { dataSizeBound } from '../mms';
import type { SecretResolver } from '../project';
import { errorMessage } from '../shared';
import { BehaviourWatch } from './behaviour';
import { fcdReadItems, resolveFcds } from './fcd-items';
import { cachePoints } from './gateway';
import { iedEndpoint, isoFactoryFor } from './ied-endpoint';
import { iedPoints, type IedPoint } from './ied-points';
import { TypeCatalog } from './type-catalog';

export interface ProbeOptions {
  readonly secrets: SecretResolver;
  /** IEDs read at the same time (default 8); each is one association, closed when read. */
  readonly concurrency?: number;
  /** core/iso's association (the default); tests may wrap it. */
  readonly isoStack?: typeof isoStackFor;
  readonly now?: () => number;
}

/**
 * Reads every point of a project once, live, the way the runtime polls: per IED one association, the
 * types of the LNs in use, then every FCD (value, quality, time together) in as few pipelined Read
 * requests as fit the PDU; also Identify and Mod/Beh of the LDs in use. No RCB is touched. IEDs are
 * read in parallel, `concurrency` at a time; an IED that cannot be read marks its points disconnected
 * with the reason and does not hold up the others. For the FAT report (`relaygate report --probe`).
 */
export async function probeProject(project: Project, options: ProbeOptions): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const cache = new PointCache(cachePoints(project));
  const queue = [...project.ieds];
  const results = new Map<string, ProbedIed>();
  const worker = async (): Promise<void> => {
    for (let ied = queue.shift(); ied !== undefined; ied = queue.shift()) {
      results.set(ied.id, await probeIed(ied, iedPoints(ied, project.points, cache), cache, options, now));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, queue.length)) }, worker));
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
    ieds: project.ieds.map((i) => results.get(i.id) as ProbedIed),
    points: cache.snapshot(),
  };
}

async function probeIed(ied: IedConfig, points: readonly IedPoint[], cache: PointCache, o: ProbeOptions, now: () => number): Promise<ProbedIed> {
  const started = now();
  const base = { id: ied.id, address: `${ied.host}:${ied.port}` };
  const done = (fields: Pick<ProbedIed, 'identity' | 'behaviour' | 'error'>): ProbedIed => ({
    ...base,
    ...fields,
    at: new Date(now()).toISOString(),
    durationMs: now() - started,
  });
  if (!ied.enabled) {
    cache.setIedDisconnected(ied.id, 'the IED is disabled in the project');
    return done({ identity: null, behaviour: [], error: 'disabled in the project: not probed' });
  }
  let session: IedSession;
  try {
    const password = ied.password ? await o.secrets.resolve(ied.password, `the password of IED ${ied.id}`) : undefined;
    session = await openIed(iedEndpoint(ied, password), isoFactoryFor(ied, o.isoStack));
  } catch (err) {
    const why = `cannot connect to ${base.address}: ${errorMessage(err)}`;
    cache.setIedDisconnected(ied.id, why);
    return done({ identity: null, behaviour: [], error: why });
  }
  try {
    const client = session.client;
    const targets = points.map((p) => p.target);
    const identity = client.identify().then(
      (r) => ({ vendor: r.vendorName, model: r.modelName, revision: r.revision }),
      (err: unknown) => new Error(`Identify: ${errorMessage(err)}`),
    );
    const types = new TypeCatalog(client);
    await types.load(targets);
    const fcds = resolveFcds(types, targets, cache);
    const items = fcdReadItems([...fcds.keys()], types, (t) => fcds.get(t) ?? t.path);
    const behaviour = BehaviourWatch.of(ied.id, targets);
    const [values] = await Promise.all([
      client.readVariables(
        items.map((i) => i.name),
        { responseBounds: items.map((i) => dataSizeBound(i.spec)) },
      ),
      behaviour.read(client, cache),
    ]);
    const t = now();
    items.forEach((item, i) => {
      const result = values[i];
      if (result) item.binding.apply(result, cache, 'poll', t);
    });
    const id = await identity;
    return done({
      identity: id instanceof Error ? null : id,
      behaviour: behaviour.status(),
      error: id instanceof Error ? id.message : null,
    });
  } catch (err) {
    const why = `reading ${base.address} failed: ${errorMessage(err)}`;
    cache.setIedDisconnected(ied.id, why);
    return done({ identity: null, behaviour: [], error: why });
  } finally {
    await session.close().catch(() => undefined);
  }
}
