import type { LogLevel } from '../contract';

/** Diagnostics from one part of the runtime: the source (`ied:F7`) is added by the owner. */
export type RuntimeLog = (level: LogLevel, message: string) => void;
