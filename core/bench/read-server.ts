/**
 * The server side of the read benchmark, run in its own process so client and server do not share an
 * event loop: the scripted model server (our ISO responder + MMS codec) with one LD of 100 analogue
 * inputs, each a whole MX FCD {mag {f}, q, t}. Prints `port N` on stdout when listening.
 *
 *   node --import tsx core/bench/read-server.ts
 */
import { ModelIed, ModelServer, leaf, type Node } from '../test';

export const BENCH_VARIABLES = 100;

const mx: Record<string, Node> = {};
for (let i = 1; i <= BENCH_VARIABLES; i++) {
  mx[`AnIn${i}`] = { mag: { f: leaf.float32(i * 1.5) }, q: leaf.quality(0), t: leaf.time(1_795_392_000 + i) };
}

const server = await ModelServer.start(new ModelIed({ lds: { BENCHLD: { GGIO1: { MX: mx } } } }), {
  maxOutstanding: 10,
});
process.stdout.write(`port ${server.port}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
