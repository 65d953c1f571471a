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
        help: 'address to bind (default 127.0.0.1, this machine only); any other address needs --password-env',
      },
      project: {
        type: 'string',
        valueName: 'FILE',
        help: 'open this project at start (the UI can open others)',
      },
      'password-env': {
        type: 'string',
        valueName: 'NAME',
        help: 'the operator password (or a long random token) is in this environment variable; operators may start, stop and edit',
      },
      'viewer-password-env': {
        type: 'string',
        valueName: 'NAME',
        help: 'the viewer password is in this environment variable; viewers see everything and change nothing',
      },
      'tls-cert': {
        type: 'string',
        valueName: 'FILE',
        help: 'serve HTTPS with this certificate (PEM); needs --tls-key',
      },
      'tls-key': {
        type: 'string',
        valueName: 'FILE',
        help: 'the private key (PEM) of --tls-cert',
      },
      start: { type: 'boolean', help: 'with --project: start its runtime too, as `relaygate run` would (the UI can stop it)' },
    },
    details: [
      'The UI is at http://<host>:<port>/ and the API WebSocket at ws://<host>:<port>/api.',
      'On 127.0.0.1 nobody is asked for a password unless one is set. On any other address serve refuses',
      'to start without --password-env: the browser logs in, and the session is an HttpOnly, SameSite=Strict',
      'cookie. Without --tls-cert/--tls-key the password crosses the network in clear: use TLS beyond a lab.',
      'Secrets of the project are environment variables named in it (headless); they never reach the browser.',
      'With --project --start the gateway runs headless from the start, as `relaygate run` would, and the UI shows it;',
      'a project that cannot be read is refused (exit 1); a runtime that cannot start is said and the UI keeps serving.',
    ].join('\n'),
  },
  async () => (await import('./serve')).runServe,
);
