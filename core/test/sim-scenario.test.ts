import { describe, expect, it } from 'vitest';
import { ReportSubscription, isoStackFor, openIed } from '../client';
import { qualityFromBits, type Report } from '../iec61850';
import { parseScenario } from '../sim';
import { simHarness } from './support/harness';
import { sleep, until } from './support/wait';

/* Scenario steps and fault steps of the simulator, seen by the project's client over TCP. */

const { serve, connect } = simHarness();

describe('scenario steps', () => {
  it('sets quality bits and modes, and runs a timeline in order', async () => {
    const sim = await serve();
    sim.runScenario(
      parseScenario([
        { at: 0, ref: 'IED1LD0/MMXU1.Hz[MX]', quality: 'questionable | oldData | test' },
        { at: 50, ref: 'IED1LD0', mode: 'off' },
      ]),
    );
    await sleep(20);
    const q = sim.get('IED1LD0/MMXU1.Hz.q[MX]');
    expect(q.type === 'bit-string' && qualityFromBits(q)).toMatchObject({ validity: 'questionable', flags: ['oldData'], test: true });
    await until(() => {
      const v = sim.get('IED1LD0/MMXU1.Hz.q[MX]');
      return v.type === 'bit-string' && qualityFromBits(v).validity === 'invalid';
    });
  });

  it('confrev-change and brcb-overflow show in the next reports', async () => {
    const sim = await serve();
    const session = await connect(sim);
    const reports: Report[] = [];
    await ReportSubscription.start(session.client, session.connection, 'IED1LD0/LLN0.brcbMeas01', { gi: false, onReport: (r) => reports.push(r) });
    await sim.step({ at: 0, action: 'pause-reports' });
    sim.set('IED1LD0/MMXU1.TotW[MX]', { value: 1 });
    await sleep(10);
    sim.set('IED1LD0/MMXU1.TotW[MX]', { value: 2 });
    await sleep(10);
    await sim.step({ at: 0, action: 'brcb-overflow', ref: 'IED1LD0/LLN0.brcbMeas01' });
    await sim.step({ at: 0, action: 'confrev-change', ref: 'IED1LD0/LLN0.brcbMeas01[BR]' });
    await sim.step({ at: 0, action: 'resume-reports' });
    await until(() => reports.length === 1);
    await sleep(50);
    expect(reports.map((r) => [r.bufOvfl, r.confRev])).toEqual([[true, 2]]);
    await expect(sim.step({ at: 0, action: 'brcb-overflow', ref: 'IED1LD0/LLN0.urcbA01' })).rejects.toThrow(/not a BRCB/);
  });

  it('link-loss answers nothing for a while, then serves again', async () => {
    const sim = await serve();
    const session = await openIed({ host: '127.0.0.1', port: sim.port, requestTimeoutMs: 300 }, isoStackFor);
    await sim.step({ at: 0, action: 'link-loss', durationMs: 600 });
    await expect(session.client.read(['IED1LD0/XCBR1.Pos[ST]'])).rejects.toMatchObject({ code: 'timeout' });
    await sleep(500);
    await expect(session.client.read(['IED1LD0/XCBR1.Pos[ST]'])).resolves.toHaveLength(1);
    await session.close();
  });

  it('disconnect-clients and restart drop the clients; the same port serves new ones', async () => {
    const sim = await serve();
    const a = await connect(sim);
    await sim.step({ at: 0, action: 'disconnect-clients' });
    await until(() => a.connection.closed);
    const b = await connect(sim);
    const port = sim.port;
    await sim.step({ at: 0, action: 'restart' });
    await until(() => b.connection.closed);
    expect(sim.port).toBe(port);
    const c = await connect(sim);
    expect(await c.client.identify()).toMatchObject({ modelName: 'test-ied' });
  });
});
