import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { SclIedDto, SclIedParams, SclOverviewDto, SclSource } from '../contract';
import { DEFAULT_SCL_LIMITS, SclError, SclFile, iedDto, overviewOf } from '../scl';

/**
 * The service's SCL channels: `sclOverview` opens a file (a path, or the text a browser sent) and gives
 * its overview; `sclIed` gives one IED of it in full. The last file opened is kept, so asking for IED
 * after IED of one station SCD reads and scans it once; a path is opened again when its size or
 * modification time changed.
 */
export class SclFiles {
  private last: { key: string; content: string | undefined; file: SclFile } | undefined;

  async overview(source: SclSource): Promise<SclOverviewDto> {
    return overviewOf((await this.open(source)).overview());
  }

  async ied(params: SclIedParams): Promise<SclIedDto> {
    const file = await this.open(params);
    const doc = file.overview();
    const ied = doc.ieds.find((i) => i.name === params.ied);
    if (!ied) {
      const names = doc.ieds.map((i) => i.name);
      throw new Error(`no IED named '${params.ied}' in ${doc.fileName ?? 'the SCL file'}; it has ${names.length === 0 ? 'no IED' : names.join(', ')}`);
    }
    return iedDto(file.details(ied), params.tiers === undefined ? {} : { tiers: params.tiers });
  }

  private async open(source: SclSource): Promise<SclFile> {
    if ('content' in source) {
      const key = `content:${source.fileName ?? ''}`;
      if (this.last?.key === key && this.last.content === source.content) return this.last.file;
      const file = SclFile.open(source.content, { fileName: source.fileName });
      this.last = { key, content: source.content, file };
      return file;
    }
    const path = resolve(source.path);
    const info = await stat(path);
    const key = `path:${path}:${info.size}:${info.mtimeMs}`;
    if (this.last?.key === key) return this.last.file;
    if (info.size > DEFAULT_SCL_LIMITS.maxBytes) {
      // Refused before reading: a huge file must not be loaded just to be rejected.
      throw new SclError('too-large', `the file has ${info.size} bytes, more than the limit of ${DEFAULT_SCL_LIMITS.maxBytes} (maxBytes)`, {}, basename(path));
    }
    const file = SclFile.open(await readFile(path), { fileName: basename(path) });
    this.last = { key, content: undefined, file };
    return file;
  }
}
