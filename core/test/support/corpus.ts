import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The shared SCL corpus (`shared/scl` with its MANIFEST.md), beside the repository: the nearest one up
 * from here, so it is found from the main checkout (../shared/scl) and from a worktree further down.
 * Undefined when absent; the tests that need it are then skipped, and say so.
 */
export function findCorpus(): string | undefined {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'scl');
    if (existsSync(join(candidate, 'MANIFEST.md'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
