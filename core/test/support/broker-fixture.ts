import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Closer } from './closer';
import { Mosquitto } from './mosquitto';

/** What an MQTT test file shares: its broker, what each test opened, and a scratch folder. */
export interface BrokerFixture {
  readonly broker: Mosquitto;
  /** Closed after each test. */
  readonly open: Closer;
  /** Removed after the file; only with `tempDir`. */
  readonly dir: string;
}

/**
 * One real mosquitto per test file (started before the first test, disposed after the last), what each
 * test opened closed after it, and the broker launched again after a test that stopped it.
 */
export function mosquittoPerFile(options: { tempDir?: string } = {}): BrokerFixture {
  let broker: Mosquitto | undefined;
  let dir: string | undefined;
  const open = new Closer();
  beforeAll(async () => {
    broker = await Mosquitto.start();
    if (options.tempDir) dir = mkdtempSync(join(tmpdir(), options.tempDir));
  });
  afterAll(async () => {
    await broker?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await open.closeAll();
    if (broker && !broker.running) await broker.launch();
  });
  return {
    get broker() {
      if (!broker) throw new Error('the broker is started in beforeAll: use it inside a test or hook');
      return broker;
    },
    open,
    get dir() {
      if (!dir) throw new Error('no scratch folder: pass tempDir to mosquittoPerFile');
      return dir;
    },
  };
}
