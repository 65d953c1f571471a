import { z } from 'zod';
import { ModbusAreaSchema } from './project';

/**
 * What the Modbus output reports for the Modbus page of the UI (docs/MODBUS.md "Counters"). JSON-safe:
 * times are ms since the epoch, exception counts are keyed by the exception code in decimal.
 */
export const ModbusClientSchema = z.object({
  id: z.number().int().nonnegative(),
  /** The client's IP address and port. */
  address: z.string(),
  port: z.number().int().min(0).max(65535),
  connectedAt: z.number(),
  requests: z.number().int().nonnegative(),
  exceptions: z.number().int().nonnegative(),
  /** `{"1": 3, "2": 1}`: exceptions answered, by code (1, 2, 3, 11). */
  exceptionsByCode: z.record(z.string(), z.number().int().nonnegative()),
  /**
   * The last range read successfully: the function code, its area, the 0-based start and count, and
   * the range as messages name it (`holding 0-9 (40001-40010)`).
   */
  lastRead: z
    .object({ fc: z.number().int(), area: ModbusAreaSchema, address: z.number().int(), count: z.number().int(), range: z.string(), at: z.number() })
    .nullable(),
  /** The server waits for this client to read its answers before it reads more requests. */
  stalled: z.boolean(),
  /** Answer bytes queued in the server for this client. */
  queuedBytes: z.number().int().nonnegative(),
});
export type ModbusClient = z.infer<typeof ModbusClientSchema>;

export const ModbusServerStatsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  connections: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  /** Connections closed on arrival: address not on the allow-list, or over maxConnections. */
  refusedNotAllowed: z.number().int().nonnegative(),
  refusedLimit: z.number().int().nonnegative(),
  /** Connections closed for a malformed or never-completed frame. */
  closedMalformed: z.number().int().nonnegative(),
});
export type ModbusServerStats = z.infer<typeof ModbusServerStatsSchema>;
