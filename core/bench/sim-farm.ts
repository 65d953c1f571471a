/**
 * Many simulated feeder relays in one process, for the gateway scale benchmark: `count` simulators of
 * the shipped model on free ports of 127.0.0.1, each with a few measurements changing every second (so
 * the gateway has changes to pass on, not only confirmations). Prints `ports p1,p2,...` when listening.
 *
 *   node --import tsx core/bench/sim-farm.ts <count>
 */
import { Simulator, bundledModelPath } from '../sim';

const count = Number(process.argv[2] ?? 50);
const sims: Simulator[] = [];
for (let i = 0; i < count; i++) sims.push(await Simulator.start({ scl: bundledModelPath(), maxClients: 4 }));
process.stdout.write(`ports ${sims.map((s) => s.port).join(',')}\n`);
let tick = 0;
setInterval(() => {
  tick++;
  for (const s of sims) {
    s.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 3 + ((tick % 10) / 10) });
    s.set('FDR1MEAS/MMXU1.Hz[MX]', { value: 50 + ((tick % 3) - 1) / 100 });
    for (const ph of ['phsA', 'phsB', 'phsC']) s.set(`FDR1MEAS/MMXU1.A.${ph}[MX]`, { value: 190 + (tick % 7) });
  }
}, 1000);
process.on('SIGTERM', () => {
  void Promise.all(sims.map((s) => s.stop())).then(() => process.exit(0));
});
