import { SclFile, type SclImportOptions } from './file';
import type { SclDocument } from './model';

export type { SclImportOptions, SclPhase, SclProgress } from './file';

/**
 * Imports an SCL document (.scd, .cid, .icd, .iid, .sed, .ssd, .xml; editions 2003, 2007A/B, 2007B4)
 * from its bytes or text, every IED in full. Pure: no file access; the caller reads the file. Throws
 * SclError (with file, line and column where one applies) when the document cannot be read at all;
 * everything that can be read past is a warning on the result. To open a big file fast and look at one
 * IED, use SclFile (overview, then one IED's details).
 */
export function importScl(input: Uint8Array | string, options: SclImportOptions = {}): SclDocument {
  return SclFile.open(input, options).document();
}
