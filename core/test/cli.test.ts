import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './support/cli-process';

describe('relaygate CLI as a process', () => {
  it('prints help and exits 0', async () => {
    const r = await runBuiltCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: relaygate <command> [options]');
    expect(r.stdout).toMatch(/^ {2}serve +headless gateway/m);
    expect(r.stderr).toBe('');
  });

  it('prints per-command help and exits 0', async () => {
    const r = await runBuiltCli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: relaygate serve [--port N] [--host ADDR]');
  });

  it('prints the version', async () => {
    const r = await runBuiltCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    [['frobnicate'], "relaygate: unknown command 'frobnicate'"],
    [['serve', '--port', 'eighty'], "relaygate: --port must be a whole number, got 'eighty'"],
    [['serve', '--port', '70000'], 'relaygate: --port must be between 0 and 65535, got 70000'],
    [['serve', '--colour'], "relaygate: Unknown option '--colour'"],
    [['serve', 'extra'], "relaygate: unexpected argument 'extra'"],
  ])('exits 2 on %j with one error line and the usage', async (args, line) => {
    const r = await runBuiltCli(args);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(line);
    expect(lines[1]).toMatch(/^Usage: relaygate/);
    expect(r.stdout).toBe('');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    const r = await runBuiltCli(['serve', '--port', String(port)]);
    blocker.close();
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^relaygate serve: listen EADDRINUSE.*127\\.0\\.0\\.1:${port}$`));
  });
});
