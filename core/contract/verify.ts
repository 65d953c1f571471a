import { z } from 'zod';
import { TypeNameSchema } from './project';
import { JobIdSchema } from './workbench';

/**
 * The point-to-point check (`relaygate verify`, the service's verifyProject): what was driven at the
 * simulated IEDs and what an independent Modbus client and MQTT subscriber read, as a pass/fail checklist
 * per point. JSON-safe; `relaygate verify --json` prints it and the FAT report embeds it.
 */

/**
 * The stages a point goes through. `ready`: the first value arrived after the gateway started. Then one
 * step per quality driven at the source, each with a new value: `good`, `invalid` (invalid: failure),
 * `test` (good with the test bit).
 */
export const VerifyStepSchema = z.enum(['ready', 'good', 'invalid', 'test']);
export type VerifyStep = z.infer<typeof VerifyStepSchema>;

/** One check that failed: which step, which output, what was expected and what was read. */
export const VerifyFailureSchema = z.object({
  step: VerifyStepSchema,
  /** `source`: the value could not be driven or never arrived; `modbus`, `mqtt`: what a client read. */
  output: z.enum(['source', 'modbus', 'mqtt']),
  /** `value`, `quality`, `status`, `timestamp`, `age`, `sequence` (Modbus); `/value`, `/state` (MQTT); `drive`, `first value`. */
  item: z.string(),
  /** Where it was read: `holding 0-1 (40001-40002) float32 CDAB`, a topic; empty for the source. */
  where: z.string(),
  expected: z.string(),
  read: z.string(),
});
export type VerifyFailure = z.infer<typeof VerifyFailureSchema>;

/** Per step (good, invalid, test, in that order), ms from the change at the source to a client seeing it; null when not seen. */
const LatencyListSchema = z.array(z.number().nonnegative().nullable());

export const VerifyPointSchema = z.object({
  ied: z.string(),
  point: z.string(),
  ref: z.string(),
  fc: z.string(),
  type: TypeNameSchema,
  /** `pass`: every check passed. `fail`: at least one failed. `not-run`: the point could not be driven (its IED not served, a type that cannot be driven). */
  result: z.enum(['pass', 'fail', 'not-run']),
  /** The value registers checked, as the map being verified places them; null when the point has no Modbus register. */
  modbus: z.string().nullable(),
  /** The `/value` topic checked; null when the point is not published (or MQTT is not checked). */
  mqtt: z.string().nullable(),
  /** Checks made (each register, companion and topic at each step). */
  checks: z.number().int().nonnegative(),
  failures: z.array(VerifyFailureSchema),
  latencyMs: z.object({ modbus: LatencyListSchema, mqtt: LatencyListSchema }),
  /** Why something was not checked (`quality not driven: the data object has no q`), or why it did not run. */
  note: z.string().nullable(),
});
export type VerifyPoint = z.infer<typeof VerifyPointSchema>;

export const VerifyIedSchema = z.object({
  id: z.string(),
  /** True when a simulator served this IED for the check. */
  served: z.boolean(),
  /** What it was served from: `SCL station.scd, IED FDR1` or `model relay.json`; null when not served. */
  source: z.string().nullable(),
  /** The simulator's address on 127.0.0.1; null when not served. */
  address: z.string().nullable(),
  /** Why it was not served (no usable origin, an SCL that cannot be read). */
  problem: z.string().nullable(),
});
export type VerifyIed = z.infer<typeof VerifyIedSchema>;

export const VerifyStepRunSchema = z.object({
  step: VerifyStepSchema,
  /** The quality driven, as text (`good`, `invalid: failure`, `test`). */
  quality: z.string(),
  /** From the change at the source until the last point was seen or the step timed out. */
  durationMs: z.number().nonnegative(),
});

export const VerifyReportSchema = z.object({
  project: z.string(),
  projectPath: z.string().nullable(),
  version: z.string(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  /** The Modbus map checked against: the project's own, or the client's map given (`--map hmi.csv`). */
  map: z.string(),
  /** Where the gateway served Modbus for the check (`127.0.0.1:40123`); null when Modbus was not checked. */
  modbus: z.string().nullable(),
  /** The broker used for the check and the topic root; null when MQTT was not checked. */
  mqtt: z.string().nullable(),
  /** What was not checked at all, and why (`MQTT: the project publishes Sparkplug B`). */
  notes: z.array(z.string()),
  steps: z.array(VerifyStepRunSchema),
  ieds: z.array(VerifyIedSchema),
  points: z.array(VerifyPointSchema),
  summary: z.object({
    points: z.number().int().nonnegative(),
    passed: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    notRun: z.number().int().nonnegative(),
  }),
  /** True when every point passed (exit code 0). */
  passed: z.boolean(),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

/**
 * The service's verifyProject: a project checked as `relaygate verify` checks it, as a job (jobProgress
 * events of kind `verify`; cancelJob stops it and everything it started). The result is the VerifyReport.
 */
export const VerifyProjectParamsSchema = z
  .object({
    jobId: JobIdSchema,
    /** The project as edited in the UI (defaults may be missing); default the open project. Origins are relative to the open project's file. */
    project: z.unknown().optional(),
    /** The client's Modbus map as `modbus-map --csv` text (an HMI's signal list); default the project's map. */
    mapCsv: z.string().max(16 * 1024 * 1024).optional(),
    /** A name for that map in the checklist (its file name). */
    mapName: z.string().max(256).optional(),
    /** A broker on this machine to use instead of the embedded one, e.g. a mosquitto: `mqtt://127.0.0.1:1883`. */
    mqttUrl: z.string().regex(/^mqtts?:\/\//).optional(),
    /** false: do not check Modbus / MQTT (default: what the project enables). */
    modbus: z.boolean().optional(),
    mqtt: z.boolean().optional(),
    /** How long one step may take, ms (default from the poll periods, at least 5 s). */
    stepTimeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();
export type VerifyProjectParams = z.infer<typeof VerifyProjectParamsSchema>;

/** Progress of a running check (core/verify's onProgress; the service sends it as jobProgress of kind `verify`, `phase` and `message` as `detail`). */
export const VerifyProgressSchema = z.object({
  phase: z.enum(['serving', 'starting', 'ready', 'step', 'done']),
  step: VerifyStepSchema.nullable(),
  /** Points seen by every output in this phase, and how many there are. */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string(),
});
export type VerifyProgress = z.infer<typeof VerifyProgressSchema>;
