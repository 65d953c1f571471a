#!/usr/bin/env node
// `npm test`: build, typecheck, lint, then every vitest project (unit, integration, e2e).
// Each of build, typecheck and lint counts as one check; vitest contributes one count per test.
// The last line is always `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args) {
  const started = Date.now();
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  process.stdout.write(`== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return ok;
}

function check(name, command, args) {
  if (step(name, command, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const built = step('build', npm, ['run', '--silent', 'build']);
if (built) passed++;
else {
  failed++;
  failures.push('build');
}
check('typecheck', npm, ['run', '--silent', 'typecheck']);
check('lint', npx, ['eslint', '.', '--max-warnings', '0']);

const report = join(out, 'vitest.json');
rmSync(report, { force: true });
const vitestOk = step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
const failedBefore = failed;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that fails to load (syntax error, missing build) has no tests: count it as a failure.
  const broken = json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0);
  failed += broken.length;
  for (const r of json.testResults) {
    for (const a of r.assertionResults) if (a.status === 'failed') failures.push(`${a.ancestorTitles.join(' > ')} > ${a.title}`);
  }
  for (const r of broken) failures.push(`${r.name}: ${r.message.split('\n')[0]}`);
} catch (err) {
  failed++;
  failures.push(`vitest report unreadable: ${err.message}`);
}
if (!vitestOk && failed === failedBefore) {
  // e.g. an unhandled error after the tests finished: vitest fails the run, so must we.
  failed++;
  failures.push('vitest exited non-zero with no failed test (unhandled error? see above)');
}

if (failures.length > 0) {
  process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
