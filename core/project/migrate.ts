import { PROJECT_SCHEMA_VERSION } from '../contract';
import { ProjectError } from './errors';
import { formatJsonPath, type ProjectIssue } from './issues';
import { MIGRATIONS } from './migrations';
import { MigrationIssue, type JsonObject, type Migration, type MigrationResult } from './migration';

export { MigrationIssue, type JsonObject, type Migration, type MigrationResult };

export interface Migrated {
  readonly doc: JsonObject;
  /** The file's own schemaVersion. */
  readonly fromVersion: number;
  /** One line per change made, prefixed by the step (`v0 → v1: ...`); empty for a current file. */
  readonly notes: readonly string[];
}

/** The schemaVersion a document declares; refuses a missing, non-integer or newer one. */
export function schemaVersionOf(doc: JsonObject, current = PROJECT_SCHEMA_VERSION): number {
  const v = doc.schemaVersion;
  if (v === undefined)
    throw new ProjectError('bad-version', 'schemaVersion is missing: this is not a RelayGate project file');
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new ProjectError('bad-version', `schemaVersion must be a whole number, got ${JSON.stringify(v)}`);
  if (v > current)
    throw new ProjectError(
      'newer-version',
      `the file has schemaVersion ${v}, written by a newer RelayGate; this one reads up to ${current}. Open it with that version; it was not changed`,
    );
  return v;
}

/**
 * Brings a document up to `target` one step at a time. Each step must exist and must yield exactly the
 * next version, so a missing or misnumbered step is a programming error caught by the tests.
 */
export function migrateDocument(
  doc: JsonObject,
  migrations: readonly Migration[] = MIGRATIONS,
  target = PROJECT_SCHEMA_VERSION,
): Migrated {
  const fromVersion = schemaVersionOf(doc, target);
  let current = doc;
  const notes: string[] = [];
  for (let v = fromVersion; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step)
      throw new ProjectError('migration-failed', `no migration from schemaVersion ${v} to ${v + 1}`);
    let result: MigrationResult;
    try {
      result = step.migrate(structuredClone(current));
    } catch (err) {
      const issues: ProjectIssue[] =
        err instanceof MigrationIssue ? [{ path: formatJsonPath(err.path), message: err.message }] : [];
      const why = err instanceof MigrationIssue ? '' : `: ${err instanceof Error ? err.message : String(err)}`;
      throw new ProjectError(
        'migration-failed',
        `the schemaVersion ${v} file could not be migrated to ${v + 1} (${step.describe})${why}`,
        issues,
      );
    }
    if (result.doc.schemaVersion !== v + 1)
      throw new ProjectError('migration-failed', `the migration from ${v} did not produce schemaVersion ${v + 1}`);
    notes.push(...result.notes.map((n) => `v${v} → v${v + 1}: ${n}`));
    current = result.doc;
  }
  return { doc: current, fromVersion, notes };
}
