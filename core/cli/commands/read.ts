import { mmsVariableOf, type IsoStackFactory } from '../../client';
import type { MmsTypeSpec } from '../../mms';
import { UsageError, type CommandRun } from '../command';
import { openFromArgs } from './open-ied';
import { formatReadRow, readRow } from './read-format';

export function runRead(createIso: IsoStackFactory): CommandRun {
  return async (args, io) => {
    const refs = args.positionals.slice(1).map((text) => {
      try {
        return mmsVariableOf(text);
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
    });
    const session = await openFromArgs(args, createIso, io);
    try {
      // Type descriptions give the component names of whole FCDs; they travel in the same pipeline.
      const specs = Promise.all(
        refs.map(({ name }) => session.client.typeOf(name).catch((): MmsTypeSpec | undefined => undefined)),
      );
      const items = await session.client.read(refs.map((r) => r.ref));
      const types = await specs;
      const rows = items.map((item, i) => readRow(item, types[i]));
      if (args.values.json) io.out(JSON.stringify(rows, null, 2));
      else for (const row of rows) io.out(formatReadRow(row));
      return rows.some((r) => r.error !== undefined) ? 1 : 0;
    } finally {
      await session.close();
    }
  };
}
