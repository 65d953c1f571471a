import { lazyCommand } from '../command';

export const sclCommand = lazyCommand(
  {
    name: 'scl',
    summary: "an SCL file's overview (IEDs, access points and addresses, counts), and an IED's recommended points",
    args: '<file>',
    positionals: { min: 1, max: 1 },
    options: {
      ied: {
        type: 'string',
        multiple: true,
        valueName: 'NAME',
        help: "add this IED's recommended points and their report coverage (repeatable)",
      },
      all: { type: 'boolean', help: 'add the recommended points of every IED' },
      tier: {
        type: 'string',
        multiple: true,
        valueName: 'TIER',
        help: 'essential, station, extended or all (every ST/MX leaf); repeatable (default essential, station and extended)',
      },
      json: {
        type: 'boolean',
        help: 'print one JSON document {file, edition, ieds[], warnings[]}, written IED by IED',
      },
    },
    details: [
      'Reads .scd, .cid, .icd, .iid, .sed, .ssd and .xml files (SCL 2003, 2007A/B, 2007B4).',
      'Without --ied or --all it prints the overview only: every IED with its access points, IP addresses',
      'and counts (LDs, LNs, data sets, RCBs and their instances, leaves), and the warnings. This is fast',
      'even for a station SCD: no IED instance value (DOI/DAI) is parsed.',
      'With --ied NAME (repeatable) or --all, those IEDs also list their RCBs and their recommended points,',
      'each with its tier, why it was picked and whether a report covers it (naming the RCBs by id) or it must',
      'be polled. Tiers: essential (positions, trips and operates, breaker failure, LD and device health, per',
      'feeder P, Q and phase currents), station (what the IED\'s RCBs report), extended (other starts,',
      'indications and measurements), all (every other ST/MX leaf).',
      'Examples:',
      '  relaygate scl station.scd',
      '  relaygate scl station.scd --ied BAY01 --ied BAY02 --json > bays.json',
      '  relaygate scl relay.cid --ied REL1 --tier essential',
    ].join('\n'),
  },
  async () => (await import('./scl')).runScl,
);
