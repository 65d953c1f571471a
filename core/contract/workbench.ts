import { z } from 'zod';
import { PointStateSchema } from './points';
import { FcSchema, ProjectSchema, SecretRefSchema, SelectorsSchema, TypeNameSchema, COMPANION_KINDS, IedConfigSchema } from './project';
import { LdBehaviourSchema } from './runtime';
import { PointTierSchema, SclIedSchema } from './scl';

/**
 * Channels of the engineer's workbench (docs/UI.md): discovering and probing a live IED as long jobs
 * with progress and cancellation, turning the wizard's choices into project IEDs and points, the Modbus
 * map's checks, auto-assignment and CSV, secrets, file dialogs and the caller's session. JSON-safe.
 */

/** Chosen by the caller, so it can cancel a job before its reply arrives. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64');

/** Where and how to reach an IED from the wizard. The password is used for this call only, never kept. */
export const IedConnectSchema = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(102),
    password: z.string().max(256).optional(),
    selectors: SelectorsSchema.optional(),
    timeoutMs: z.number().int().min(100).max(120_000).default(5000),
  })
  .strict();
export type IedConnect = z.input<typeof IedConnectSchema>;

export const JobKindSchema = z.enum(['discover', 'probe', 'verify', 'report']);

/** A long job's progress, pushed at most ten times a second per job, and once when it ends. */
export const JobProgressSchema = z.object({
  jobId: z.string(),
  kind: JobKindSchema,
  /** e.g. `logical-devices`, `names`, `types`, `data-sets`, `report-controls`, `read`. */
  phase: z.string(),
  detail: z.string(),
  /** Work done of the work known so far (LNs for a discovery, FCDs for a probe). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  lds: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
  lns: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const CancelJobParamsSchema = z.object({ jobId: JobIdSchema }).strict();
export const CancelJobResultSchema = z.object({ cancelled: z.boolean() });

export const DiscoverIedParamsSchema = z
  .object({ jobId: JobIdSchema, connect: IedConnectSchema, tiers: z.array(PointTierSchema).min(1).max(4).optional() })
  .strict();
export const DiscoverIedResultSchema = z.object({
  /** The discovered model as an SCL IED: the same tree, data sets, RCBs and plan as the By-SCL path. */
  ied: SclIedSchema,
  identity: z.object({ vendor: z.string(), model: z.string(), revision: z.string() }).nullable(),
  /** What could not be browsed, one line each. */
  warnings: z.array(z.string()),
  durationMs: z.number().nonnegative(),
});
export type DiscoverIedResult = z.infer<typeof DiscoverIedResultSchema>;

const PointRefSchema = z
  .object({
    ref: z.string().min(3).max(512),
    fc: FcSchema,
    type: TypeNameSchema,
    enumNames: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const ProbePointsParamsSchema = z
  .object({ jobId: JobIdSchema, connect: IedConnectSchema, points: z.array(PointRefSchema).min(1).max(50_000) })
  .strict();
export const ProbePointsResultSchema = z.object({
  /** In the order asked; `key` is `probe/p<index>`. */
  points: z.array(PointStateSchema),
  behaviour: z.array(LdBehaviourSchema),
  durationMs: z.number().nonnegative(),
});
export type ProbePointsResult = z.infer<typeof ProbePointsResultSchema>;

/** An RCB that reports a point on change, as the wizard knows it from SCL or discovery. */
const DraftCoverSchema = z
  .object({
    rcb: z.string().min(3).max(256),
    buffered: z.boolean(),
    dataSet: z.string().min(3).max(256),
    confRev: z.number().int().nonnegative().optional(),
    intgPd: z.number().int().nonnegative().optional(),
  })
  .strict();

export const DraftIedSchema = z
  .object({
    /** The IED's id in the project; default its name made safe (and made unique). */
    id: z.string().max(64).optional(),
    name: z.string().max(256).optional(),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    selectors: SelectorsSchema.optional(),
    password: SecretRefSchema.optional(),
    origin: IedConfigSchema.shape.origin,
    points: z
      .array(PointRefSchema.extend({ label: z.string().max(256).optional(), covers: z.array(DraftCoverSchema).max(64) }).strict())
      .max(200_000),
  })
  .strict();
export type DraftIedDto = z.infer<typeof DraftIedSchema>;

/** `project` is the project as edited (defaults may be missing); it comes back validated. */
export const AddIedsParamsSchema = z.object({ project: z.unknown(), ieds: z.array(DraftIedSchema).min(1).max(1000) }).strict();
export const AddIedsResultSchema = z.object({
  project: ProjectSchema,
  /** Ids the new IEDs got, in the order given. */
  ieds: z.array(z.string()),
  points: z.number().int().nonnegative(),
});

export const MapProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** `ied/point` keys of the points involved. */
  points: z.array(z.string()),
});
export type MapProblemDto = z.infer<typeof MapProblemSchema>;

export const ModbusMapParamsSchema = z.object({ project: z.unknown() }).strict();
export const ModbusMapResultSchema = z.object({
  ok: z.boolean(),
  problems: z.array(MapProblemSchema),
  /** Points with a Modbus mapping. */
  mapped: z.number().int().nonnegative(),
  /** The map as `relaygate modbus-map --csv` writes it; null while it has problems. */
  csv: z.string().nullable(),
  /** The CSV's rows (a value row per point, a row per companion), also while the map has problems. */
  rows: z.array(z.record(z.string(), z.string())),
});

export const AutoAssignParamsSchema = z
  .object({
    project: z.unknown(),
    companions: z.array(z.enum(COMPANION_KINDS)).optional(),
    /** Only these IEDs' unmapped points; default every IED. */
    ieds: z.array(z.string()).optional(),
  })
  .strict();
export const AutoAssignResultSchema = z.object({
  project: ProjectSchema,
  assigned: z.array(z.string()),
  skipped: z.array(z.object({ key: z.string(), reason: z.string() })),
  problems: z.array(MapProblemSchema),
});

export const ProtectSecretParamsSchema = z.object({ plain: z.string().min(1).max(4096) }).strict();

export const FilePurposeSchema = z.enum(['open-project', 'save-project', 'open-scl', 'open-pem']);
export const ChooseFileParamsSchema = z
  .object({ purpose: FilePurposeSchema, defaultPath: z.string().max(4096).optional() })
  .strict();
export const ChooseFileResultSchema = z.object({ path: z.string().nullable() });

export const RoleSchema = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof RoleSchema>;
export const SessionSchema = z.object({
  role: RoleSchema,
  /** True when this server asks for a password (bound beyond loopback). */
  authRequired: z.boolean(),
  /** Native file dialogs exist (desktop); a browser types server paths or uploads. */
  fileDialogs: z.boolean(),
  /** Secrets typed in the UI can be stored encrypted (desktop); headless projects name environment variables. */
  encryptedSecrets: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;

export const NewProjectParamsSchema = z.object({ name: z.string().min(1).max(256) }).strict();

export const StartRuntimeParamsSchema = z
  .object({
    /** The project as edited; run instead of the one last opened or saved (its file path is kept). */
    project: z.unknown().optional(),
  })
  .strict();

export const workbenchEvents = {
  jobProgress: JobProgressSchema,
} as const;
