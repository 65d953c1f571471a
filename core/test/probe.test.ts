import { afterEach, describe, expect, it } from 'vitest';
import { ProjectSchema } from '../contract';
import { secretResolver } from '../project';
import { probeProject } from '../runtime';
import { Simulator } from '../sim';
import { Closer } from './support/closer';
import { FEEDER_SCL, feederProject } from './support/feeder-project';
import { freePort } from './support/mosquitto';

const closer = new Closer();
afterEach(() => closer.closeAll());

describe('probeProject reads every point once, live, through core/client', () => {
  it('gives each point the value, quality and time the simulated IED serves, with Identify and Mod/Beh', async () => {
    const sim = closer.add(await Simulator.start({ scl: FEEDER_SCL }));
    sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 4.25, quality: 'questionable | oldData', time: '2026-03-04T05:06:07.125Z' });
    sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open' });
    sim.setMode('FDR1PROT', 'test');
    const result = await probeProject(feederProject(sim.port), { secrets: secretResolver({}) });
    expect(result.ieds).toEqual([
      expect.objectContaining({ id: 'FDR1', address: `127.0.0.1:${sim.port}`, identity: { vendor: 'RelayGate', model: 'RG-F100', revision: '1.0' }, error: null }),
    ]);
    expect(result.ieds[0]?.behaviour).toContainEqual({ ld: 'FDR1PROT', mod: 'test', beh: 'test' });
    expect(result.ieds[0]?.behaviour).toContainEqual({ ld: 'FDR1LD0', mod: 'on', beh: 'on' });
    const byId = new Map(result.points.map((p) => [p.point, p]));
    expect(result.points).toHaveLength(10);
    expect(byId.get('p_mw')).toMatchObject({
      value: 4.25,
      status: 'ok',
      source: 'poll',
      deviceTime: '2026-03-04T05:06:07.125Z',
      quality: { validity: 'questionable', flags: ['oldData'] },
    });
    expect(byId.get('cb_pos')).toMatchObject({ value: 'open', numeric: 1, status: 'ok', quality: { validity: 'good' } });
    // The protection LD is in test: its points say so, the others do not.
    expect(byId.get('trip')).toMatchObject({ value: false, test: true });
    expect(byId.get('ld0_mod')).toMatchObject({ value: 'on', test: false });
  });

  it('an IED that cannot be reached marks its own points disconnected with the reason; the others are read', async () => {
    const sim = closer.add(await Simulator.start({ scl: FEEDER_SCL }));
    const dead = await freePort();
    const good = feederProject(sim.port);
    const project = ProjectSchema.parse({
      ...good,
      ieds: [...good.ieds, { ...good.ieds[0], id: 'DEAD', port: dead, connectTimeoutMs: 1000 }],
      points: [...good.points, { ...good.points[0], ied: 'DEAD' }],
    });
    const result = await probeProject(project, { secrets: secretResolver({}), concurrency: 2 });
    const deadIed = result.ieds.find((i) => i.id === 'DEAD');
    expect(deadIed?.identity).toBeNull();
    expect(deadIed?.error).toMatch(new RegExp(`cannot connect to 127\\.0\\.0\\.1:${dead}`));
    const deadPoint = result.points.find((p) => p.ied === 'DEAD');
    expect(deadPoint).toMatchObject({ status: 'disconnected', value: null });
    expect(deadPoint?.reason).toMatch(/cannot connect/);
    expect(result.points.filter((p) => p.ied === 'FDR1').every((p) => p.status === 'ok')).toBe(true);
  });
});
