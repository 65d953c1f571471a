import { secretResolver } from '../../project';
import { RuntimeHost, projectOutputs, readProjectFile, type EndpointOverrides } from '../../runtime';
import { UsageError, intOption, type CommandRun, type ParsedArgs } from '../command';

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

export const runRun: CommandRun = async (args, io) => {
  const path = args.positionals[0] ?? '';
  const overrides = endpointOverrides(args.values);
  const print = runtimeLogPrinter(logLevelOption(args.values), io.err);
  const file = await readProjectFile(path);
  if (file.migrated) {
    io.err(`relaygate run: ${path} has schemaVersion ${file.fromVersion}; migrated in memory (the file is unchanged):`);
    for (const note of file.notes) io.err(`  ${note}`);
  }
  const host = await RuntimeHost.start(file.project, {
    projectPath: path,
    secrets: secretResolver(io.env ?? {}),
    overrides,
    outputs: projectOutputs,
    log: print,
  });
  const { project } = host;
  io.err(`relaygate run: ${project.name}: ${project.ieds.length} IEDs, ${project.points.length} points; Ctrl-C to stop`);
  for (const e of host.endpoints()) io.err(`relaygate run: ${e.name} ${e.endpoint}`);
  await io.interrupted;
  io.err('relaygate run: stopping (releasing RCBs, concluding associations)');
  await host.stop();
  io.err('relaygate run: stopped');
  return 0;
};
