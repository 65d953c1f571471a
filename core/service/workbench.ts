import { discoverModel, openIed } from '../client';
import {
  IedConfigSchema,
  ProjectSchema,
  describeIssues,
  type HandlerParams,
  type ChannelResult,
  type IedConfig,
  type PointConfig,
  type Project,
} from '../contract';
import { autoAssignModbus, compileRegisterMap, mapCsv, mapRows } from '../outputs';
import { projectFromDraft, validateProject, type DraftIed } from '../project';
import { iedEndpoint, isoFactoryFor, probePoints } from '../runtime';
import { iedDto } from '../scl';
import { isFc } from '../iec61850';
import { discoveredIed } from './discovered-ied';
import { explainIedError } from './ied-errors';
import type { Jobs } from './jobs';

type In<K extends 'discoverIed' | 'probePoints' | 'addIeds' | 'modbusMap' | 'autoAssignModbus'> = HandlerParams<K>;

/** The wizard's connection settings as an IED of a project would carry them. */
function iedOf(id: string, c: HandlerParams<'discoverIed'>['connect']): IedConfig {
  const timeoutMs = c.timeoutMs;
  return IedConfigSchema.parse({ id, host: c.host, port: c.port, ...(c.selectors ? { selectors: c.selectors } : {}), connectTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs });
}

