import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CLI_PATH = join(REPO_ROOT, 'dist', 'cli', 'relaygate.mjs');

export function assertBuilt(): void {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: run 'npm run build' first (npm test does it)`);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI to completion. */
export function runBuiltCli(args: string[], timeoutMs = 20_000, env: Record<string, string> = {}): Promise<CliResult> {
  assertBuilt();
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`relaygate ${args.join(' ')} did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
  });
}

export interface LongRunning {
  child: ChildProcess;
  /** The first stdout line matching the pattern's first capture group. */
  match: string;
  stderr: () => string;
  stop: () => Promise<number | null>;
}

/**
 * Starts a long-running CLI command and waits for a stdout line matching `ready`
 * (e.g. the "listening on" line of `relaygate serve`).
 */
export function startBuiltCli(
  args: string[],
  ready: RegExp,
  timeoutMs = 20_000,
  env: Record<string, string> = {},
): Promise<LongRunning> {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(
        new Error(
          `relaygate ${args.join(' ')} printed no line matching ${ready} in ${timeoutMs} ms; stderr: ${stderr}`,
        ),
      );
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = ready.exec(line);
      if (!m) return;
      clearTimeout(timer);
      ok({ child, match: m[1] ?? m[0], stderr: () => stderr, stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(
        new Error(`relaygate ${args.join(' ')} exited with ${code} before it was ready; stderr: ${stderr}`),
      );
    });
  });
}

export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Resolves when the text so far on `stream` matches; rejects after `timeoutMs`. */
  waitFor: (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  /** Sends a signal and resolves with the exit code and the milliseconds it took to exit. */
  signal: (signal: NodeJS.Signals) => Promise<{ code: number | null; ms: number }>;
}

/** Starts the built CLI and gives access to its streams as they come, for tests that interact with it. */
export function spawnBuiltCli(args: string[]): CliProcess {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  const changed = new Set<() => void>();
  const onData = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
    text[stream] += d.toString();
    for (const f of [...changed]) f();
  };
  child.stdout!.on('data', onData('stdout'));
  child.stderr!.on('data', onData('stderr'));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpExecArray>((ok, fail) => {
      const check = (): void => {
        const m = pattern.exec(text[stream]);
        if (!m) return;
        changed.delete(check);
        clearTimeout(timer);
        ok(m);
      };
      const timer = setTimeout(() => {
        changed.delete(check);
        fail(
          new Error(`no ${pattern} on ${stream} within ${timeoutMs} ms; stderr: ${text.stderr.slice(-2000)}`),
        );
      }, timeoutMs);
      changed.add(check);
      check();
      void exited.then(() => setTimeout(check, 50));
    });
  const signal = async (sig: NodeJS.Signals) => {
    const started = performance.now();
    child.kill(sig);
    const code = await exited;
    return { code, ms: performance.now() - started };
  };
  return { child, stdout: () => text.stdout, stderr: () => text.stderr, exited, waitFor, signal };
}
