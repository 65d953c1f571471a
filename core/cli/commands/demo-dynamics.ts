import type { Simulator } from '../../sim';

/**
 * Gentle life for the demo relay: the feeder load drifts every second, and every 20 s the breaker trips
 * (PTOC1 operates, PTRC1 trips, Q0XCBR1 opens) and closes again 5 s later. Only the demo does this; tests
 * drive the simulator themselves.
 */
export function startDemoDynamics(sim: Simulator, random: () => number = Math.random): () => void {
  let load = 1;
  let tick = 0;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const set = (ref: string, value: unknown): void => {
    try {
      sim.set(ref, { value });
    } catch {
      // A model without this point: the demo goes on without it.
    }
  };
  const drift = setInterval(() => {
    tick++;
    load = Math.min(1.3, Math.max(0.6, load + (random() - 0.5) * 0.04));
    const amps = 196 * load;
    set('FDR1MEAS/MMXU1.TotW[MX]', Math.round(3.5 * load * 1000) / 1000);
    set('FDR1MEAS/MMXU1.TotVAr[MX]', Math.round(1.2 * load * 1000) / 1000);
    set('FDR1MEAS/MMXU1.Hz[MX]', Math.round((50 + (random() - 0.5) * 0.04) * 1000) / 1000);
    for (const phase of ['phsA', 'phsB', 'phsC']) set(`FDR1MEAS/MMXU1.A.${phase}[MX]`, Math.round(amps * (0.98 + random() * 0.04) * 10) / 10);
    if (tick % 20 === 0) {
      set('FDR1PROT/PTOC1.Str[ST]', true);
      set('FDR1PROT/PTOC1.Op[ST]', true);
      set('FDR1PROT/PTRC1.Tr[ST]', true);
      set('FDR1CTRL/Q0XCBR1.Pos[ST]', 'open');
      timers.push(setTimeout(() => {
        for (const ref of ['FDR1PROT/PTOC1.Str[ST]', 'FDR1PROT/PTOC1.Op[ST]', 'FDR1PROT/PTRC1.Tr[ST]']) set(ref, false);
      }, 500));
      timers.push(setTimeout(() => set('FDR1CTRL/Q0XCBR1.Pos[ST]', 'closed'), 5000));
    }
  }, 1000);
  return () => {
    clearInterval(drift);
    for (const t of timers) clearTimeout(t);
  };
}
