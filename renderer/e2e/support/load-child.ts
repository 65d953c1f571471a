/**
 * Load for the browser performance test, in its own process: simulators serving generated IEDs
 * (core/test/support/big-station.ts) on 127.0.0.1, every analogue value changed every `periodMs`.
 * Prints `ready NAME=PORT ...` once listening, then one `cycle <ms>` line per 10 cycles on stderr.
 * Args: JSON {ieds: [{name, lns, perLn}], periodMs}.
 */
import { importScl } from '../../../core/scl';
import { Simulator } from '../../../core/sim';
import { bigIedRefs, bigIedScl } from '../../../core/test/support/big-station';

interface Args {
  ieds: { name: string; lns: number; perLn: number; width?: number }[];
  periodMs: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const sims: { sim: Simulator; refs: string[] }[] = [];
for (const ied of args.ieds) {
  const doc = importScl(new TextEncoder().encode(bigIedScl(ied.name, ied.lns, ied.perLn, ied.width !== undefined ? { width: ied.width } : {})), { fileName: `${ied.name}.scd` });
  const sim = await Simulator.start({ scl: doc, host: '127.0.0.1', port: 0 });
  sims.push({ sim, refs: bigIedRefs(ied.name, ied.lns, ied.perLn, ied.width).map((r) => `${r}[MX]`) });
}
process.stdout.write(`ready ${args.ieds.map((d, i) => `${d.name}=${sims[i]?.sim.port}`).join(' ')}\n`);

// Every value changes once per period, in 10 slices spread over it, so polls are answered in between.
const SLICES = 10;
let tick = 0;
let busy = 0;
const timer = setInterval(() => {
  const slice = tick % SLICES;
  const round = Math.floor(tick / SLICES);
  const started = performance.now();
  for (const { sim, refs } of sims) {
    for (let i = slice; i < refs.length; i += SLICES) sim.setValue(refs[i] as string, (round % 1000) + i / 100_000);
  }
  busy += performance.now() - started;
  tick++;
  if (tick % (SLICES * 10) === 0) {
    process.stderr.write(`busy ${((busy / (10 * args.periodMs)) * 100).toFixed(0)}% of the time\n`);
    busy = 0;
  }
}, args.periodMs / SLICES);

process.on('SIGTERM', () => {
  clearInterval(timer);
  void Promise.all(sims.map((s) => s.sim.stop())).then(() => process.exit(0));
});
