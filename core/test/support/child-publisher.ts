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
  /** With `waitForGo`: publishes now and resolves once it printed `published`. */
  go: () => Promise<void>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface ChildInput {
  options: Omit<MqttPublisherOptions, 'log'>;
  batches?: PointBatch[];
  ieds?: Record<string, MqttIedStatus>;
  waitForGo?: boolean;
}

/** Resolves once the child is connected and (without `waitForGo`) has published. */
export function startChildPublisher(input: ChildInput, timeoutMs = 20_000): Promise<ChildPublisher> {
  const script = join(REPO_ROOT, 'core', 'test', 'support', 'publisher-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const lines = createInterface({ input: child.stdout! });
  const line = (wanted: string) =>
    new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => {
        void kill();
        fail(
          new Error(
            `the child publisher never printed '${wanted}' within ${timeoutMs} ms; stderr: ${stderr}`,
          ),
        );
      }, timeoutMs);
      lines.on('line', (l) => {
        if (l !== wanted) return;
        clearTimeout(timer);
        ok();
      });
      void exited.then(() => {
        clearTimeout(timer);
        fail(new Error(`the child publisher exited before '${wanted}'; stderr: ${stderr}`));
      });
    });
  const published = line('published');
  // Killed before `go`: nobody waits for `published`, and its rejection is expected.
  published.catch(() => undefined);
  const go = async () => {
    child.stdin!.write('go\n');
    await published;
  };
  const ready = input.waitForGo === true ? line('connected') : published;
  return ready.then(() => ({ child, stderr: () => stderr, go, kill }));
}
