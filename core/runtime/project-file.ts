import { copyFile, readFile, stat } from 'node:fs/promises';
import { PROJECT_SCHEMA_VERSION, type Project } from '../contract';
import {
  MAX_PROJECT_CHARS,
  ProjectError,
  loadProject,
  parseJsonObject,
  schemaVersionOf,
  serializeProject,
  type LoadedProject,
  type ProjectErrorCode,
} from '../project';
import { errorMessage } from '../shared';
import { writeFileAtomic } from './atomic-file';

/** A project read from disk. */
export interface ProjectFile extends LoadedProject {
  readonly path: string;
}

/** Reads and loads a project file; ProjectError (bad JSON, newer, invalid) names the file. Never writes. */
export async function readProjectFile(path: string): Promise<ProjectFile> {
  const info = await stat(path).catch((err: unknown) => {
    throw unreadable(path, err);
  });
  if (info.isDirectory()) throw new ProjectError('unreadable', `${path} is a folder, not a project file`);
  if (info.size > MAX_PROJECT_CHARS * 2)
    throw new ProjectError('bad-json', `${path} is ${info.size} bytes: too large for a project file`);
  const text = await readFile(path, 'utf8').catch((err: unknown) => {
    throw unreadable(path, err);
  });
  try {
    return { path, ...loadProject(text) };
  } catch (err) {
    if (err instanceof ProjectError) throw new ProjectError(err.code as ProjectErrorCode, `${path}: ${err.message.split('\n')[0] ?? ''}`, err.issues);
    throw err;
  }
}

/** A file-system failure as a ProjectError that names the file and says what is wrong in words. */
function unreadable(path: string, err: unknown): ProjectError {
  const code = (err as { code?: unknown }).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : errorMessage(err);
  return new ProjectError('unreadable', `cannot read the project file ${path}: ${why}`);
}

export interface WriteProjectOptions {
  /** Replace a file at `path` that is not a readable project (broken JSON, no schemaVersion). Default false. */
  readonly overwriteUnreadable?: boolean;
}

/**
 * Saves a project atomically (temporary file, fsync, rename). The project is validated first: an invalid
 * one is refused and nothing is written. An existing file is never replaced when it was written by a
 * newer RelayGate, nor (unless asked) when it is not a readable project; a file of an older schema is
 * kept beside it as `<file>.v<N>.bak` before it is replaced by the current schema.
 */
export async function writeProjectFile(path: string, project: Project, options: WriteProjectOptions = {}): Promise<void> {
  const text = serializeProject(project);
  const existing = await existingVersion(path);
  if (existing.kind === 'unreadable' && !options.overwriteUnreadable)
    throw new ProjectError('bad-json', `${path} exists and is not a readable project (${existing.why}); it was not overwritten`);
  if (existing.kind === 'newer') throw new ProjectError('newer-version', `${path}: ${existing.why}`);
  if (existing.kind === 'older') {
    const backup = `${path}.v${existing.version}.bak`;
    await copyFile(path, backup).catch((err: unknown) => {
      throw new ProjectError('bad-json', `${path}: could not keep the schemaVersion ${existing.version} file as ${backup} (${errorMessage(err)}); not saved`);
    });
  }
  await writeFileAtomic(path, text);
}

type Existing =
  | { kind: 'none' | 'current' }
  | { kind: 'older'; version: number }
  | { kind: 'newer' | 'unreadable'; why: string };

async function existingVersion(path: string): Promise<Existing> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  try {
    const version = schemaVersionOf(parseJsonObject(text));
    return version < PROJECT_SCHEMA_VERSION ? { kind: 'older', version } : { kind: 'current' };
  } catch (err) {
    if (err instanceof ProjectError && err.code === 'newer-version') return { kind: 'newer', why: err.message };
    return { kind: 'unreadable', why: err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err) };
  }
}
