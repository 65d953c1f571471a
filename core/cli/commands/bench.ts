import { benchReads, mmsNameOf, type BenchMode, type IsoStackFactory } from '../../client';
import { UsageError, intOption, type Command } from '../command';
import { IED_OPTIONS, openFromArgs } from './ied-options';

const MODES: readonly BenchMode[] = ['single', 'multi', 'pipelined'];

export function benchCommand(createIso: IsoStackFactory): Command {
  return {
    name: 'bench',
    summary: 'measure how fast an IED answers reads: requests/s, values/s, p50/p99 latency',
    args: '<host[:port]> <ref>...',
    positionals: { min: 2 },
    options: {
      ...IED_OPTIONS,
      duration: { type: 'string', valueName: 'S', help: 'seconds to run (default 5)' },
      mode: {
        type: 'string',
        valueName: 'MODE',
        help: 'single (one variable per request), multi (all in one request) or pipelined (default single)',
      },
      json: {
        type: 'boolean',
        help: 'print one JSON document {mode, variables, requests, values, seconds, requestsPerSecond, valuesPerSecond, p50Us, p99Us}',
      },
    },
    details: [
      'single: one variable per request, one request at a time (how synchronous clients read).',
      'multi: every reference in one Read request, one request at a time.',
      'pipelined: one variable per request, as many in flight as the IED negotiated (MMS outstanding calls).',
      'Use it at commissioning to see what an IED sustains, and to compare clients against the same server.',
    ].join('\n'),
    async run(args, io) {
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
    },
  };
}
