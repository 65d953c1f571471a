import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectSchema } from '../contract';
import { secretResolver } from '../project';
import { Gateway } from '../runtime';
import { Simulator } from '../sim';
import { FEEDER_SCL } from './support/feeder-project';
import { TEST_RUNTIME_OPTIONS } from './support/gateway-fixture';
import { sleep, waitFor } from './support/wait';

/** A TCP peer that accepts and never answers: the worst kind of dead IED (no refusal, only silence). */
async function blackHole(): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, sockets };
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const point = (id: string, ied: string) => ({ id, ied, ref: 'FDR1MEAS/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32', source: 'poll' });

describe('one slow or dead IED never delays another', () => {
  it('the live IED keeps its poll rate while one IED is silent and another answers late', async () => {
    const live = await Simulator.start({ scl: FEEDER_SCL });
    const slow = await Simulator.start({ scl: FEEDER_SCL });
    slow.server.faults.responseDelayMs = 2500;
    const hole = await blackHole();
    cleanup.push(() => live.stop(), () => slow.stop(), async () => {
      for (const s of hole.sockets) s.destroy();
      await new Promise<void>((r) => hole.server.close(() => r()));
    });
    const ied = (id: string, port: number) => ({ id, host: '127.0.0.1', port, connectTimeoutMs: 1000, requestTimeoutMs: 1000, pollGroups: [{ id: 'default', periodMs: 200 }] });
    const project = ProjectSchema.parse({
      schemaVersion: 1,
      name: 'isolation',
      ieds: [ied('LIVE', live.port), ied('SLOW', slow.port), ied('DEAD', hole.port)],
      points: [point('p', 'LIVE'), point('p', 'SLOW'), point('p', 'DEAD')],
      mqtt: { enabled: false },
    });
    const gw = new Gateway(project, { secrets: secretResolver({}), options: TEST_RUNTIME_OPTIONS });
    cleanup.push(() => gw.stop());
    await gw.start();
    await waitFor('live connected', () => gw.iedStatus('LIVE')?.pollGroups[0]?.cycles !== undefined && (gw.iedStatus('LIVE')?.pollGroups[0]?.cycles ?? 0) > 0);
    const before = gw.iedStatus('LIVE')?.pollGroups[0];
    const t0 = Date.now();
    await sleep(3000);
    const after = gw.iedStatus('LIVE')?.pollGroups[0];
    const elapsed = Date.now() - t0;
    const cycles = (after?.cycles ?? 0) - (before?.cycles ?? 0);
    // 200 ms period: about 15 cycles in 3 s. Generous margin for a loaded machine; none skipped.
    expect(cycles).toBeGreaterThanOrEqual(Math.floor((elapsed / 200) * 0.7));
    expect((after?.missed ?? 0) - (before?.missed ?? 0)).toBe(0);
    expect(gw.cache.get('LIVE/p')?.status).toBe('ok');
    expect(gw.iedStatus('DEAD')).toMatchObject({ state: expect.stringMatching(/connecting|disconnected/) });
    expect(gw.cache.get('DEAD/p')?.status).toBe('disconnected');
    expect(gw.iedStatus('DEAD')?.lastError).toMatch(/no association with 127\.0\.0\.1:\d+ within 1000 ms/);
    // Its answers come after the request timeout: nothing it says is taken, and it never counts as ok.
    expect(gw.cache.get('SLOW/p')?.status).not.toBe('ok');
    expect(gw.iedStatus('SLOW')?.connects).toBeGreaterThanOrEqual(1);
  });
});
