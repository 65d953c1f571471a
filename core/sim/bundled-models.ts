import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The feeder protection relay the project ships (assets/models/feeder-relay.cid): the demo's IED. */
export const FEEDER_RELAY_MODEL = 'feeder-relay.cid';

/**
 * The path of a model shipped in assets/models, found from where this code runs: the sources
 * (core/sim), the bundled CLI (dist/cli) or the packaged app (dist/electron), each of which has the
 * package root, with assets/models, a few levels up.
 */
export function bundledModelPath(name: string = FEEDER_RELAY_MODEL): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'assets', 'models', name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`the shipped model ${name} is missing (assets/models/${name} next to the package)`);
}
