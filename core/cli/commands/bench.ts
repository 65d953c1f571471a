import { benchReads, mmsNameOf, type BenchMode, type IsoStackFactory } from '../../client';
import { UsageError, intOption, type CommandRun } from '../command';
import { openFromArgs } from './open-ied';

const MODES: readonly BenchMode[] = ['single', 'multi', 'pipelined'];

export function runBench(createIso: IsoStackFactory): CommandRun {
  return async (args, io) => {
    const mode = (typeof args.values.mode === 'string' ? args.values.mode : 'single') as BenchMode;
    if (!MODES.includes(mode))
      throw new UsageError(`--mode must be single, multi or pipelined, got '${String(args.values.mode)}'`);
    const seconds = intOption(args.values, 'duration', 5, 1, 3600);
    const names = args.positionals.slice(1).map((text) => {
      try {
        return mmsNameOf(text).name;
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
    });
    const session = await openFromArgs(args, createIso, io);
    try {
      const result = await benchReads(session.connection, names, {
        mode,
        durationMs: seconds * 1000,
        inFlight: session.connection.negotiated.maxOutstanding,
      });
      if (args.values.json) io.out(JSON.stringify(result));
      else {
        io.out(
          `${session.where} ${mode}, ${result.variables} variable${result.variables === 1 ? '' : 's'}, ${result.inFlight} in flight: ` +
            `${result.requestsPerSecond} requests/s, ${result.valuesPerSecond} values/s, p50 ${result.p50Us} µs, p99 ${result.p99Us} µs ` +
            `(${result.requests} requests in ${result.seconds} s${result.failedValues ? `, ${result.failedValues} failed values` : ''})`,
        );
      }
      return result.failedValues > 0 ? 1 : 0;
    } finally {
      await session.close();
    }
  };
}
