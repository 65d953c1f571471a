import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SclDocument } from '../../scl';
import { isoStackFor, openIed } from '../../client';
import { Simulator, openSclFile, parseScenario, servableIeds, type SavedModel, type Scenario, type SimulatorOptions } from '../../sim';
import { RelayGateError, errorMessage } from '../../shared';
import { UsageError, intOption, type CommandIo, type CommandRun, type ParsedArgs } from '../command';
import { formatEndpoint, parseEndpoint } from '../endpoint';
import { cloneIed } from './sim-clone';
import { DEFAULT_SIM_PORT } from './sim-command';

export const runSim: CommandRun = async (args, io) => {
  const file = args.positionals[0];
  const from = typeof args.values.from === 'string' ? args.values.from : undefined;
  if ((file === undefined) === (from === undefined)) throw new UsageError('give an SCL file or a saved model, or --from HOST[:PORT]');
  if (args.values.save !== undefined && from === undefined) throw new UsageError('--save goes with --from');
  const options = simOptions(args);
  const firstPort = intOption(args.values, 'port', DEFAULT_SIM_PORT, 0, 65535);
  const scenario = typeof args.values.scenario === 'string' ? await readScenario(args.values.scenario) : undefined;
  let stopping = false;
  void io.interrupted.then(() => (stopping = true));
  // Read and started in a function of their own, so that nothing here keeps the SCL file once served.
  const start = async () => startEach(from !== undefined ? [{ model: await cloneFrom(from, args, io) }] : await sourcesOf(file ?? '', args), options, firstPort, io, () => stopping);
  const sims = await start();
  for (const sim of sims) {
    for (const w of sim.warnings) io.err(`relaygate sim: ${sim.iedName}: ${w}`);
    if (scenario) sim.runScenario(scenarioFor(sim, scenario), (m) => io.err(`relaygate sim: ${sim.iedName}: ${m}`));
  }
  printServing(io, sims, from ?? basename(file ?? ''), args.values.json === true);
  await io.interrupted;
  io.err('relaygate sim: stopping');
  await Promise.all(sims.map((s) => s.stop()));
  return 0;
};

/**
 * Starts a simulator for each source, one after another: each serves as soon as it listens while the
 * next one is read and built (with several, each says so on stderr). Stops them all on a failure, or
 * when asked to stop before the last one is up. The sources, and the SCL file they share, are not kept.
 */
async function startEach(
  sources: readonly Pick<SimulatorOptions, 'scl' | 'model' | 'ied'>[],
  options: Omit<SimulatorOptions, 'scl'>,
  firstPort: number,
  io: CommandIo,
  stopping: () => boolean,
): Promise<Simulator[]> {
  const sims: Simulator[] = [];
  try {
    for (const [i, source] of sources.entries()) {
      if (stopping()) break;
      const port = firstPort === 0 ? 0 : firstPort + i;
      const sim = await listen({ ...options, ...source, port });
      sims.push(sim);
      if (sources.length > 1) io.err(`relaygate sim: ${sim.iedName} listening on ${sim.address} (${i + 1} of ${sources.length})`);
    }
  } catch (err) {
    await Promise.all(sims.map((s) => s.stop()));
    throw err;
  }
  return sims;
}

/** The IEDs to serve: --ied, --all, or the only one; several without either is a usage error listing them. */
function pickIeds(doc: SclDocument, args: ParsedArgs): string[] {
  const servable = servableIeds(doc).map((i) => i.name);
  const file = doc.fileName ?? 'the file';
  if (args.values.all && args.values.ied !== undefined) throw new UsageError('give --ied NAME or --all, not both');
  if (servable.length === 0) throw new RelayGateError('sim', 'no-such-ied', `${file} has no IED with a server access point`);
  if (args.values.all) return servable;
  if (typeof args.values.ied === 'string') {
    if (!servable.includes(args.values.ied))
      throw new RelayGateError('sim', 'no-such-ied', `no IED named '${args.values.ied}' with a server in ${file}; it has ${servable.join(', ')}`);
    return [args.values.ied];
  }
  if (servable.length > 1)
    throw new UsageError(`${file} has ${servable.length} IEDs with a server: ${servable.join(', ')}; pick one with --ied NAME, or --all`);
  return servable;
}

