import { GatewayService, HttpHost } from '../../service';
import { intOption, type Command } from '../command';
import { rendererRoot } from '../paths';
import { VERSION } from '../version';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'headless gateway plus the web UI over HTTP/WebSocket, for browsers',
  options: {
    port: { type: 'string', valueName: 'N', help: 'HTTP port for the UI and API (default 8061; 0 picks a free port)' },
    host: { type: 'string', valueName: 'ADDR', help: 'address to bind (default 127.0.0.1, this machine only)' },
  },
  details: [
    'The UI is at http://<host>:<port>/ and the API WebSocket at ws://<host>:<port>/api.',
    'Binding to anything but 127.0.0.1 exposes the gateway to the network: there is no login.',
  ].join('\n'),
  async run(args, io) {
    const port = intOption(args.values, 'port', 8061, 0, 65535);
    const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
    const service = new GatewayService({ mode: 'serve', version: VERSION });
    const http = await HttpHost.start(service, { host, port, staticRoot: rendererRoot() });
    io.out(`relaygate serve: listening on ${http.url}`);
    if (!http.rendererAvailable) {
      io.err(`relaygate serve: the UI is not built (no ${rendererRoot()}/index.html); run 'npm run build'. The API still answers.`);
    }
    service.log('info', 'service', `serving UI and API on ${http.url}`);
    await io.interrupted;
    io.err('relaygate serve: stopping');
    await http.close();
    service.dispose();
    return 0;
  },
};
