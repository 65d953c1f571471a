import type { Command } from '../command';
import { sclCommand } from './scl';
import { serveCommand } from './serve';

/**
 * Every registered `relaygate` command, in help order. A command is listed here only once its
 * implementation exists; CONVENTIONS.md names the full set.
 */
export const commands: readonly Command[] = [serveCommand, sclCommand];
