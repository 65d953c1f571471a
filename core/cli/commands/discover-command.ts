import { IED_OPTIONS, lazyIedCommand } from './ied-options';

export const discoverCommand = lazyIedCommand(
  {
    name: 'discover',
    summary: 'associate with an IED, browse its whole model and print it',
    args: '<host[:port]>',
    positionals: { min: 1, max: 1 },
    options: {
      ...IED_OPTIONS,
      json: {
        type: 'boolean',
        help: 'print one JSON document: {logicalDevices, leaves, dataSets, reportControls, warnings}',
      },
    },
    details: [
      'Uses GetNameList and GetVariableAccessAttributes (per LN, or per FC when an LN is too big), data set directories and RCB reads.',
      'What the IED can make it hold or send is bounded (names, LNs, requests, type components, data set members);',
      'a limit passed ends the discovery with an error naming it, and --limit NAME=N changes it. Ctrl-C stops at once.',
    ].join('\n'),
  },
  async () => (await import('./discover')).runDiscover,
);
