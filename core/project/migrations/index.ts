import type { Migration } from '../migration';
import { v0ToV1 } from './v0-to-v1';

/** Every migration step, oldest first: step n takes schemaVersion n to n + 1. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];
