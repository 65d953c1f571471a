import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readProjectFile } from '../../runtime';
import { verifyChecklist, verifyProject } from '../../verify';
import { UsageError, intOption, type CommandRun } from '../command';
import { VERSION } from '../version';
import { logLevelOption, runtimeLogPrinter } from './runtime-log';

/** `relaygate verify <project.json>` (spec in verify-command.ts). */
export const runVerify: CommandRun = async (args, io) => {
  const path = args.positionals[0] ?? '';
  const mqtt = args.values.mqtt;
  if (mqtt !== undefined && args.values['no-mqtt']) throw new UsageError('--mqtt and --no-mqtt cannot both be given');
  if (typeof mqtt === 'string' && !/^mqtts?:\/\/[^\s/]+/.test(mqtt)) throw new UsageError(`--mqtt must be an mqtt:// or mqtts:// URL, got '${mqtt}'`);
  const timeout = args.values.timeout !== undefined ? intOption(args.values, 'timeout', 5000, 100, 600_000) : undefined;
  const level = args.values['log-level'] === undefined ? 'error' : logLevelOption(args.values);
  const mapFile = typeof args.values.map === 'string' ? args.values.map : undefined;
  const file = await readProjectFile(path);
  const clientMap = mapFile ? { name: basename(mapFile), csv: await readFile(mapFile, 'utf8') } : undefined;
  const controller = new AbortController();
  void io.interrupted.then(() => controller.abort(new Error('interrupted')));
  const report = await verifyProject(file.project, {
    signal: controller.signal,
    projectPath: path,
    version: VERSION,
    ...(clientMap ? { clientMap } : {}),
    ...(typeof mqtt === 'string' ? { mqttUrl: mqtt } : {}),
    ...(args.values['no-mqtt'] ? { mqtt: false } : {}),
    ...(args.values['no-modbus'] ? { modbus: false } : {}),
    ...(timeout !== undefined ? { stepTimeoutMs: timeout } : {}),
    log: runtimeLogPrinter(level, io.err),
    onProgress: (p) => io.status?.(`verify: ${p.message} (${p.done}/${p.total})`),
  });
  io.out(args.values.json ? JSON.stringify(report, null, 2) : verifyChecklist(report));
  return report.passed ? 0 : 1;
};
