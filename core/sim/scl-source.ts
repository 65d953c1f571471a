import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_SCL_LIMITS, SclError, SclFile, type SclDocument, type SclIed } from '../scl';
import { pickIed } from './scl-model';

/** What the simulator serves an IED from: an SCL file read step by step, or a document imported whole. */
export type SclSource = SclFile | SclDocument;

/**
 * Opens an SCL file for serving: refuses one over the size limit before reading it (a huge file must
 * not be loaded just to be rejected), then decodes and scans it. Nothing is built yet: the overview
 * finds the IEDs, and each served IED is read in full on its own (`iedToServe`).
 */
export async function openSclFile(path: string): Promise<SclFile> {
  const size = (await stat(path)).size;
  if (size > DEFAULT_SCL_LIMITS.maxBytes)
    throw new SclError('too-large', `the file has ${size} bytes, more than the limit of ${DEFAULT_SCL_LIMITS.maxBytes} (maxBytes)`, {}, basename(path));
  // readFile's Buffer is a Uint8Array: handed over as it is, never copied.
  return SclFile.open(await readFile(path), { fileName: basename(path) });
}

/** The IEDs of a source as far as serving needs them (of a file: its overview, without instance values). */
export function sourceIeds(source: SclSource): SclDocument {
  return source instanceof SclFile ? source.overview() : source;
}

/**
 * The IED to serve, in full: the one named or the only servable one (see pickIed). Of a file, only
 * this IED is parsed in full; the other IEDs stay in the overview.
 */
export function iedToServe(source: SclSource, name: string | undefined): SclIed {
  const ied = pickIed(sourceIeds(source), name);
  return source instanceof SclFile ? source.details(ied).ied : ied;
}
