import { lazyCommand } from '../command';

export const reportCommand = lazyCommand(
  {
    name: 'report',
    summary: 'the FAT/SAT evidence report of a project: IEDs, points, probe values, Modbus map, MQTT topics, checklist',
    args: '<project.json>',
    positionals: { min: 1, max: 1 },
    options: {
      out: { type: 'string', valueName: 'FILE', help: 'where to write it: FILE.html (self-contained HTML) or FILE.pdf (needs Chromium); required' },
      pdf: { type: 'boolean', help: 'also write a PDF beside the HTML (FILE.pdf; needs Chromium)' },
      probe: { type: 'boolean', help: 'read every point live from the IEDs first (value, quality, time; identity, Mod/Beh)' },
      verify: { type: 'boolean', help: 'run the point-to-point check now (as relaygate verify) and include its checklist' },
      checklist: { type: 'string', valueName: 'FILE', help: 'include a checklist saved by relaygate verify --json' },
      map: { type: 'string', valueName: 'FILE', help: "with --verify: the client's Modbus map to check against (CSV)" },
      mqtt: { type: 'string', valueName: 'URL', help: 'with --verify: a broker on this machine to use instead of an embedded one' },
    },
    details: [
      'The HTML has its style sheet inline and no external reference, so it opens anywhere and can be archived as',
      'it is. The PDF is printed from the same HTML by a headless Chromium through playwright-core: RELAYGATE_CHROMIUM,',
      'else /usr/bin/chromium, google-chrome and the other usual places; with none, it says so before contacting any IED.',
      '--probe connects to the IEDs at their project addresses (read-only: no RCB is touched); an IED that cannot be',
      'reached is shown as such (its points disconnected, with the reason), never with a value.',
      'Prints the files written. Exit 0; 1 when an IED could not be probed or the check failed (the report is still',
      'written and says so, and stderr names each), or on an error; 2 for a usage error.',
      'Examples:',
      '  relaygate report station.json --probe --out fat.html --pdf',
      '  relaygate report station.json --verify --map hmi-signals.csv --out fat.pdf',
      '  relaygate verify station.json --json > checklist.json; relaygate report station.json --checklist checklist.json --out fat.html',
    ].join('\n'),
  },
  async () => (await import('./report')).runReport,
);
