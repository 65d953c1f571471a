import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ModbusRTU from 'modbus-serial';
import type { Project } from '../../contract';
import { secretResolver } from '../../project';
import { RuntimeHost, projectOutputs, type RuntimeLogEntry, type RuntimeOptions } from '../../runtime';

export const TEST_RUNTIME_OPTIONS: Partial<RuntimeOptions> = {
  backoff: { minMs: 100, maxMs: 400, jitter: 0.1 },
  reportRetryMs: 500,
  behaviourPeriodMs: 200,
  tickMs: 50,
};

/** The gateway with its real outputs (Modbus server; MQTT as the project says) on 127.0.0.1. */
export async function startHost(project: Project, logs: RuntimeLogEntry[] = []): Promise<RuntimeHost> {
  return RuntimeHost.start(project, {
    projectPath: null,
    secrets: secretResolver({}),
    outputs: projectOutputs,
    runtimeOptions: TEST_RUNTIME_OPTIONS,
    log: (e) => logs.push(e),
  });
}

/** The port the host's Modbus server listens on. */
export function modbusPort(host: RuntimeHost): number {
  const listening = host.modbusClients().listening;
  if (!listening) throw new Error('no Modbus server');
  return Number(listening.slice(listening.lastIndexOf(':') + 1));
}

export async function modbusClient(port: number): Promise<ModbusRTU> {
  const c = new ModbusRTU();
  await c.connectTCP('127.0.0.1', { port });
  c.setID(1);
  c.setTimeout(3000);
  return c;
}

export function closeModbus(c: ModbusRTU): Promise<void> {
  return new Promise((resolve) => c.close(() => resolve()));
}

const run = promisify(execFile);

/** mbpoll (Debian, libmodbus) once, 0-based addresses: the values it prints. */
export async function mbpoll(port: number, args: string[]): Promise<string[]> {
  const { stdout } = await run('mbpoll', ['-m', 'tcp', '-p', String(port), '-a', '1', '-0', '-1', '-o', '3', ...args, '127.0.0.1']);
  return stdout.split('\n').flatMap((line) => /^\[\d+\]:\s+(\S+)/.exec(line)?.slice(1) ?? []);
}
