import { mmsVariableOf, type IsoStackFactory } from '../../client';
import type { MmsTypeSpec } from '../../mms';
import { UsageError, type Command } from '../command';
import { IED_OPTIONS, openFromArgs } from './ied-options';
import { formatReadRow, readRow } from './read-format';

export function readCommand(createIso: IsoStackFactory): Command {
  return {
    name: 'read',
    summary: 'read object references (leaves or whole FCDs) from an IED',
    args: '<host[:port]> <ref>...',
    positionals: { min: 2 },
    options: {
      ...IED_OPTIONS,
      json: {
        type: 'boolean',
        help: 'print one JSON array of {ref, fc, type, value, quality?, timestamp?, error?}',
      },
    },
    details: [
      'A reference is LD/LN.DO[.SDO].DA[.BDA] with its FC in brackets, e.g. simpleIOGenericIO/GGIO1.AnIn1.mag.f[MX],',
      'or a whole FCD such as IED1LD0/XCBR1.Pos[ST], which returns stVal, q and t together.',
      'All references are read in as few requests as the negotiated PDU size allows.',
    ].join('\n'),
    async run(args, io) {
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
    },
  };
}
