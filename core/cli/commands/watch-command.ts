import { IED_OPTIONS, lazyIedCommand } from './ied-options';

export const watchCommand = lazyIedCommand(
  {
    name: 'watch',
    summary: 'enable a report control block and print each report until Ctrl-C, then disable and release it',
    args: '<host[:port]> <rcb-ref>',
    positionals: { min: 2, max: 2 },
    options: {
      ...IED_OPTIONS,
      purge: {
        type: 'boolean',
        help: 'BRCB: discard what the IED buffered before enabling (without it, the buffer since the last enable is replayed first)',
      },
      'integrity-period': {
        type: 'string',
        valueName: 'MS',
        help: 'ask for integrity reports every MS milliseconds (default: leave as configured)',
      },
      json: { type: 'boolean', help: 'print one JSON object per report, one per line' },
    },
    details: [
      'The RCB is named LD/LN.name, e.g. IED1LD0/LLN0.urcbA01 (an indexed instance) or IED1LD0/LLN0.brcbMeas01;',
      'add [RP] or [BR] to skip the lookup. The RCB is reserved, configured (OptFlds, TrgOps dchg qchg period gi),',
      'enabled and asked for a GI; on Ctrl-C it is disabled and released, so the next client finds it free.',
      'A report that cannot be decoded, or a segmented report dropped (a gap, a limit), is one line on stderr.',
    ].join('\n'),
  },
  async () => (await import('./watch')).runWatch,
);
