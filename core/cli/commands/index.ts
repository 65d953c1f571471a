import type { Command } from '../command';
import { benchCommand } from './bench-command';
import { demoCommand } from './demo-command';
import { discoverCommand } from './discover-command';
import { initCommand } from './init-command';
import { modbusMapCommand } from './modbus-map-command';
import { readCommand } from './read-command';
import { reportCommand } from './report-command';
import { runCommand } from './run-command';
import { sclCommand } from './scl-command';
import { serveCommand } from './serve-command';
import { simCommand } from './sim-command';
import { verifyCommand } from './verify-command';
import { watchCommand } from './watch-command';

/**
 * Every registered `relaygate` command, in help order. Each entry is a light spec (name, help,
 * options) from its `<name>-command.ts`; the code that runs it is imported only when it runs
 * (lazyCommand), so starting one command never loads another's modules. A command is listed here only
 * once its implementation exists; CONVENTIONS.md names the full set.
 */
export const commands: readonly Command[] = [
  demoCommand,
  initCommand,
  runCommand,
  serveCommand,
  discoverCommand,
  readCommand,
  watchCommand,
  benchCommand,
  sclCommand,
  simCommand,
  modbusMapCommand,
  verifyCommand,
  reportCommand,
];
