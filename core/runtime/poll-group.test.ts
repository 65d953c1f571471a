import { describe, expect, it } from 'vitest';
import type { PointCache } from '../cache';
import type { IedClient } from '../client';
import { domainName, type AccessResult } from '../mms';
import type { Binding } from './binding';
import { PollGroup, type PollItem } from './poll-group';

/** A poll group over a client whose reads the test answers when it chooses. */
function setup() {
  const reads: { names: string[]; answer: (values: AccessResult[]) => void }[] = [];
  const client = {
    readVariables: (names: { item: string }[]) =>
      new Promise<AccessResult[]>((answer) => reads.push({ names: names.map((n) => n.item), answer })),
  } as unknown as IedClient;
  const applied: string[] = [];
  /** An FCD read for `points` (the binding applies to those). */
  const item = (fcd: string, points = fcd): PollItem => ({
    name: domainName('LD0', fcd),
    spec: { type: 'boolean' },
    binding: { apply: () => applied.push(points) } as unknown as Binding,
  });
  let now = 0;
  const group = new PollGroup({
    id: 'default',
    periodMs: 1000,
    client,
    maxPduSize: 65000,
    cache: {} as PointCache,
    now: () => now,
    phaseMs: 0,
    onFailure: () => undefined,
  });
  return { group, reads, applied, item, advance: (ms: number) => (now += ms) };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('PollGroup', () => {
  it('applies each answer of a cycle to the points it read', async () => {
    const { group, reads, applied, item } = setup();
    group.items = [item('LLN0$ST$Mod'), item('XCBR1$ST$Pos')];
    group.start();
    await tick();
    expect(reads[0]?.names).toEqual(['LLN0$ST$Mod', 'XCBR1$ST$Pos']);
    reads[0]?.answer([{ ok: true, value: { type: 'boolean', value: true } }, { ok: true, value: { type: 'boolean', value: false } }]);
    await tick();
    group.stop();
    expect(applied).toEqual(['LLN0$ST$Mod', 'XCBR1$ST$Pos']);
  });

  it('does not apply what left the group while the cycle ran (an RCB took it over and its GI came first)', async () => {
    const { group, reads, applied, item } = setup();
    group.items = [item('LLN0$ST$Mod'), item('XCBR1$ST$Pos')];
    group.start();
    await tick();
    // The report now delivers LLN0.Mod: the group is given a new list (new item objects) mid-cycle.
    group.items = [item('XCBR1$ST$Pos')];
    reads[0]?.answer([{ ok: true, value: { type: 'boolean', value: true } }, { ok: true, value: { type: 'boolean', value: false } }]);
    await tick();
    group.stop();
    expect(applied).toEqual(['XCBR1$ST$Pos']);
  });

  it('applies an answer through the current binding when the FCD stays with fewer points', async () => {
    const { group, reads, applied, item } = setup();
    group.items = [item('XCBR1$ST$Pos', 'Pos.stVal+Pos.q')];
    group.start();
    await tick();
    // An RCB now reports Pos.stVal; Pos.q is still polled through the same FCD.
    group.items = [item('XCBR1$ST$Pos', 'Pos.q')];
    reads[0]?.answer([{ ok: true, value: { type: 'boolean', value: true } }]);
    await tick();
    group.stop();
    expect(applied).toEqual(['Pos.q']);
  });
});
