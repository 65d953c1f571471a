/** A parsed JSON object, before validation. */
export type JsonObject = Record<string, unknown>;

/** What a migration step reports: the new document and, for the user, what it changed. */
export interface MigrationResult {
  readonly doc: JsonObject;
  readonly notes: readonly string[];
}

/**
 * One step from schemaVersion `from` to `from + 1`. A step takes the older document as it is written
 * (unvalidated: it checks what it reads and throws MigrationIssue naming the path) and returns a
 * document of the next version, with notes saying what it changed.
 */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  migrate(doc: JsonObject): MigrationResult;
}

/** A problem found while migrating, at a JSON path of the older document. */
export class MigrationIssue extends Error {
  constructor(
    readonly path: readonly PropertyKey[],
    message: string,
  ) {
    super(message);
  }
}
