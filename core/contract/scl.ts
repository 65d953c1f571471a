import { z } from 'zod';

/**
 * The SCL channels, in two steps like `relaygate scl`: the file's overview (every IED with its access
 * points and counts, fast even for a station SCD), then one IED's model and plan. The service keeps the
 * last file it opened, so the second step does not read or scan it again. Shapes match core/scl's
 * summaries (docs/SCL.md); FCs and type names are the strings of CONVENTIONS.md.
 */

const byPath = { path: z.string().min(1).max(4096) };
/** The text itself; the importer's size limit (maxBytes) applies, and the WebSocket's message limit before it. */
const byContent = { content: z.string().min(1), fileName: z.string().max(260).optional() };

/** Which file: a path the service reads (desktop), or the text itself (a browser upload). */
export const SclSourceSchema = z.union([z.object(byPath).strict(), z.object(byContent).strict()]);
export type SclSource = z.infer<typeof SclSourceSchema>;

const CountsSchema = z.object({
  logicalDevices: z.number().int().nonnegative(),
  logicalNodes: z.number().int().nonnegative(),
  dataSets: z.number().int().nonnegative(),
  reportControls: z.number().int().nonnegative(),
  reportInstances: z.number().int().nonnegative(),
  leaves: z.number().int().nonnegative(),
});

export const SclIedOverviewSchema = z.object({
  name: z.string(),
  accessPoints: z.array(z.object({ name: z.string(), ip: z.string().nullable() })),
  counts: CountsSchema,
});
export type SclIedOverviewDto = z.infer<typeof SclIedOverviewSchema>;

export const SclWarningSchema = z.object({ code: z.string(), message: z.string(), ied: z.string().optional() });

export const SclOverviewSchema = z.object({
  file: z.string().nullable(),
  /** `2003`, `2007A`, `2007B`, `2007B4`, … */
  edition: z.string(),
  ieds: z.array(SclIedOverviewSchema),
  warnings: z.array(SclWarningSchema),
});
export type SclOverviewDto = z.infer<typeof SclOverviewSchema>;

/** The planner's tiers (docs/SCL.md): essential, station (what an RCB reports), extended, all (every ST/MX leaf). */
export const PointTierSchema = z.enum(['essential', 'station', 'extended', 'all']);
export type PointTierName = z.infer<typeof PointTierSchema>;

/** The IED, and the tiers of points to return (default essential, station and extended). */
const ied = { ied: z.string().min(1).max(200), tiers: z.array(PointTierSchema).min(1).max(4).optional() };
export const SclIedParamsSchema = z.union([z.object({ ...byPath, ...ied }).strict(), z.object({ ...byContent, ...ied }).strict()]);
export type SclIedParams = z.infer<typeof SclIedParamsSchema>;

const TypeChildSchema = z.object({
  kind: z.enum(['DO', 'SDO', 'DA', 'BDA']),
  name: z.string(),
  type: z.string().nullable(),
  bType: z.string().nullable(),
  typeId: z.string().nullable(),
  fc: z.string().nullable(),
  count: z.number().int().nullable(),
  resolved: z.boolean(),
});

/** An IED's LDs and LNs, and each type they use once, children naming their types by id. */
export const SclIedModelSchema = z.object({
  logicalDevices: z.array(
    z.object({
      name: z.string(),
      inst: z.string(),
      desc: z.string().nullable(),
      logicalNodes: z.array(
        z.object({
          name: z.string(),
          prefix: z.string(),
          lnClass: z.string(),
          inst: z.string(),
          desc: z.string().nullable(),
          lnType: z.string(),
          resolved: z.boolean(),
        }),
      ),
    }),
  ),
  lnTypes: z.array(z.object({ id: z.string(), lnClass: z.string(), leafCount: z.number().int(), dataObjects: z.array(TypeChildSchema) })),
  doTypes: z.array(z.object({ id: z.string(), cdc: z.string().nullable(), leafCount: z.number().int(), children: z.array(TypeChildSchema) })),
  daTypes: z.array(z.object({ id: z.string(), leafCount: z.number().int(), children: z.array(TypeChildSchema) })),
  enumTypes: z.array(z.object({ id: z.string(), values: z.array(z.object({ ord: z.number().int(), name: z.string() })) })),
});

export const SclReportControlSchema = z.object({
  /** The RCB's reference `LD/LN.name`; points' coverage names RCBs by it. */
  id: z.string(),
  buffered: z.boolean(),
  rptId: z.string().nullable(),
  dataSet: z.string().nullable(),
  instances: z.array(z.string()),
  trgOps: z.array(z.string()),
  intgPd: z.number().int().nonnegative(),
});

export const SclPointSchema = z.object({
  ref: z.string(),
  fc: z.string(),
  type: z.string(),
  tier: PointTierSchema,
  reason: z.string(),
  category: z.string(),
  unit: z.object({ siUnit: z.string().optional(), multiplier: z.string().optional() }).optional(),
  coverage: z.object({
    mode: z.enum(['report', 'poll']),
    reason: z.string(),
    dataSets: z.array(
      z.object({ ref: z.string(), member: z.string(), reportControls: z.array(z.object({ id: z.string(), onChange: z.boolean() })) }),
    ),
  }),
});
export type SclPointDto = z.infer<typeof SclPointSchema>;

/** One IED in full: its overview, model, data sets, RCBs, recommended points, and the warnings its details add. */
export const SclIedSchema = z.object({
  overview: SclIedOverviewSchema,
  model: SclIedModelSchema,
  dataSets: z.array(
    z.object({
      ref: z.string(),
      desc: z.string().nullable(),
      members: z.array(z.object({ ref: z.string(), fc: z.string().nullable(), resolved: z.boolean(), problem: z.string().nullable() })),
    }),
  ),
  reportControls: z.array(SclReportControlSchema),
  points: z.array(SclPointSchema),
  warnings: z.array(SclWarningSchema),
});
export type SclIedDto = z.infer<typeof SclIedSchema>;
