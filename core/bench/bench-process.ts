import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

/**
 * Bundles a bench script as the CLI is bundled (npm packages external), into dist/bench so that node
 * finds the packages in node_modules, to run it under plain node.
 */
export async function bundleScript(file: string): Promise<string> {
  const outfile = join(import.meta.dirname, '..', '..', 'dist', 'bench', file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(import.meta.dirname, file)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** A benchmark helper process (`node --import tsx core/bench/<file>`), with its stdout lines. */
export interface BenchChild {
  readonly child: ChildProcess;
  /** The first stdout line matching, its first capture group. */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** CPU seconds (user + system) the process has used so far, from /proc. */
  cpuSeconds(): number;
  /** Resident memory now, MiB, from /proc. */
  rssMiB(): number;
}

/**
 * Starts `core/bench/<file>` under tsx, or — for a process whose memory is measured — an already
 * bundled script (`bundled: true`, `file` its path): tsx alone costs about 75 MiB of RSS.
 */
export function startChild(file: string, args: string[], bundled = false): BenchChild {
  const script = bundled ? [file] : ['--import', 'tsx', join(import.meta.dirname, file)];
  const child = spawn(process.execPath, ['--expose-gc', ...script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters.splice(0)) w();
  });
  const ticks = 100; // USER_HZ on Linux
  return {
    child,
    async line(pattern, timeoutMs = 120_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        for (const l of lines) {
          const m = pattern.exec(l);
          if (m) return m[1] ?? m[0];
        }
        if (Date.now() > end || child.exitCode !== null) throw new Error(`${file}: no line matching ${pattern} (exit ${child.exitCode})`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    cpuSeconds() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    },
    rssMiB() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
  };
}