function simOptions(args: ParsedArgs): Omit<SimulatorOptions, 'scl'> {
  const seed = intOption(args.values, 'seed', 1, 0, 0xffffffff);
  const maxClients = intOption(args.values, 'max-clients', 10, 1, 10_000);
  return {
    host: typeof args.values.host === 'string' ? args.values.host : '127.0.0.1',
    maxClients,
    seed,
    dynamics: args.values.static !== true,
    ...(typeof args.values.password === 'string' ? { password: args.values.password } : {}),
  };
}

/** What to serve from a file: a saved model (JSON), or the IEDs of an SCL file that the options pick. */
async function sourcesOf(file: string, args: ParsedArgs): Promise<Pick<SimulatorOptions, 'scl' | 'model' | 'ied'>[]> {
  if (/\.json$/i.test(file)) {
    if (args.values.all || args.values.ied !== undefined) throw new UsageError('--ied and --all are for SCL files; a saved model holds one IED');
    return [{ model: file }];
  }
  // Scanned once; the overview finds the IEDs and each is read in full only when its turn comes.
  const scl = await openSclFile(file);
  return pickIeds(scl.overview(), args).map((ied) => ({ scl, ied }));
}

/** Clones the live IED at --from, saving it when --save asks (atomically: a temporary file, then rename). */
async function cloneFrom(from: string, args: ParsedArgs, io: CommandIo): Promise<SavedModel> {
  const { host, port } = parseEndpoint(from);
  const password = typeof args.values['from-password'] === 'string' ? args.values['from-password'] : undefined;
  io.err(`relaygate sim: cloning ${formatEndpoint({ host, port })}`);
  const session = await openIed({ host, port, ...(password !== undefined ? { password } : {}) }, isoStackFor);
  let saved: SavedModel;
  try {
    saved = await cloneIed(session.client, formatEndpoint({ host, port }), (line) => io.err(`relaygate sim: ${line}`));
  } finally {
    await session.close();
  }
  const lns = saved.domains.reduce((n, d) => n + d.lns.length, 0);
  io.err(`relaygate sim: cloned ${saved.ied}: ${saved.domains.length} LDs, ${lns} LNs, ${saved.dataSets.length} data sets, ${saved.rcbs.length} RCBs`);
  if (typeof args.values.save === 'string') {
    const tmp = `${args.values.save}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(saved, null, 1));
    await rename(tmp, args.values.save);
    io.err(`relaygate sim: saved to ${args.values.save}`);
  }
  return saved;
}

async function listen(options: SimulatorOptions): Promise<Simulator> {
  try {
    return await Simulator.start(options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const what = options.ied ?? (typeof options.model === 'string' ? basename(options.model) : 'the clone');
      throw new RelayGateError('sim', 'cannot-listen', `cannot listen on ${options.host}:${options.port} for ${what}: ${errorMessage(err)}`);
    }
    throw err;
  }
}

async function readScenario(file: string): Promise<Scenario> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new RelayGateError('sim', 'bad-scenario', `${file}: ${errorMessage(err)}`);
  }
  return parseScenario(json, basename(file));
}

/** The steps of a scenario that concern one simulated IED: those naming its LDs, and the actions for all. */
function scenarioFor(sim: Simulator, scenario: Scenario): Scenario {
  const ours = (ref: string | undefined) => ref === undefined || sim.model.domain(ref.split('/')[0] ?? '') !== undefined;
  return { ...scenario, steps: scenario.steps.filter((s) => ours(s.ref)) };
}

function printServing(io: CommandIo, sims: readonly Simulator[], file: string, json: boolean): void {
  const rows = sims.map((s) => ({ ied: s.iedName, host: s.host, port: s.port }));
  if (json) {
    io.out(JSON.stringify(rows));
    return;
  }
  if (sims.length === 1) {
    io.out(`relaygate sim: serving ${rows[0]!.ied} from ${file} on ${sims[0]!.address} (Ctrl-C to stop)`);
    return;
  }
  const width = Math.max(3, ...rows.map((r) => r.ied.length));
  io.out(`relaygate sim: serving ${rows.length} IEDs from ${file} (Ctrl-C to stop)`);
  io.out(`${'IED'.padEnd(width)}  host             port`);
  for (const r of rows) io.out(`${r.ied.padEnd(width)}  ${r.host.padEnd(15)}  ${r.port}`);
}
