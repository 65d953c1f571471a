export { ProjectError, type ProjectErrorCode } from './errors';
export { formatIssues, formatJsonPath, type ProjectIssue } from './issues';
export {
  loadProject,
  validateProject,
  checkProject,
  serializeProject,
  parseJsonObject,
  MAX_PROJECT_CHARS,
  type LoadedProject,
  type CheckResult,
} from './load';
export {
  migrateDocument,
  schemaVersionOf,
  MigrationIssue,
  type Migration,
  type MigrationResult,
  type Migrated,
  type JsonObject,
} from './migrate';
export { MIGRATIONS } from './migrations';
export { secretResolver, encryptSecret, type SecretCipher, type SecretResolver } from './secrets';
export {
  projectFromDraft,
  pointIdOf,
  DEFAULT_INTEGRITY_MS,
  type DraftIed,
  type DraftPoint,
  type DraftCover,
} from './draft';
