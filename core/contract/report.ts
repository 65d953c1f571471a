import { z } from 'zod';
import { PointStateSchema } from './points';
import { LdBehaviourSchema } from './runtime';
import { VerifyReportSchema } from './verify';
import { JobIdSchema } from './workbench';

/**
 * The FAT/SAT evidence report (`relaygate report`, the service's exportReport): everything it shows, as
 * one JSON-safe structure. core/report renders it to self-contained HTML (and PDF).
 */

/** What Identify answered (MMS vendorName, modelName, revision). */
export const IedIdentitySchema = z.object({ vendor: z.string(), model: z.string(), revision: z.string() });
export type IedIdentity = z.infer<typeof IedIdentitySchema>;

/** One IED as a probe found it: identity, Mod/Beh of each LD in use, or why it could not be read. */
export const ProbedIedSchema = z.object({
  id: z.string(),
  /** `host:port` probed. */
  address: z.string(),
  identity: IedIdentitySchema.nullable(),
  behaviour: z.array(LdBehaviourSchema),
  /** True when its points were read; false when it could not be reached (its points say `disconnected`) or is disabled. */
  pointsRead: z.boolean(),
  /** Why the IED (or its identity) could not be read; null when all went well. */
  error: z.string().nullable(),
  /** When the read finished, ISO 8601 UTC. */
  at: z.string(),
  durationMs: z.number().nonnegative(),
});
export type ProbedIed = z.infer<typeof ProbedIedSchema>;

/** A probe of a project's IEDs: one read of every point (value, quality, device time). */
export const ProbeResultSchema = z.object({
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  ieds: z.array(ProbedIedSchema),
  points: z.array(PointStateSchema),
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

/** A row of the Modbus map, the columns of `modbus-map --csv`. */
export const ReportMapRowSchema = z.object({
  ied: z.string(),
  point: z.string(),
  ref: z.string(),
  fc: z.string(),
  area: z.string(),
  address: z.string(),
  modicon: z.string(),
  type: z.string(),
  wordOrder: z.string(),
  gain: z.string(),
  offset: z.string(),
});

export const ReportDataSchema = z.object({
  title: z.string(),
  /** When the report was made, ISO 8601 UTC. */
  generatedAt: z.string(),
  version: z.string(),
  project: z.object({
    name: z.string(),
    description: z.string().nullable(),
    path: z.string().nullable(),
    /** SHA-256 of the project as saved (its canonical JSON), so the report names the exact configuration. */
    sha256: z.string(),
    modbus: z.string(),
    mqtt: z.string(),
  }),
  ieds: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      address: z.string(),
      enabled: z.boolean(),
      origin: z.string().nullable(),
      points: z.number().int().nonnegative(),
      reports: z.array(z.string()),
      probe: ProbedIedSchema.nullable(),
    }),
  ),
  points: z.array(
    z.object({
      ied: z.string(),
      point: z.string(),
      label: z.string().nullable(),
      ref: z.string(),
      fc: z.string(),
      type: z.string(),
      source: z.string(),
      /** `input 27 (30028) dbpos` or null when unmapped. */
      modbus: z.string().nullable(),
      /** The `/value` topic, or null when not published. */
      mqtt: z.string().nullable(),
      probe: PointStateSchema.nullable(),
    }),
  ),
  /** When the probe ran; null when the report was made without `--probe`. */
  probe: z.object({ startedAt: z.string(), durationMs: z.number().nonnegative() }).nullable(),
  modbusMap: z.array(ReportMapRowSchema),
  /** Problems of the map (a map with problems is never served); empty when it is sound. */
  modbusMapProblems: z.array(z.string()),
  mqttTopics: z.object({
    enabled: z.boolean(),
    root: z.string(),
    status: z.string(),
    iedStatus: z.array(z.object({ ied: z.string(), topic: z.string() })),
    points: z.array(z.object({ ied: z.string(), point: z.string(), value: z.string(), state: z.string() })),
    issues: z.array(z.string()),
  }),
  verify: VerifyReportSchema.nullable(),
});
export type ReportData = z.infer<typeof ReportDataSchema>;

/**
 * The service's exportReport: a project's FAT/SAT report, as a job (jobProgress events of kind `report`,
 * phases `probe`, `verify`, `render`, `pdf`; cancelJob stops it). The report comes back inline, or is
 * written on the host when `path` is given (a big report must be: an inline reply is limited to 3 MiB).
 */
export const ExportReportParamsSchema = z
  .object({
    jobId: JobIdSchema,
    /** The project as edited in the UI (defaults may be missing); default the open project. */
    project: z.unknown().optional(),
    /** Read every point live from the IEDs first (through core/client, in parallel). */
    probe: z.boolean().optional(),
    /** Run the point-to-point check now and include it; otherwise the last check of this project in this session is included, if any. */
    verify: z.boolean().optional(),
    /** Also make a PDF (needs Chromium on the host; the desktop app may print the HTML itself). */
    pdf: z.boolean().optional(),
    /** Write the HTML to this file on the host (and the PDF beside it, `.pdf`) instead of returning them. */
    path: z.string().min(1).max(4096).regex(/\.html?$/i, 'a path ending in .html').optional(),
  })
  .strict();
export type ExportReportParams = z.infer<typeof ExportReportParamsSchema>;

export const ExportReportResultSchema = z.object({
  /** The self-contained HTML (inline CSS, no external references); null when written to `path`. */
  html: z.string().nullable(),
  /** A file name to offer: `<project>-fat-report-<YYYY-MM-DD>.html`. */
  fileName: z.string(),
  /** The PDF, base64, when asked, made and not written to a path. */
  pdfBase64: z.string().nullable(),
  /** The files written on the host when `path` was given (the PDF only when made). */
  htmlPath: z.string().nullable(),
  pdfPath: z.string().nullable(),
  /** Why no PDF was made when one was asked (no Chromium on the host, the print failed). */
  pdfError: z.string().nullable(),
  /** Whether a point-to-point check is in the report, and whether it passed. */
  verified: z.enum(['none', 'passed', 'failed']),
  /** What a reader must not miss: IEDs that could not be probed, a failed check (as `relaygate report` prints them). */
  warnings: z.array(z.string()),
});
export type ExportReportResult = z.infer<typeof ExportReportResultSchema>;
