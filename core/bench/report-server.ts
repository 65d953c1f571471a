/**
 * The server side of the report benchmark, in its own process: the test IED, and on `go` on stdin a
 * loop that flips XCBR1.Pos every turn of the event loop (setImmediate), so an enabled URCB with dchg
 * and BufTm 0 has a data change every tick. Prints `port N`, then `changes N` when stopped with `stop`.
 *
 *   node --import tsx core/bench/report-server.ts
 */
import { createInterface } from 'node:readline';
import { startTestIed } from '../test';

const sim = await startTestIed();
process.stdout.write(`port ${sim.port}\n`);
let running = false;
let changes = 0;
const flip = (): void => {
  if (!running) return;
  sim.set('IED1LD0/XCBR1.Pos[ST]', { value: changes++ % 2 === 0 ? 'open' : 'closed' });
  setImmediate(flip);
};
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'go') {
    running = true;
    flip();
  } else if (line === 'stop') {
    running = false;
    process.stdout.write(`changes ${changes}\n`);
    void sim.stop().then(() => process.exit(0));
  }
});
