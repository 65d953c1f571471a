import { join } from 'node:path';
import type { MmsValue } from '../../mms';
import { Simulator, type SimulatorOptions } from '../../sim';

/** The project's small test model (SCL written for the tests). */
export const TEST_SCL = join(import.meta.dirname, '..', 'fixtures', 'test-ied.cid');

/** 2026-01-02T03:04:05Z, the device time the tests give every value. */
export const T0 = 1767323045;

/** Status and measurement FCDs of the test model whose q and t the tests pin to T0. */
const PINNED = [
  'IED1LD0/LLN0.Mod[ST]',
  'IED1LD0/LLN0.Beh[ST]',
  'IED1LD0/LLN0.Health[ST]',
  'IED1LD0/XCBR1.Pos[ST]',
  'IED1LD0/XCBR1.Loc[ST]',
  'IED1LD0/PTOC1.Str[ST]',
  'IED1LD0/PTOC1.Op[ST]',
  'IED1LD0/MMXU1.TotW[MX]',
  'IED1LD0/MMXU1.Hz[MX]',
  'IED1LD0/GGIO1.Ind1[ST]',
];

/** The test IED on a free port of 127.0.0.1, with every status and measurement time set to T0. */
export async function startTestIed(options: Omit<SimulatorOptions, 'scl'> = {}): Promise<Simulator> {
  const sim = await Simulator.start({ scl: TEST_SCL, ...options });
  for (const ref of PINNED) sim.set(ref, { time: T0 * 1000 });
  return sim;
}

/** Every Write the simulator receives, as `domain/item` and value, in order. */
export function recordWrites(sim: Simulator): { name: string; value: MmsValue }[] {
  const writes: { name: string; value: MmsValue }[] = [];
  sim.server.on('request', ({ request }) => {
    if (request.service !== 'write' || request.access.kind !== 'list') return;
    request.access.variables.forEach((v, i) => {
      const value = request.values[i];
      if (v.scope === 'domain' && value) writes.push({ name: `${v.domain}/${v.item}`, value });
    });
  });
  return writes;
}
