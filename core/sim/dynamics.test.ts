import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importScl } from '../scl';
import { bundledModelPath } from './bundled-models';
import { Dynamics } from './dynamics';
import { Random } from './random';
import { buildModel, pickIed } from './scl-model';
import { parseScenario } from './scenario';

const doc = importScl(new Uint8Array(readFileSync(bundledModelPath())), { fileName: 'feeder-relay.cid' });

function run(seed: number, ticks: number, events = 1e12) {
  const built = buildModel(doc, pickIed(doc, undefined), 0);
  const dynamics = new Dynamics(built.model, built.lns, { seed, eventEveryMs: events }, () => 1_800_000_000_000);
  for (let i = 0; i < ticks; i++) dynamics.tick(1000);
  const f = (item: string) => {
    const n = built.model.find('FDR1MEAS', item);
    return n?.kind === 'leaf' && n.value.type === 'float' ? n.value.value : NaN;
  };
  return { built, dynamics, f };
}

describe('value dynamics', () => {
  it('moves every measurement within a range that suits its unit, the same way for the same seed', () => {
    const a = run(42, 200);
    const b = run(42, 200);
    const c = run(7, 200);
    const items = ['MMXU1$MX$Hz$mag$f', 'MMXU1$MX$A$phsA$cVal$mag$f', 'MMXU1$MX$PhV$phsB$cVal$mag$f', 'MMXU1$MX$TotW$mag$f'];
    expect(items.map(a.f)).toEqual(items.map(b.f));
    expect(items.map(a.f)).not.toEqual(items.map(c.f));
    expect(a.dynamics.measured).toHaveLength(9);
    const hz = a.f('MMXU1$MX$Hz$mag$f');
    expect(hz).toBeGreaterThanOrEqual(49.89);
    expect(hz).toBeLessThanOrEqual(50.11);
    expect(hz).not.toBe(50);
    const amps = a.f('MMXU1$MX$A$phsA$cVal$mag$f');
    expect(amps).toBeGreaterThan(196.4 * 0.84);
    expect(amps).toBeLessThan(196.4 * 1.16);
  });

  it('pulses protection starts and trips, opens the breaker, and the load falls to zero while it is open', async () => {
    const { built, dynamics, f } = run(3, 0, 1000);
    const pos = () => {
      const n = built.model.find('FDR1CTRL', 'Q0XCBR1$ST$Pos$stVal');
      return n?.kind === 'leaf' && n.value.type === 'bit-string' ? n.value.bytes[0] : undefined;
    };
    const starts: boolean[] = [];
    built.model.on('change', ({ leaf }) => {
      if (leaf.name === 'general' && leaf.parent?.name === 'Str' && leaf.value.type === 'boolean') starts.push(leaf.value.value);
    });
    let opened = false;
    for (let i = 0; i < 40 && !opened; i++) {
      dynamics.tick(1000);
      await new Promise((r) => setTimeout(r, 260));
      opened = pos() === 0x40;
    }
    expect(starts[0]).toBe(true);
    expect(opened).toBe(true);
    for (let i = 0; i < 20; i++) dynamics.tick(1000);
    expect(Math.abs(f('MMXU1$MX$A$phsA$cVal$mag$f'))).toBeLessThan(5);
    dynamics.stop();
  }, 20_000);
});

describe('the random source', () => {
  it('repeats for a seed and stays in range', () => {
    const a = new Random(5);
    const b = new Random(5);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('scenario files', () => {
  it('reads both forms, times as numbers or text, in time order', () => {
    const s = parseScenario({
      name: 'fat',
      repeatEveryMs: 60000,
      steps: [
        { at: '2s', action: 'disconnect-clients' },
        { at: 500, ref: 'LD/XCBR1.Pos[ST]', value: 'open', comment: 'trip' },
        { at: '1.5m', ref: 'LD', mode: 'test' },
        { at: '250ms', ref: 'LD/MMXU1.TotW[MX]', quality: 'invalid: oldData' },
      ],
    });
    expect(s.steps.map((x) => [x.at, x.action ?? x.mode ?? x.value ?? x.quality])).toEqual([
      [250, 'invalid: oldData'],
      [500, 'open'],
      [2000, 'disconnect-clients'],
      [90000, 'test'],
    ]);
    expect(parseScenario([{ at: 0, action: 'restart' }]).steps).toEqual([{ at: 0, action: 'restart' }]);
  });

  it.each([
    [[{ at: -1, action: 'restart' }], /0\.at: /],
    [[{ at: 0, action: 'explode' }], /0\.action: /],
    [[{ at: 0, value: 1 }], /needs ref/],
    [[{ at: 0, ref: 'LD/X.Y[ST]', value: 1, mode: 'on' }], /does one thing/],
    [[{ at: 0, action: 'brcb-overflow' }], /brcb-overflow needs ref/],
    [{ steps: [], extra: 1 }, /Unrecognized key/],
    ['nope', /the document/],
  ])('refuses %j naming the step and field', (json, message) => {
    expect(() => parseScenario(json, 's.json')).toThrow(message);
  });
});
