import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { SclIedSchema, SclOverviewSchema, StatusSchema } from '../contract';
import { startBuiltCli, type LongRunning } from './support/cli-process';
import { TestWsClient } from './support/ws-client';

describe('relaygate serve over a real WebSocket', () => {
  let serve: LongRunning;
  let wsUrl: string;

  beforeAll(async () => {
    serve = await startBuiltCli(['serve', '--port', '0'], /^relaygate serve: listening on (http:\/\/127\.0\.0\.1:\d+\/)$/);
    wsUrl = `${serve.match.replace('http:', 'ws:')}api`;
  });

  afterAll(async () => {
    expect(await serve.stop()).toBe(0);
  });

  it('answers getStatus with the version, mode, uptime and state', async () => {
    const client = await TestWsClient.connect(wsUrl);
    const reply = await client.call(1, 'getStatus');
    client.close();
    expect(reply.id).toBe(1);
    const status = StatusSchema.parse(reply.result);
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.mode).toBe('serve');
    expect(status.state).toBe('idle');
    expect(status.project).toBeNull();
    expect(status.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(status.startedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('pushes statusChanged events with advancing uptime', async () => {
    const client = await TestWsClient.connect(wsUrl);
    const isStatus = (m: Record<string, unknown>) => m.event === 'statusChanged';
    const first = StatusSchema.parse((await client.next(isStatus)).payload);
    const second = StatusSchema.parse((await client.next(isStatus)).payload);
    client.close();
    expect(second.uptimeMs).toBeGreaterThan(first.uptimeMs);
  });

  it('answers malformed messages with errors and keeps serving', async () => {
    const client = await TestWsClient.connect(wsUrl);
    client.send('{"id": 5, "method":');
    expect(await client.next((m) => 'error' in m)).toMatchObject({ id: null, error: { code: 'bad-json' } });
    client.send(Buffer.from([0xde, 0xad]));
    expect(await client.next((m) => 'error' in m)).toMatchObject({ error: { code: 'bad-shape' } });
    expect(await client.call(6, 'launchMissiles')).toMatchObject({ id: 6, error: { code: 'unknown-method' } });
    expect(await client.call(7, 'getDiagnostics', { limit: -1 })).toMatchObject({ id: 7, error: { code: 'bad-params' } });
    const diagnostics = await client.call(8, 'getDiagnostics', { limit: 10 });
    client.close();
    const entries = (diagnostics.result as { entries: { message: string }[] }).entries;
    expect(entries.some((e) => e.message.includes('serve mode'))).toBe(true);
  });

  it('opens an SCL file in two steps: the overview, then one IED in full', async () => {
    const path = resolve(import.meta.dirname, '..', 'scl', 'fixtures', 'feeder-relay.cid');
    const client = await TestWsClient.connect(wsUrl);
    const overview = SclOverviewSchema.parse((await client.call(20, 'sclOverview', { path })).result);
    expect(overview.ieds.map((i) => [i.name, i.counts.leaves])).toEqual([['FDR1', 275]]);
    const ied = SclIedSchema.parse((await client.call(21, 'sclIed', { path, ied: 'FDR1' })).result);
    expect([ied.overview.name, ied.points.length, ied.model.logicalDevices.length]).toEqual(['FDR1', 46, 4]);
    expect(await client.call(22, 'sclIed', { path, ied: 'NOPE' })).toMatchObject({ id: 22, error: { code: 'handler-failed', message: "no IED named 'NOPE' in feeder-relay.cid; it has FDR1" } });
    expect(await client.call(23, 'sclOverview', { path: `${path}.absent` })).toMatchObject({ id: 23, error: { code: 'handler-failed', message: expect.stringMatching(/ENOENT/) } });
    client.close();
  });

  it('refuses a WebSocket upgrade from a foreign origin', async () => {
    await expect(TestWsClient.connect(wsUrl, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });
});
