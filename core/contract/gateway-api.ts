import { z } from 'zod';
import { LogEntrySchema } from './diagnostics';
import { ModbusClientSchema, ModbusServerStatsSchema } from './modbus';
import { MqttStatusSchema } from './mqtt';
import { PointBatchSchema, PointStateSchema } from './points';
import { ProjectSchema } from './project';
import { IedStatusSchema, TrafficRecordSchema } from './runtime';

/**
 * Params and results of the gateway's service channels (core/contract/channels.ts): the project file,
 * the runtime, IED and point state, Modbus clients, the MMS traffic tap. JSON-safe throughout.
 */

const FilePath = z.string().min(1).max(4096);

/** One problem in a project: where (JSON path) and what. */
export const ProjectIssueSchema = z.object({ path: z.string(), message: z.string() });

export const OpenProjectParamsSchema = z.object({ path: FilePath }).strict();
export const OpenProjectResultSchema = z.object({
  path: z.string(),
  project: ProjectSchema,
  /** The schemaVersion the file had; older files are migrated in memory and written current on save. */
  fromVersion: z.number().int().nonnegative(),
  migrated: z.boolean(),
  notes: z.array(z.string()),
});

export const SaveProjectParamsSchema = z
  .object({
    /** Where to save; default the path the project was opened from. */
    path: FilePath.optional(),
    /** The project as edited; validated by core/project (JSON-path messages) before anything is written. */
    project: z.unknown(),
    /** Replace a file that is not a readable project. Newer files are never replaced. */
    overwriteUnreadable: z.boolean().optional(),
  })
  .strict();
export const SaveProjectResultSchema = z.object({ path: z.string() });

export const ValidateProjectParamsSchema = z.object({ project: z.unknown() }).strict();
export const ValidateProjectResultSchema = z.object({ ok: z.boolean(), issues: z.array(ProjectIssueSchema) });

/** A page of the snapshot: a UI takes a big project in pages, so no reply is tens of megabytes. */
export const GetPointsParamsSchema = z
  .object({
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(200_000).optional(),
  })
  .strict();

export const PointsSnapshotSchema = z.object({
  /** The last batch number included; pointBatch events continue from batch + 1. */
  batch: z.number().int().nonnegative(),
  points: z.array(PointStateSchema),
  /** Points in the running project; a page holds those from `offset`. */
  total: z.number().int().nonnegative(),
});

export const IedStatusListSchema = z.object({ ieds: z.array(IedStatusSchema) });

/** The Modbus server of the running gateway: its clients (the Modbus output's own DTOs) and totals. */
export const ModbusClientsSchema = z.object({
  /** False when the project has Modbus off or no runtime is running. */
  running: z.boolean(),
  /** `address:port` the server listens on; null when not listening. */
  listening: z.string().nullable(),
  clients: z.array(ModbusClientSchema),
  /** The server's connection counters; null when not running. */
  server: ModbusServerStatsSchema.nullable(),
  /** Requests and exceptions since the server started, including clients that left. */
  totals: z.object({
    requests: z.number().int().nonnegative(),
    exceptions: z.number().int().nonnegative(),
  }),
});
export type ModbusClients = z.infer<typeof ModbusClientsSchema>;

export const GetTrafficParamsSchema = z
  .object({
    ied: z.string().min(1).max(64),
    afterSeq: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
/** Most points one getHistory asks for (a chart of more is unreadable anyway). */
export const MAX_HISTORY_KEYS = 16;

export const GetHistoryParamsSchema = z
  .object({
    /** Point keys `{iedId}/{pointId}` of analog points. */
    keys: z.array(z.string().min(1).max(200)).min(1).max(MAX_HISTORY_KEYS),
    /** Only samples from this time on (ms since the epoch), plus the last one before it. */
    sinceMs: z.number().nonnegative().optional(),
  })
  .strict();
export const HistorySeriesSchema = z.object({
  key: z.string(),
  /** ms since the epoch, oldest first. */
  times: z.array(z.number()),
  /** The point's numeric value; null while it was not ok (stale, disconnected, never read, error). */
  values: z.array(z.number().nullable()),
  /** Samples this point keeps at most, and how many it has dropped. */
  capacity: z.number().int().positive(),
  dropped: z.number().int().nonnegative(),
});
export type HistorySeriesDto = z.infer<typeof HistorySeriesSchema>;
export const HistorySchema = z.object({
  /** The series asked for that the runtime keeps, in the order asked. */
  series: z.array(HistorySeriesSchema),
  /** Keys asked for that have no history: not analog, or not in the running project. */
  unknown: z.array(z.string()),
  /** The service's clock when it answered, ms since the epoch (the right edge of a live chart). */
  now: z.number(),
});
export type History = z.infer<typeof HistorySchema>;

export const TrafficSchema = z.object({
  records: z.array(TrafficRecordSchema),
  dropped: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
});

/**
 * The events the gateway adds: point changes (at most 10 per second), IED status, log entries, and the
 * MQTT publisher's status when it changed (at most once a second).
 */
export const gatewayEvents = {
  pointBatch: PointBatchSchema,
  iedStatusChanged: IedStatusSchema,
  logEntry: LogEntrySchema,
  mqttStatusChanged: MqttStatusSchema,
} as const;
