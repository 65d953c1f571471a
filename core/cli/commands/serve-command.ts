import { lazyCommand } from '../command';

export const serveCommand = lazyCommand(
  {
    name: 'serve',
    summary: 'headless gateway plus the web UI over HTTP/WebSocket, for browsers',
    options: {
      port: {
        type: 'string',
        valueName: 'N',
        help: 'HTTP port for the UI and API (default 8061; 0 picks a free port)',
      },
      host: {
        type: 'string',
        valueName: 'ADDR',
        help: 'address to bind (default 127.0.0.1, this machine only)',
      },
      project: {
        type: 'string',
        valueName: 'FILE',
        help: 'open this project at start and start its runtime (the UI can stop it and open others)',
      },
      'no-start': { type: 'boolean', help: 'with --project: open it without starting the runtime' },
    },
    details: [
      'The UI is at http://<host>:<port>/ and the API WebSocket at ws://<host>:<port>/api.',
      'Binding to anything but 127.0.0.1 exposes the gateway to the network: there is no login.',
      'With --project the gateway runs headless from the start, as `relaygate run` would, and the UI shows it;',
      "a project that cannot be read is refused (exit 1); a runtime that cannot start is said and the UI keeps serving.",
    ].join('\n'),
  },
  async () => (await import('./serve')).runServe,
);
