import { readFile } from 'node:fs/promises';
import { chromiumPrinter } from '../../print';
import { secretResolver } from '../../project';
import { GatewayService, HttpHost, ServeAuth, isLoopback } from '../../service';
import { errorMessage } from '../../shared';
import { UsageError, intOption, type CommandIo, type CommandRun, type ParsedArgs } from '../command';
import { rendererRoot } from '../paths';
import { VERSION } from '../version';

const text = (values: ParsedArgs['values'], name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

/** A password from the environment variable an option names: never on the command line, where `ps` shows it. */
function passwordFrom(values: ParsedArgs['values'], option: string, io: CommandIo): string | undefined {
  const name = text(values, option);
  if (name === undefined) return undefined;
  const value = io.env?.[name];
  if (value === undefined || value === '') throw new UsageError(`--${option} names ${name}, but that environment variable is not set`);
  if (value.length < 8) throw new UsageError(`the password in ${name} has ${value.length} characters; use at least 8 (a long random token is better)`);
  return value;
}

/** The login settings, refused on a non-loopback address without an operator password, saying why. */
export function serveAuth(values: ParsedArgs['values'], host: string, secure: boolean, io: CommandIo): ServeAuth | undefined {
  const operatorPassword = passwordFrom(values, 'password-env', io);
  const viewerPassword = passwordFrom(values, 'viewer-password-env', io);
  if (viewerPassword !== undefined && operatorPassword === undefined)
    throw new UsageError('--viewer-password-env needs --password-env too: otherwise nobody could start or change anything');
  if (operatorPassword === undefined) {
    if (!isLoopback(host))
      throw new UsageError(
        `refusing to listen on ${host} without authentication: anyone who can reach it could start, stop and change the gateway. ` +
          'Put an operator password in an environment variable and give its name with --password-env NAME (and --viewer-password-env for read-only users), add --tls-cert/--tls-key, or bind 127.0.0.1',
      );
    return undefined;
  }
  try {
    return new ServeAuth({ operatorPassword, ...(viewerPassword !== undefined ? { viewerPassword } : {}), secureCookie: secure });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function tlsOf(values: ParsedArgs['values']): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  const cert = text(values, 'tls-cert');
  const key = text(values, 'tls-key');
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) throw new UsageError('--tls-cert and --tls-key go together');
  const read = async (file: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(file);
    } catch (err) {
      throw new UsageError(`${what} ${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return { cert: await read(cert, '--tls-cert'), key: await read(key, '--tls-key') };
}

/**
 * `--project FILE`: opened at start (a broken or newer file is refused: exit 1), and with `--start` its
 * runtime started. A runtime that cannot start (a port in use) is said on stderr and in the UI, which
 * keeps serving so the operator can see why and fix it.
 */
async function openAtStart(service: GatewayService, path: string, start: boolean, io: CommandIo): Promise<void> {
  const opened = await service.openProject({ path });
  const { project } = opened;
  io.err(`relaygate serve: project ${project.name} from ${path}: ${project.ieds.length} IEDs, ${project.points.length} points`);
  if (opened.migrated) io.err(`relaygate serve: ${path} has schemaVersion ${opened.fromVersion}; migrated in memory (saved current from the UI)`);
  if (!start) {
    io.err('relaygate serve: the runtime is not started (no --start); start it from the UI');
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
  const host = text(args.values, 'host') ?? '127.0.0.1';
  const tls = await tlsOf(args.values);
  const auth = serveAuth(args.values, host, tls !== undefined, io);
  const service = new GatewayService({ mode: 'serve', version: VERSION, secrets: secretResolver(io.env ?? {}), pdf: chromiumPrinter(io.env ?? {}) });
  const projectPath = text(args.values, 'project');
  try {
    if (projectPath !== undefined) await openAtStart(service, projectPath, args.values.start === true, io);
  } catch (err) {
    service.dispose();
    throw err;
  }
  const http = await HttpHost.start(service, { host, port, staticRoot: rendererRoot(), ...(auth ? { auth } : {}), ...(tls ? { tls } : {}) });
  io.out(`relaygate serve: listening on ${http.url}`);
  if (auth) io.err(`relaygate serve: logins required (operator${args.values['viewer-password-env'] ? ' and viewer' : ''} passwords from the environment)`);
  if (auth && !tls) io.err('relaygate serve: without --tls-cert/--tls-key, passwords and values cross the network unencrypted');
  if (!http.rendererAvailable) {
    io.err(
      `relaygate serve: the UI is not built (no ${rendererRoot()}/index.html); run 'npm run build'. The API still answers.`,
    );
  }
  service.log('info', 'service', `serving UI and API on ${http.url}${auth ? ' (login required)' : ''}`);
  await io.interrupted;
  io.err('relaygate serve: stopping');
  await service.stopRuntime().catch((err: unknown) => io.err(`relaygate serve: stopping the runtime failed: ${errorMessage(err)}`));
  await http.close();
  service.dispose();
  return 0;
};
