import { lazyCommand } from '../command';

/** CONVENTIONS.md: the simulator's default port (102 needs privileges on most systems). */
export const DEFAULT_SIM_PORT = 10102;

export const simCommand = lazyCommand(
  {
    name: 'sim',
    summary: 'IED simulator: serves the model of one IED (or every IED, one port each) from an SCL file',
    args: '<scl-file | model.json>',
    positionals: { min: 0, max: 1 },
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
      from: { type: 'string', valueName: 'HOST[:PORT]', help: 'clone a live IED: discover it, read its values, and serve the copy' },
      save: { type: 'string', valueName: 'FILE', help: 'with --from: also save the copy as JSON, to serve again later' },
      'from-password': { type: 'string', valueName: 'PW', help: 'with --from: the ACSE password of the live IED' },
    },
    details: [
      'Serves the LDs, LNs, data sets and RCBs of the SCL with its DAI values, controls, Mode/Behaviour and',
      'setting groups, until Ctrl-C. Measurements drift and protection events happen now and then unless',
      '--static. It never connects anywhere, except to the IED --from names, once, to copy it.',
      '',
      'Examples:',
      '  relaygate sim assets/models/feeder-relay.cid',
      '  relaygate sim station.scd --all --port 10102 --json',
      '  relaygate sim --from 10.0.0.5 --save relay.json --port 10102',
      '  relaygate sim relay.json',
    ].join('\n'),
  },
  async () => (await import('./sim')).runSim,
);
