import { secretResolver } from '../../project';
import { RuntimeHost, projectOutputs, readProjectFile, type EndpointOverrides } from '../../runtime';
import { errorMessage } from '../../shared';
import { UsageError, intOption, type CommandRun, type ParsedArgs } from '../command';

import { RotatingLogFile, parseSize } from '../log-file';
import { logLevelOption, runtimeLogPrinter } from './runtime-log';

/** The endpoint flags of `run` (CONVENTIONS.md): they override the project for this run only. */
export function endpointOverrides(values: ParsedArgs['values']): EndpointOverrides {
  const mqtt = values.mqtt;
  if (mqtt !== undefined && values['no-mqtt']) throw new UsageError('--mqtt and --no-mqtt cannot both be given');
  if (typeof mqtt === 'string' && !/^(mqtts?|wss?):\/\/[^\s/]+/.test(mqtt))
    throw new UsageError(`--mqtt must be an mqtt://, mqtts://, ws:// or wss:// URL, got '${mqtt}'`);
  const bind = values['modbus-bind'];
  return {
    ...(typeof bind === 'string' ? { modbusBind: bind } : {}),
    ...(values['modbus-port'] !== undefined ? { modbusPort: intOption(values, 'modbus-port', 502, 0, 65535) } : {}),
    ...(values['no-mqtt'] ? { mqttUrl: null } : typeof mqtt === 'string' ? { mqttUrl: mqtt } : {}),
  };
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** --log FILE with --log-max-size and --log-files: the rotating log file, or null for stderr. */
export function logFileOption(values: ParsedArgs['values'], onError: (message: string) => void): RotatingLogFile | null {
  const path = values.log;
  if (path === undefined) {
    for (const o of ['log-max-size', 'log-files']) if (values[o] !== undefined) throw new UsageError(`--${o} needs --log FILE`);
    return null;
  }
  if (typeof path !== 'string' || path === '') throw new UsageError('--log needs a file name');
  const rawSize = values['log-max-size'];
  const maxBytes = rawSize === undefined ? 10 * 1024 * 1024 : typeof rawSize === 'string' ? parseSize(rawSize) : null;
  if (maxBytes === null || maxBytes < 1024) throw new UsageError(`--log-max-size must be a size of at least 1k, e.g. 512k or 10M, got '${String(rawSize)}'`);
  const keep = intOption(values, 'log-files', 5, 0, 100);
  try {
    return new RotatingLogFile(path, { maxBytes, keep }, onError);
  } catch (err) {
    throw new Error(`cannot write the log file ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

export const runRun: CommandRun = async (args, io) => {
  const path = args.positionals[0] ?? '';
  const overrides = endpointOverrides(args.values);
  const level = logLevelOption(args.values);
  const logFile = logFileOption(args.values, (m) => io.err(`relaygate run: ${m}`));
  // With --log, every line goes to the file with a time (the runtime's lines have theirs); stderr keeps
  // only where the log went, and the errors that end the run.
  const note = logFile ? (text: string) => logFile.write(`${new Date().toISOString()} info  run  ${text}`) : (text: string) => io.err(`relaygate run: ${text}`);
  const print = runtimeLogPrinter(level, logFile ? (line) => logFile.write(line) : io.err);
  if (logFile) io.err(`relaygate run: logging to ${logFile.path}`);
  try {
    const file = await readProjectFile(path);
    if (file.migrated) {
      note(`${path} has schemaVersion ${file.fromVersion}; migrated in memory (the file is unchanged):`);
      for (const n of file.notes) (logFile ? note : io.err)(`  ${n}`);
    }
    const host = await RuntimeHost.start(file.project, {
      projectPath: path,
      secrets: secretResolver(io.env ?? {}),
      overrides,
      outputs: projectOutputs,
      log: print,
    });
    const { project } = host;
    note(`${project.name}: ${count(project.ieds.length, 'IED')}, ${count(project.points.length, 'point')}; Ctrl-C to stop`);
    for (const e of host.endpoints()) note(`${e.name} ${e.endpoint}`);
    await io.interrupted;
    note('stopping (releasing RCBs, concluding associations)');
    await host.stop();
    note('stopped');
    return 0;
  } catch (err) {
    logFile?.write(`${new Date().toISOString()} error run  ${errorMessage(err)}`);
    throw err;
  }
};
