import { isoStackFor } from '../../client';
import type { Command } from '../command';
import { benchCommand } from './bench';
import { discoverCommand } from './discover';
import { readCommand } from './read';
import { sclCommand } from './scl';
import { serveCommand } from './serve';
import { simCommand } from './sim';
import { watchCommand } from './watch';

/**
 * Every registered `relaygate` command, in help order. A command is listed here only once its
 * implementation exists; CONVENTIONS.md names the full set.
 */
export const commands: readonly Command[] = [
  serveCommand,
  discoverCommand(isoStackFor),
  readCommand(isoStackFor),
  watchCommand(isoStackFor),
  benchCommand(isoStackFor),
  sclCommand,
  simCommand,
];
