import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LAUNCH = resolve(import.meta.dirname, 'launch.mjs');

describe('npm start (electron/launch.mjs) without the Electron binary', () => {
  it('says how to get it and exits 1, without a stack trace', () => {
    // ELECTRON_OVERRIDE_DIST_PATH is the electron package's own switch: pointing it at an empty place makes
    // the binary absent on every machine, including those where it is installed.
    const result = spawnSync(process.execPath, [LAUNCH], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'relaygate-no-electron-here') },
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(lines[0]).toBe('relaygate: the Electron binary is missing, so the desktop app cannot start.');
    expect(result.stderr).toContain('node node_modules/electron/install.js');
    expect(result.stderr).toContain('npm run serve');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
