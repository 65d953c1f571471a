import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltCli, type LongRunning } from './support/cli-process';
import { ProcessMemory } from './support/proc-memory';
import { NeverReadingWsClient } from './support/raw-ws';
import { TestWsClient } from './support/ws-client';

/** Resolves with the exit code, or rejects if the process has not exited within `ms`. */
function exitWithin(run: LongRunning, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (run.child.exitCode !== null) return resolve(run.child.exitCode);
    const timer = setTimeout(() => reject(new Error(`still running ${ms} ms after SIGINT`)), ms);
    run.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('relaygate serve facing a WebSocket client that never reads', () => {
  let serve: LongRunning;
  let port: number;
  let memory: ProcessMemory;

  beforeAll(async () => {
    serve = await startBuiltCli(
      ['serve', '--port', '0'],
      /^relaygate serve: listening on http:\/\/127\.0\.0\.1:(\d+)\/$/,
    );
    port = Number(serve.match);
    memory = new ProcessMemory(serve.child.pid as number);
  });

  afterAll(async () => {
    memory.stop();
    await serve.stop();
  });

  it('closes that connection at its send budget, stays small, keeps answering others, and obeys SIGINT', async () => {
    const other = await TestWsClient.connect(`ws://127.0.0.1:${port}/api`);
    expect((await other.call(1, 'getStatus')).result).toMatchObject({ mode: 'serve' });
    const baseline = memory.rssMiB;
    const hostile = await NeverReadingWsClient.connect('127.0.0.1', port);
    // Each request names a 64 KiB unknown parameter, which the bad-params reply quotes: 64 KiB of
    // reply per request that the client never reads. Without a send budget, 2000 of them queue 128 MiB.
    const key = 'k'.repeat(64 * 1024);
    const request = (id: number): string =>
      JSON.stringify({ id, method: 'getDiagnostics', params: { [key]: 1 } });
    let sent = 0;
    let nextCall = 2;
    while (!hostile.closed && sent < 2000) {
      if (!hostile.send(request(sent))) await hostile.drained();
      sent++;
      if (sent % 50 === 0) {
        // Another client is answered all along.
        expect((await other.call(nextCall, 'getStatus')).id).toBe(nextCall++);
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(hostile.closed).toBe(true);
    expect(sent).toBeLessThan(1000);
    const diagnostics = await other.call(nextCall++, 'getDiagnostics', { minLevel: 'warn' });
    const messages = (diagnostics.result as { entries: { message: string }[] }).entries.map((e) => e.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^closed the WebSocket connection of 127\.0\.0\.1:\d+: it does not read what is sent to it \(\d+ bytes would be queued, over the limit maxSendBufferBytes 4194304\)$/,
      ),
    );
    expect(memory.peakMiB - baseline).toBeLessThan(100);
    // Still serving.
    expect((await other.call(nextCall, 'getStatus')).id).toBe(nextCall);
    other.close();
    hostile.destroy();

    const started = performance.now();
    serve.child.kill('SIGINT');
    expect(await exitWithin(serve, 2000)).toBe(0);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
