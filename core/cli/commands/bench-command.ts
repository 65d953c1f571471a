import { IED_OPTIONS, lazyIedCommand } from './ied-options';

export const benchCommand = lazyIedCommand(
  {
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
  },
  async () => (await import('./bench')).runBench,
);
