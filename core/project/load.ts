import { ProjectSchema, type Project } from '../contract';
import { crossCheck } from './cross-check';
import { ProjectError } from './errors';
import { issuesFromZod, type ProjectIssue } from './issues';
import { migrateDocument, type JsonObject } from './migrate';

/** A project text longer than this is refused before parsing (200 000 points fit well below it). */
export const MAX_PROJECT_CHARS = 128 * 1024 * 1024;

export interface LoadedProject {
  readonly project: Project;
  /** The schemaVersion the file was written with. */
  readonly fromVersion: number;
  /** True when the file is older than this RelayGate: saving writes the current schema. */
  readonly migrated: boolean;
  /** What the migration changed, one line each; empty for a current file. */
  readonly notes: readonly string[];
}

/**
 * A project file's text → a validated project: parse JSON, refuse a newer schemaVersion, migrate an
 * older one, validate against the schema and cross-check the references. Throws ProjectError whose
 * message and `issues` say where (JSON path) and what is wrong. Pure: reading and writing the file is
 * the caller's (core/runtime's project-file).
 */
export function loadProject(text: string): LoadedProject {
  const doc = parseJsonObject(text);
  const { doc: current, fromVersion, notes } = migrateDocument(doc);
  const project = validateProject(current, fromVersion < (current.schemaVersion as number) ? 'the migrated file' : 'the file');
  return { project, fromVersion, migrated: notes.length > 0, notes };
}

/** Validates a current-schema document (from a file or the UI); throws ProjectError listing every issue. */
export function validateProject(input: unknown, what = 'the project'): Project {
  const result = checkProject(input);
  if (!result.ok) throw new ProjectError('invalid', `${what} is not a valid project (${result.issues.length} ${result.issues.length === 1 ? 'problem' : 'problems'}):`, result.issues);
  return result.project;
}

export type CheckResult = { ok: true; project: Project } | { ok: false; issues: readonly ProjectIssue[] };

/** Like validateProject, without throwing: schema issues first, then cross-reference issues. */
export function checkProject(input: unknown): CheckResult {
  const parsed = ProjectSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, input) };
  const issues = crossCheck(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, project: parsed.data };
}

/** The file text of a project: 2-space JSON with a final newline, every default written out. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(validateProject(project), null, 2)}\n`;
}

/** JSON text → an object, with the line and column of a syntax error. */
export function parseJsonObject(text: string): JsonObject {
  if (text.length > MAX_PROJECT_CHARS)
    throw new ProjectError('bad-json', `the file has ${text.length} characters, more than the ${MAX_PROJECT_CHARS} a project may have`);
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new ProjectError('bad-json', `the file is not valid JSON: ${syntaxMessage(err, text)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ProjectError('bad-json', `a project file is a JSON object, this one holds ${Array.isArray(doc) ? 'an array' : JSON.stringify(doc)}`);
  return doc as JsonObject;
}

function syntaxMessage(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/line \d+ column \d+/.test(message)) return message;
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const position = Number(m[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}
