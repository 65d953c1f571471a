import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { IedConfig, Project, VerifyIed } from '../contract';
import { importScl, type SclDocument } from '../scl';
import { Simulator } from '../sim';
import { errorMessage } from '../shared';

export interface ServedIeds {
  /** By project IED id: the simulators serving the IEDs that have a usable origin. */
  readonly sims: ReadonlyMap<string, Simulator>;
  readonly ieds: VerifyIed[];
  stop(): Promise<void>;
}

/** A path in the project (relative to the project file, or absolute). */
function projectRelative(projectPath: string | null, path: string): string {
  return isAbsolute(path) ? path : resolve(projectPath ? dirname(projectPath) : process.cwd(), path);
}

const NO_ORIGIN =
  'no usable origin: the project names no SCL file or saved model for this IED, so there is nothing to simulate it from ' +
  '(clone the live IED with `relaygate sim --from HOST --save model.json` and set its origin to {"model": "model.json"})';

/**
 * Serves each enabled IED of a project from the simulator, on a free port of 127.0.0.1: from its SCL
 * `origin` (each file imported once, whatever number of IEDs it holds) or its saved (cloned) model. An IED
 * without a usable origin, or whose origin cannot be served, is reported with the reason and not faked.
 */
export async function serveIeds(project: Project, projectPath: string | null): Promise<ServedIeds> {
  const docs = new Map<string, Promise<SclDocument>>();
  const loadScl = (path: string): Promise<SclDocument> => {
    let doc = docs.get(path);
    if (!doc) {
      doc = readFile(path).then((bytes) => importScl(new Uint8Array(bytes), { fileName: basename(path) }));
      docs.set(path, doc);
    }
    return doc;
  };
  const sims = new Map<string, Simulator>();
  const ieds = await Promise.all(
    project.ieds.map(async (ied): Promise<VerifyIed> => {
      const none = (problem: string): VerifyIed => ({ id: ied.id, served: false, source: null, address: null, problem });
      if (!ied.enabled) return none('disabled in the project');
      const origin = ied.origin;
      if (!origin || 'discovered' in origin) return none(NO_ORIGIN);
      try {
        const { sim, source } = await startSim(ied, origin, projectPath, loadScl);
        sims.set(ied.id, sim);
        return { id: ied.id, served: true, source, address: sim.address, problem: null };
      } catch (err) {
        return none(`its origin cannot be served: ${errorMessage(err)}`);
      }
    }),
  );
  return {
    sims,
    ieds,
    stop: async () => {
      await Promise.all([...sims.values()].map((s) => s.stop()));
    },
  };
}

async function startSim(
  ied: IedConfig,
  origin: { scl: string; ied: string } | { model: string },
  projectPath: string | null,
  loadScl: (path: string) => Promise<SclDocument>,
): Promise<{ sim: Simulator; source: string }> {
  if ('model' in origin) {
    const path = projectRelative(projectPath, origin.model);
    return { sim: await Simulator.start({ model: path, host: '127.0.0.1', port: 0 }), source: `model ${origin.model}` };
  }
  const path = projectRelative(projectPath, origin.scl);
  const doc = await loadScl(path);
  return { sim: await Simulator.start({ scl: doc, ied: origin.ied, host: '127.0.0.1', port: 0 }), source: `SCL ${origin.scl}, IED ${origin.ied}` };
}
