import { lazyCommand } from '../command';

/** CONVENTIONS.md: the simulator's default port (102 needs privileges on most systems). */
export const DEFAULT_SIM_PORT = 10102;

export const simCommand = lazyCommand(
  {
    name: 'sim',
    summary: 'IED simulator: serves the model of one IED (or every IED, one port each) from an SCL file',
    args: '<scl-file>',
    positionals: { min: 1, max: 1 },
    options: {
      ied: { type: 'string', valueName: 'NAME', help: 'the IED to serve (needed when the file has several)' },
      all: { type: 'boolean', help: 'serve every IED with a server access point, each on its own port from --port upward' },
      host: { type: 'string', valueName: 'ADDR', help: 'address to listen on (default 127.0.0.1, this machine only)' },
      port: { type: 'string', valueName: 'N', help: `TCP port (default ${DEFAULT_SIM_PORT}; 0 picks a free port)` },
      password: { type: 'string', valueName: 'PW', help: 'ACSE password clients must give (authentication-failure otherwise)' },
      scenario: { type: 'string', valueName: 'FILE', help: 'JSON timeline of value, quality, mode and fault steps (docs/SIMULATOR.md)' },
      'max-clients': { type: 'string', valueName: 'N', help: 'associations served at once (default 10); one more is refused' },
      seed: { type: 'string', valueName: 'N', help: 'seed of the value dynamics (default 1): the same seed, the same run' },
      static: { type: 'boolean', help: 'no value dynamics: values change only by scenario or control' },
      json: { type: 'boolean', help: 'print [{ied, host, port}] as one JSON document' },
    },
    details: [
      'Serves the LDs, LNs, data sets and RCBs of the SCL with its DAI values, controls, Mode/Behaviour and',
      'setting groups, until Ctrl-C. Measurements drift and protection events happen now and then unless',
      '--static. It never connects anywhere: clients connect to it.',
    ].join('\n'),
  },
  async () => (await import('./sim')).runSim,
);
