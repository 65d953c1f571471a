import { z } from 'zod';

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const LogEntrySchema = z.object({
  /** Monotonic sequence number, so a client can ask for what came after the last entry it saw. */
  seq: z.number().int().nonnegative(),
  time: z.string(),
  level: LogLevelSchema,
  /** Where it came from: `service`, `ied:<name>`, `modbus`, `mqtt`, ... */
  source: z.string().max(200),
  message: z.string(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** Upper bound on entries returned by one getDiagnostics call. */
export const MAX_DIAGNOSTICS_PAGE = 1000;

export const GetDiagnosticsParamsSchema = z
  .object({
    /** Only entries with seq greater than this. */
    afterSeq: z.number().int().nonnegative().optional(),
    /** Most recent N entries (after the afterSeq filter); default and maximum 1000. */
    limit: z.number().int().min(1).max(MAX_DIAGNOSTICS_PAGE).optional(),
    minLevel: LogLevelSchema.optional(),
  })
  .strict();
export type GetDiagnosticsParams = z.infer<typeof GetDiagnosticsParamsSchema>;

export const DiagnosticsSchema = z.object({
  entries: z.array(LogEntrySchema),
  /** Capacity of the server's log ring buffer. */
  capacity: z.number().int().positive(),
  /** Entries the ring buffer has discarded since start because it was full. */
  dropped: z.number().int().nonnegative(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;
