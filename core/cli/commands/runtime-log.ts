import type { LogLevel } from '../../contract';
import type { RuntimeLogEntry } from '../../runtime';
import { UsageError, type ParsedArgs } from '../command';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The --log-level option: the lowest level printed. */
export function logLevelOption(values: ParsedArgs['values']): LogLevel {
  const raw = values['log-level'];
  if (raw === undefined) return 'info';
  if (typeof raw === 'string' && raw in RANK) return raw as LogLevel;
  throw new UsageError(`--log-level must be debug, info, warn or error, got '${String(raw)}'`);
}

/** One line per runtime log entry at or above `min`: `2026-01-01T00:00:00.000Z warn  ied:F7  message`. */
export function runtimeLogPrinter(min: LogLevel, print: (line: string) => void, now: () => Date = () => new Date()): (e: RuntimeLogEntry) => void {
  return (e) => {
    if (RANK[e.level] < RANK[min]) return;
    print(`${now().toISOString()} ${e.level.padEnd(5)} ${e.source}  ${e.message}`);
  };
}
