import { lazyCommand } from '../command';

export const initCommand = lazyCommand(
  {
    name: 'init',
    summary: 'write a ready project from an SCL file or a live IED (the scripted twin of the wizard)',
    args: '<host[:port] | scl-file>',
    positionals: { min: 1, max: 1 },
    options: {
      ied: { type: 'string', multiple: true, valueName: 'NAME', help: 'the IED of the SCL file (repeatable; needed when it has several)' },
      host: { type: 'string', valueName: 'HOST[:PORT]', help: 'the IED address, instead of the one in the SCL file' },
      tier: {
        type: 'string',
        multiple: true,
        valueName: 'TIER',
        help: 'essential (default), station, extended or all; repeatable, tiers add up',
      },
      all: { type: 'boolean', help: 'every ST/MX leaf (the same as --tier all)' },
      companions: {
        type: 'string',
        valueName: 'LIST',
        help: 'Modbus companion registers per point: status (default), quality, timestamp, age, sequence, comma-separated; or none',
      },
      out: { type: 'string', valueName: 'FILE', help: 'where to write the project (default project.json); an existing file is not replaced' },
      force: { type: 'boolean', help: 'replace an existing project file at --out' },
      name: { type: 'string', valueName: 'TEXT', help: 'the project name (default: the IED names)' },
      password: { type: 'string', valueName: 'PW', help: 'live: ACSE password for the discovery (the project names an environment variable instead)' },
      timeout: { type: 'string', valueName: 'MS', help: 'live: connect and request timeout in ms (default 5000)' },
    },
    details: [
      'Points are picked by tier: essential = switch positions, trips and operate signals, breaker failure,',
      'Mod/Beh/Health, key MMXU values; station = the members of the data sets an RCB reports; extended = every',
      "recommended point; all = every ST/MX leaf. A point that an RCB reports on change gets a report plan",
      '(a BRCB before a URCB); the others are polled every second. Modbus registers are auto-assigned',
      '(CONVENTIONS.md layout, the i-th IED at i*1000) with a status companion per point; MQTT is on.',
      'A password is never written: the project names the environment variable <IED>_PASSWORD instead.',
    ].join('\n'),
  },
  async () => (await import('./init')).runInit,
);
