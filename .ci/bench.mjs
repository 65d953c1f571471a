#!/usr/bin/env node
// `npm run bench [name-filter] [args...]`: runs every core/bench/*.bench.ts in its own process, one after another,
// so one benchmark's heap never skews another's memory figures. Results go to stdout; the figures we
// publish are copied into docs/BENCHMARKS.md together with the command and the machine. Arguments after the
// filter go to each benchmark (e.g. `npm run bench modbus-fc03 -- 5 5` for seconds and rounds).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'core', 'bench');
const filter = process.argv[2] ?? '';
const args = process.argv.slice(3);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark in core/bench matches '${filter}'`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n### ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
