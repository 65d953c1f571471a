import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The next Sparkplug bdSeq, kept in a small file so that a restarted gateway goes on counting: a host
 * that still expects the previous session's NDEATH then never mistakes it for the new one's.
 * Without a path the counter lives in memory and starts at 0, as does a first run (no file yet).
 * An unreadable file or a failed save is reported through `warn` and is not fatal: the bdSeq still
 * advances in memory.
 */
export interface Counter {
  load(): number | null;
  save(next: number): void;
}

export function fileCounter(path: string | undefined, warn: (message: string) => void): Counter {
  if (path === undefined) return { load: () => null, save: () => undefined };
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
          warn(`cannot read the Sparkplug state '${path}': ${(err as Error).message}`);
        return null;
      }
      const v = parseNext(text);
      if (v === null) warn(`the Sparkplug state '${path}' holds no bdSeq (0..255); starting at 0`);
      return v;
    },
    save(next) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(`${path}.tmp`, JSON.stringify({ nextBdSeq: next }));
        renameSync(`${path}.tmp`, path);
      } catch (err) {
        warn(`cannot save the Sparkplug state '${path}': ${(err as Error).message}`);
      }
    },
  };
}

function parseNext(text: string): number | null {
  try {
    const v = (JSON.parse(text) as { nextBdSeq?: unknown } | null)?.nextBdSeq;
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255 ? v : null;
  } catch {
    return null;
  }
}
