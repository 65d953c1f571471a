import { lazyCommand } from '../command';

export const runCommand = lazyCommand(
  {
    name: 'run',
    summary: 'headless gateway from a saved project, until Ctrl-C',
    args: '<project.json>',
    positionals: { min: 1, max: 1 },
    options: {
      'modbus-bind': { type: 'string', valueName: 'ADDR', help: "address the Modbus server binds (default: the project's)" },
      'modbus-port': { type: 'string', valueName: 'N', help: "Modbus TCP port (default: the project's; 0 picks a free port)" },
      mqtt: { type: 'string', valueName: 'URL', help: 'MQTT broker URL for this run (turns MQTT on), e.g. mqtt://127.0.0.1:1883' },
      'no-mqtt': { type: 'boolean', help: 'no MQTT for this run, whatever the project says' },
      'log-level': { type: 'string', valueName: 'LEVEL', help: 'debug, info (default), warn or error' },
      log: { type: 'string', valueName: 'FILE', help: 'write the log to FILE instead of stderr, rotated by size' },
      'log-max-size': { type: 'string', valueName: 'SIZE', help: 'rotate the log file past this size, e.g. 512k, 10M (default 10M)' },
      'log-files': { type: 'string', valueName: 'N', help: 'rotated log files kept: FILE.1 … FILE.N (default 5)' },
    },
    details: [
      'Logs connection changes and errors to stderr, one line each, or with --log to a file that is rotated',
      'as logrotate names them (FILE.1 the newest). Passwords come from the environment',
      'variables the project names ({"env": "NAME"}). Ctrl-C or SIGTERM stops cleanly: every RCB is disabled',
      "and released, every association concluded, every socket closed, and the BRCBs' last EntryIDs are kept",
      'in <project>.state.json so the next run resumes the buffered reports without loss.',
    ].join('\n'),
  },
  async () => (await import('./run')).runRun,
);
