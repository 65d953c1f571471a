import { PointCache } from '../cache';
import { isClientError } from '../client';
import type { IedConfig, PointState, ProbeResult, ProbedIed, Project } from '../contract';
import type { SecretResolver } from '../project';
import { errorMessage } from '../shared';
import { cachePoints } from './gateway';
import { probePoints } from './probe';

export interface ProjectProbeOptions {
  readonly secrets: SecretResolver;
  /** IEDs read at the same time (default 8); each is one association, closed when read. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** IEDs done of all IEDs, after each one. */
  readonly onProgress?: (done: number, total: number, ied: string) => void;
  readonly now?: () => number;
}

/** Client error codes that mean the association never came up. */
const CONNECT_CODES = new Set(['connection-refused', 'connect-timeout', 'unreachable', 'association-rejected', 'association-failed']);

/**
 * Reads every point of a project once, live, the way the runtime polls (probePoints per IED, with
 * Identify and Mod/Beh of the LDs in use). No RCB is touched. IEDs are read in parallel,
 * `concurrency` at a time; an IED that cannot be read marks its own points disconnected with the
 * reason and never holds up the others. For the FAT report (`relaygate report --probe`).
 */
export async function probeProject(project: Project, options: ProjectProbeOptions): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const started = now();
  // Points of IEDs that could not be read take their state from here: disconnected, with the reason.
  const unread = new PointCache(cachePoints(project));
  const read = new Map<string, PointState>();
  const results = new Map<string, ProbedIed>();
  const queue = [...project.ieds];
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let ied = queue.shift(); ied !== undefined; ied = queue.shift()) {
      options.signal?.throwIfAborted();
      const probed = await probeIed(project, ied, options, now);
      if ('states' in probed) for (const s of probed.states) read.set(`${s.ied}/${s.point}`, s);
      else unread.setIedDisconnected(ied.id, probed.ied.error ?? 'not read');
      results.set(ied.id, probed.ied);
      options.onProgress?.(++done, project.ieds.length, ied.id);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, queue.length)) }, worker));
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
    ieds: project.ieds.map((i) => results.get(i.id) as ProbedIed),
    points: unread.snapshot().map((s) => read.get(`${s.ied}/${s.point}`) ?? s),
  };
}

type IedOutcome = { ied: ProbedIed; states: PointState[] } | { ied: ProbedIed };

async function probeIed(project: Project, ied: IedConfig, o: ProjectProbeOptions, now: () => number): Promise<IedOutcome> {
  const started = now();
  const address = `${ied.host}:${ied.port}`;
  const finish = (fields: Pick<ProbedIed, 'identity' | 'behaviour' | 'error' | 'pointsRead'>): ProbedIed => ({
    id: ied.id,
    address,
    ...fields,
    at: new Date(now()).toISOString(),
    durationMs: now() - started,
  });
  if (!ied.enabled) return { ied: finish({ identity: null, behaviour: [], pointsRead: false, error: 'disabled in the project: not probed' }) };
  try {
    const password = ied.password ? await o.secrets.resolve(ied.password, `the password of IED ${ied.id}`) : undefined;
    const points = project.points.filter((p) => p.ied === ied.id);
    const r = await probePoints(ied, points, {
      identify: true,
      ...(password !== undefined ? { password } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      now,
    });
    const identity = r.identity && !('error' in r.identity) ? r.identity : null;
    const error = r.identity && 'error' in r.identity ? r.identity.error : null;
    return { ied: finish({ identity, behaviour: r.behaviour, pointsRead: true, error }), states: r.points };
  } catch (err) {
    if (o.signal?.aborted) throw err;
    const what = isClientError(err) && CONNECT_CODES.has(err.code) ? `cannot connect to ${address}` : `reading ${address} failed`;
    return { ied: finish({ identity: null, behaviour: [], pointsRead: false, error: `${what}: ${errorMessage(err)}` }) };
  }
}
