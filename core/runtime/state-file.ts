import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { errorMessage } from '../shared';
import { writeFileAtomic } from './atomic-file';
import { EntryIdStore } from './entry-ids';

/**
 * The project's state file, `<project>.state.json` beside it: what the gateway learns while running and
 * needs after a restart: the last EntryID of each BRCB and the RCB instance each report plan held. It is
 * not part of the project (the UI never edits it) and losing it only costs a replay of the IEDs' buffers.
 * `instances` was added later: a file without it is read as before, and an older gateway ignores it.
 */
const StateSchema = z.object({
  stateVersion: z.literal(1),
  entryIds: z.record(z.string(), z.record(z.string(), z.string().regex(/^[0-9a-f]{16}$/))),
  instances: z.record(z.string(), z.record(z.string(), z.string().max(256))).optional(),
});

export function stateFilePath(projectPath: string): string {
  return projectPath.replace(/\.json$/i, '') + '.state.json';
}

export class StateFile {
  private timer: ReturnType<typeof setInterval> | undefined;
  private saved = 0;

  private constructor(
    readonly path: string,
    readonly entryIds: EntryIdStore,
  ) {}

  /** Reads the state file; a missing one is empty, an unreadable one is reported through `warn` and ignored. */
  static async open(path: string, warn: (message: string) => void): Promise<StateFile> {
    let initial: Pick<z.infer<typeof StateSchema>, 'entryIds' | 'instances'> = { entryIds: {} };
    try {
      const parsed = StateSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (parsed.success) initial = parsed.data;
      else warn(`${path} is not a RelayGate state file; buffered reports start from the IEDs' buffers`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warn(`${path} could not be read (${errorMessage(err)}); buffered reports start from the IEDs' buffers`);
    }
    return new StateFile(path, new EntryIdStore(initial.entryIds, initial.instances));
  }

  /** Writes the file every `periodMs` when an EntryID changed. */
  startAutosave(periodMs: number, warn: (message: string) => void): void {
    this.timer = setInterval(() => void this.save().catch((err: unknown) => warn(`state file ${this.path}: ${errorMessage(err)}`)), periodMs);
    this.timer.unref();
  }

  /** Stops autosaving and writes what changed. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.save();
  }

  async save(): Promise<void> {
    const version = this.entryIds.version;
    if (version === this.saved) return;
    const state = { stateVersion: 1, entryIds: this.entryIds.toJSON(), instances: this.entryIds.instancesJSON() };
    await writeFileAtomic(this.path, `${JSON.stringify(state, null, 2)}\n`);
    this.saved = version;
  }
}
