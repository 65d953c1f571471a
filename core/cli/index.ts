/**
 * What tests and benchmarks reuse from the CLI: the projects `init` and `demo` make. The `relaygate`
 * program itself starts at main.ts and never imports this file.
 */
export { demoProject } from './commands/demo';
export { initProject } from './commands/init';
export { sclDrafts } from './commands/init-scl';
