import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { MqttIedStatus, PointBatch } from '../../contract';
import type { MqttPublisherOptions } from '../../outputs';
import { REPO_ROOT } from './cli-process';

/** A publisher in its own process (publisher-child.ts), for tests that kill the gateway. */
export interface ChildPublisher {
  child: ChildProcess;
  stderr: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startChildPublisher(
  input: { options: Omit<MqttPublisherOptions, 'log'>; batches?: PointBatch[]; ieds?: Record<string, MqttIedStatus> },
  timeoutMs = 20_000,
): Promise<ChildPublisher> {
  const script = join(REPO_ROOT, 'core', 'test', 'support', 'publisher-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      void kill();
      fail(new Error(`the child publisher did not publish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line !== 'published') return;
      clearTimeout(timer);
      ok({ child, stderr: () => stderr, kill });
    });
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`the child publisher exited early; stderr: ${stderr}`));
    });
  });
}
