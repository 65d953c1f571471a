import { secretResolver } from '../../project';
import { GatewayService, HttpHost } from '../../service';
import { intOption, type CommandRun } from '../command';
import { rendererRoot } from '../paths';
import { VERSION } from '../version';

export const runServe: CommandRun = async (args, io) => {
  const port = intOption(args.values, 'port', 8061, 0, 65535);
  const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
  const service = new GatewayService({ mode: 'serve', version: VERSION, secrets: secretResolver(io.env ?? {}) });
  const http = await HttpHost.start(service, { host, port, staticRoot: rendererRoot() });
  io.out(`relaygate serve: listening on ${http.url}`);
  if (!http.rendererAvailable) {
    io.err(
      `relaygate serve: the UI is not built (no ${rendererRoot()}/index.html); run 'npm run build'. The API still answers.`,
    );
  }
  service.log('info', 'service', `serving UI and API on ${http.url}`);
  await io.interrupted;
  io.err('relaygate serve: stopping');
  await http.close();
  service.dispose();
  return 0;
};
