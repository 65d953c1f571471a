#!/usr/bin/env node
// `npm start` (after `npm run build`): launches the desktop app with the Electron binary that the
// electron package downloaded at install time. Where that binary is absent (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, or a failed download), it says how to get it and exits 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** The electron package exports the binary's path; it throws when the download never happened. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function fail(lines) {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

const binary = electronBinary();
if (binary === null) {
  fail([
    'relaygate: the Electron binary is missing, so the desktop app cannot start.',
    'Get it with `node node_modules/electron/install.js` (ELECTRON_SKIP_BINARY_DOWNLOAD unset), or reinstall with `npm ci`.',
    'Without Electron, `npm run serve` runs the same UI in a browser.',
  ]);
}
if (
  !existsSync(join(root, 'dist', 'electron', 'main.cjs')) ||
  !existsSync(join(root, 'dist', 'renderer', 'index.html'))
) {
  fail([
    'relaygate: the desktop app is not built (dist/electron, dist/renderer); run `npm run build` first.',
  ]);
}

// An inherited ELECTRON_RUN_AS_NODE would start Electron as plain Node instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env, windowsHide: false });
child.on('error', (err) => fail([`relaygate: could not start Electron (${binary}): ${err.message}`]));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
