import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_SCL_LIMITS, SclError, importScl, type SclDocument, type SclProgress } from '../scl';

/**
 * Reads and imports an SCL file, refusing one over the size limit before reading it (a huge file must
 * not be loaded just to be rejected). `progress` is asked, with the file's size, for a progress callback.
 */
export async function readSclFile(
  file: string,
  progress?: (size: number) => ((p: SclProgress) => void) | undefined,
): Promise<SclDocument> {
  const size = (await stat(file)).size;
  if (size > DEFAULT_SCL_LIMITS.maxBytes)
    throw new SclError('too-large', `the file has ${size} bytes, more than the limit of ${DEFAULT_SCL_LIMITS.maxBytes} (maxBytes)`, {}, basename(file));
  const onProgress = progress?.(size);
  return importScl(new Uint8Array(await readFile(file)), { fileName: basename(file), ...(onProgress ? { onProgress } : {}) });
}
