import { afterEach } from 'vitest';
import { isoStackFor, openIed, type IedEndpoint, type IedSession } from '../../client';
import type { Simulator } from '../../sim';
import { startTestIed } from './test-ied';

/**
 * Simulators and client sessions for one test file, closed after each test (sessions first). Call at
 * the top level of the file: it registers the afterEach.
 */
export function simHarness(): {
  serve(options?: Parameters<typeof startTestIed>[0]): Promise<Simulator>;
  connect(sim: Simulator, extra?: Partial<IedEndpoint>): Promise<IedSession>;
  track(thing: { close(): Promise<void> }): void;
} {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
  });
  return {
    async serve(options = {}) {
      const sim = await startTestIed(options);
      open.push({ close: () => sim.stop() });
      return sim;
    },
    async connect(sim, extra = {}) {
      const session = await openIed({ host: '127.0.0.1', port: sim.port, ...extra }, isoStackFor);
      open.push(session);
      return session;
    },
    track(thing) {
      open.push(thing);
    },
  };
}
