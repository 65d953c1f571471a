import { DATA_ACCESS_ERRORS, dataAccessError, type DataAccessError, type DataAccessErrorName, type WriteResult } from '../../mms';

export const WRITE_OK: WriteResult = { ok: true };

/** A refused read or write item, by the name of its DataAccessError (ISO 9506-2 §7.x). */
export function refused(name: Exclude<DataAccessErrorName, 'unknown'>): { ok: false; error: DataAccessError } {
  return { ok: false, error: dataAccessError(DATA_ACCESS_ERRORS.indexOf(name)) };
}