/** A project as edited in the UI, with its defaults; a broken one is refused naming what is wrong. */
export function editedProject(input: unknown): Project {
  const parsed = ProjectSchema.safeParse(input);
  if (!parsed.success) throw new Error(`the project is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** `Q0 relay/1` → `Q0_relay_1`: a project id from a name. */
const safeId = (name: string): string => name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[-_]+/, '').slice(0, 60) || 'IED';

/**
 * The workbench channels of the service: discovery and probe as jobs with progress and cancellation,
 * and the project edits the wizard and the mapping editor ask for, each on the code path the CLI uses
 * (core/project's drafts, core/outputs' Modbus map, auto-assignment and CSV).
 */
export class Workbench {
  constructor(private readonly jobs: Jobs) {}

  async discoverIed(params: In<'discoverIed'>): Promise<ChannelResult<'discoverIed'>> {
    const { connect } = params;
    const ied = iedOf('wizard', connect);
    const where = `${ied.host}:${ied.port}`;
    return this.jobs.run(params.jobId, 'discover', async (signal, progress) => {
      const started = Date.now();
      progress({ phase: 'connect', detail: where, done: 0, total: 0 });
      let session;
      try {
        session = await openIed(iedEndpoint(ied, connect.password), isoFactoryFor(ied));
      } catch (err) {
        throw explainIedError(err, where, signal);
      }
      const abort = (): void => void session.close(500);
      signal.addEventListener('abort', abort, { once: true });
      try {
        const identity = await session.client.identify({ signal }).catch(() => undefined);
        // The last phases (data sets, RCBs) carry no counts: the LD and LN counts stay as they were.
        let counts: { lds?: { done: number; total: number }; lns?: { done: number; total: number } } = {};
        const model = await discoverModel(session.client, {
          signal,
          onProgress: (p) => {
            if (p.lds && p.lns) counts = { lds: p.lds, lns: p.lns };
            progress({ phase: p.phase, detail: p.detail, done: counts.lns?.done ?? 0, total: counts.lns?.total ?? 0, ...counts });
          },
        });
        const who = identity ? { vendor: identity.vendorName, model: identity.modelName, revision: identity.revision } : undefined;
        const scl = discoveredIed(model, { host: ied.host, port: ied.port }, who);
        return {
          ied: iedDto({ ied: scl, warnings: [] }, params.tiers ? { tiers: params.tiers } : {}),
          identity: who ?? null,
          warnings: model.warnings,
          durationMs: Date.now() - started,
        };
      } catch (err) {
        throw explainIedError(err, where, signal);
      } finally {
        signal.removeEventListener('abort', abort);
        await session.close(1000).catch(() => undefined);
      }
    });
  }

  async probePoints(params: In<'probePoints'>): Promise<ChannelResult<'probePoints'>> {
    const ied = iedOf('probe', params.connect);
    const points: PointConfig[] = params.points.map((p, i) => ({
      id: `p${i}`,
      ied: ied.id,
      ref: p.ref,
      fc: p.fc,
      type: p.type,
      source: 'poll',
      ...(p.enumNames ? { enumNames: p.enumNames } : {}),
    }));
    const where = `${ied.host}:${ied.port}`;
    return this.jobs.run(params.jobId, 'probe', async (signal, progress) => {
      try {
        return await probePoints(ied, points, {
          signal,
          ...(params.connect.password !== undefined ? { password: params.connect.password } : {}),
          onProgress: (done, total) => progress({ phase: 'read', detail: where, done, total }),
        });
      } catch (err) {
        throw explainIedError(err, where, signal);
      }
    });
  }

  /** The wizard's IEDs added to the project: report plans chosen as `init` chooses them, ids unique. */
  async addIeds(params: In<'addIeds'>): Promise<ChannelResult<'addIeds'>> {
    const base = editedProject(params.project);
    const taken = new Set(base.ieds.map((i) => i.id));
    const drafts: DraftIed[] = params.ieds.map((d) => {
      const wanted = safeId(d.id ?? d.name ?? d.host);
      let id = wanted;
      for (let n = 2; taken.has(id); n++) id = `${wanted}_${n}`;
      taken.add(id);
      return {
        id,
        host: d.host,
        port: d.port,
        ...(d.name !== undefined ? { name: d.name } : {}),
        ...(d.selectors ? { selectors: d.selectors } : {}),
        ...(d.origin ? { origin: d.origin } : {}),
        points: d.points.map((p) => {
          if (!isFc(p.fc)) throw new Error(`${p.ref}: ${p.fc} is not a functional constraint of IEC 61850-8-1`);
          return { ...p, fc: p.fc };
        }),
      };
    });
    const added = ProjectSchema.parse(projectFromDraft(base.name, drafts));
    const ieds = added.ieds.map((ied, i) => {
      const password = params.ieds[i]?.password;
      return password ? { ...ied, password } : ied;
    });
    const project = validateProject({ ...base, ieds: [...base.ieds, ...ieds], points: [...base.points, ...added.points] });
    return { project, ieds: ieds.map((i) => i.id), points: added.points.length };
  }

  /** Problems of the project's Modbus map, and its CSV exactly as `relaygate modbus-map --csv` prints it. */
  async modbusMap(params: In<'modbusMap'>): Promise<ChannelResult<'modbusMap'>> {
    const project = editedProject(params.project);
    const { map, problems } = compileRegisterMap(project.points);
    return {
      ok: problems.length === 0,
      problems: problems.map((p) => ({ code: p.code, message: p.message, points: [...p.points] })),
      mapped: map.points.length,
      csv: problems.length === 0 ? mapCsv(map) : null,
      rows: mapRows(map),
    };
  }

  /** Places the unmapped points (of the IEDs asked, default all); mapped points never move. */
  async autoAssignModbus(params: In<'autoAssignModbus'>): Promise<ChannelResult<'autoAssignModbus'>> {
    const project = editedProject(params.project);
    const only = params.ieds ? new Set(params.ieds) : undefined;
    const result = autoAssignModbus(project.ieds, project.points, params.companions ? { companions: params.companions } : {});
    const points = result.points.map((p, i) => (only && !only.has(p.ied) ? (project.points[i] as PointConfig) : p));
    const inScope = (key: string): boolean => !only || only.has(key.slice(0, key.indexOf('/')));
    return {
      project: { ...project, points },
      assigned: result.assigned.filter(inScope),
      skipped: result.skipped.filter((s) => inScope(s.key)),
      problems: result.problems.filter((p) => p.points.some(inScope)).map((p) => ({ code: p.code, message: p.message, points: [...p.points] })),
    };
  }
}
