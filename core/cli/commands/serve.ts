import { secretResolver } from '../../project';
import { GatewayService, HttpHost } from '../../service';
import { errorMessage } from '../../shared';
import { intOption, type CommandIo, type CommandRun } from '../command';
import { rendererRoot } from '../paths';
import { VERSION } from '../version';

/**
 * `--project FILE`: opened at start (a broken or newer file is refused: exit 1) and its runtime started,
 * unless `--no-start`. A runtime that cannot start (a port in use) is said on stderr and in the UI, which
 * keeps serving so the operator can see why and fix it.
 */
async function openAtStart(service: GatewayService, path: string, start: boolean, io: CommandIo): Promise<void> {
  const opened = await service.openProject({ path });
  const { project } = opened;
  io.err(`relaygate serve: project ${project.name} from ${path}: ${project.ieds.length} IEDs, ${project.points.length} points`);
  if (opened.migrated) io.err(`relaygate serve: ${path} has schemaVersion ${opened.fromVersion}; migrated in memory (saved current from the UI)`);
  if (!start) {
    io.err('relaygate serve: the runtime is not started (--no-start); start it from the UI');
    return;
  }
  try {
    await service.startRuntime();
  } catch (err) {
    io.err(`relaygate serve: the runtime did not start: ${errorMessage(err)}`);
    return;
  }
  for (const e of service.runtime?.endpoints() ?? []) io.err(`relaygate serve: ${e.name} ${e.endpoint}`);
}

export const runServe: CommandRun = async (args, io) => {
  const port = intOption(args.values, 'port', 8061, 0, 65535);
  const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
  const service = new GatewayService({ mode: 'serve', version: VERSION, secrets: secretResolver(io.env ?? {}) });
  try {
    if (typeof args.values.project === 'string') await openAtStart(service, args.values.project, args.values['no-start'] !== true, io);
  } catch (err) {
    service.dispose();
    throw err;
  }
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
  await service.stopRuntime().catch((err: unknown) => io.err(`relaygate serve: stopping the runtime failed: ${errorMessage(err)}`));
  await http.close();
  service.dispose();
  return 0;
};
