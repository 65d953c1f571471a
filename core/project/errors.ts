import { RelayGateError } from '../shared';
import { formatIssues, type ProjectIssue } from './issues';

export type ProjectErrorCode =
  /** Not JSON, or not an object. */
  | 'bad-json'
  /** No schemaVersion, or not one we know. */
  | 'bad-version'
  /** Written by a newer RelayGate: refused, never downgraded. */
  | 'newer-version'
  /** An older file whose migration failed. */
  | 'migration-failed'
  /** Schema or cross-reference problems; `issues` lists them. */
  | 'invalid'
  /** The file cannot be read at all (missing, a folder, no permission). */
  | 'unreadable';

/** A project file that cannot be used. The message lists the problems, one `path: message` per line. */
export class ProjectError extends RelayGateError {
  constructor(
    code: ProjectErrorCode,
    summary: string,
    readonly issues: readonly ProjectIssue[] = [],
  ) {
    super('project', code, issues.length > 0 ? `${summary}\n${formatIssues(issues)}` : summary);
    this.name = 'ProjectError';
  }
}
