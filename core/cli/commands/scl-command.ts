import { lazyCommand } from '../command';

export const sclCommand = lazyCommand(
  {
    name: 'scl',
    summary:
      'summary of an SCL file: IEDs, access points and addresses, LDs, LNs, DataSets, RCBs, recommended points',
    args: '<file>',
    positionals: { min: 1, max: 1 },
    options: {
      ied: { type: 'string', valueName: 'NAME', help: 'only this IED (and list all its recommended points)' },
      json: { type: 'boolean', help: 'print one JSON document: {file, edition, ieds[], warnings[]}' },
    },
    details: [
      'Reads .scd, .cid, .icd, .iid, .sed, .ssd and .xml files (SCL 2003, 2007A/B, 2007B4).',
      'Each recommended point says why it was picked and whether a report covers it or it must be polled.',
    ].join('\n'),
  },
  async () => (await import('./scl')).runScl,
);
