import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built renderer is. The bundled CLI lives in dist/cli, next to dist/renderer; when run from
 * source, walk up to the package root and use its dist/renderer.
 */
export function rendererRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, '..', 'renderer');
  if (existsSync(join(bundled, 'index.html'))) return bundled;
  let dir = here;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'renderer');
    dir = dirname(dir);
  }
  return bundled;
}
