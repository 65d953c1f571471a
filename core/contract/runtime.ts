import { z } from 'zod';

/**
 * What the gateway runtime reports about each IED (the service's getIedStatus and iedStatusChanged),
 * JSON-safe. Counters count since the runtime started.
 */
export const IedConnectionStateSchema = z.enum(['disabled', 'connecting', 'connected', 'disconnected', 'error']);
export type IedConnectionState = z.infer<typeof IedConnectionStateSchema>;

export const PollGroupStatusSchema = z.object({
  id: z.string(),
  periodMs: z.number().int().positive(),
  /** Whole FCDs read each cycle (poll points plus report points whose RCB cannot be used). */
  variables: z.number().int().nonnegative(),
  /** Read requests per cycle (variables packed to the negotiated PDU size). */
  requests: z.number().int().nonnegative(),
  cycles: z.number().int().nonnegative(),
  /** Cycles that started later than 10 % of the period (at least 50 ms) after they were due. */
  late: z.number().int().nonnegative(),
  /** Cycles skipped because the previous one was still running. */
  missed: z.number().int().nonnegative(),
  lastDurationMs: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
});
export type PollGroupStatus = z.infer<typeof PollGroupStatusSchema>;

export const ReportStatusSchema = z.object({
  /** The report plan's id. */
  id: z.string(),
  /** The RCB as planned, e.g. `LD/LLN0.brcbEvents`. */
  rcb: z.string(),
  /** The instance in use, e.g. `LD/LLN0.urcbA02`; null when none. */
  instance: z.string().nullable(),
  /** active: reports flow. polling: the RCB cannot be used, its points are polled. pending: not tried yet. */
  state: z.enum(['pending', 'active', 'polling']),
  /** Why it is not active (held by another client, access denied, missing, ConfRev changed). */
  reason: z.string().nullable(),
  /** The client holding every instance, as the IED's Owner names it, when known. */
  holder: z.string().nullable(),
  confRev: z.number().int().nonnegative().nullable(),
  plannedConfRev: z.number().int().nonnegative().nullable(),
  reports: z.number().int().nonnegative(),
  sqNumGaps: z.number().int().nonnegative(),
  entryIdGaps: z.number().int().nonnegative(),
  bufferOverflows: z.number().int().nonnegative(),
  /** BRCB: the last EntryID received, hex; kept in the state file to resume after a restart. */
  lastEntryId: z.string().nullable(),
  /** Points this RCB delivers now (the rest of its planned points are polled). */
  coveredPoints: z.number().int().nonnegative(),
  nextRetryInMs: z.number().int().nonnegative().nullable(),
});
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

export const LdBehaviourSchema = z.object({
  ld: z.string(),
  /** LLN0.Mod.stVal and Beh.stVal as names (`on`, `test`, `test/blocked`, ...); null when unread. */
  mod: z.string().nullable(),
  beh: z.string().nullable(),
});

/** The device clock as seen in the timestamps of reported changes. */
export const TimeStatusSchema = z.object({
  /** Reported changes whose timestamp was compared with the gateway clock. */
  samples: z.number().int().nonnegative(),
  /** Gateway receive time minus device timestamp, ms (transfer delay plus clock offset). */
  lastOffsetMs: z.number().nullable(),
  minOffsetMs: z.number().nullable(),
  maxOffsetMs: z.number().nullable(),
  clockNotSynchronized: z.boolean().nullable(),
  clockFailure: z.boolean().nullable(),
});

export const PointCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  ok: z.number().int().nonnegative(),
  stale: z.number().int().nonnegative(),
  disconnected: z.number().int().nonnegative(),
  never: z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
  test: z.number().int().nonnegative(),
});

export const IedStatusSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  host: z.string(),
  port: z.number().int(),
  state: IedConnectionStateSchema,
  /** When `state` was entered, ISO 8601 UTC. */
  since: z.string(),
  lastError: z.string().nullable(),
  /** While disconnected: when the next attempt starts. */
  reconnectInMs: z.number().int().nonnegative().nullable(),
  /** Associations made since start. */
  connects: z.number().int().nonnegative(),
  negotiated: z.object({ maxPduSize: z.number().int(), maxOutstanding: z.number().int() }).nullable(),
  pollGroups: z.array(PollGroupStatusSchema),
  reports: z.array(ReportStatusSchema),
  behaviour: z.array(LdBehaviourSchema),
  time: TimeStatusSchema,
  points: PointCountsSchema,
});
export type IedStatus = z.infer<typeof IedStatusSchema>;

/** One node of a decoded PDU (core/inspect DecodedNode): ISO layers collapsed, MMS expanded. */
export interface DecodedNode {
  label: string;
  value?: string | undefined;
  /** The octets it covers in `hex`, when it is one contiguous span. */
  offset?: number | undefined;
  length?: number | undefined;
  collapsed?: boolean | undefined;
  children?: DecodedNode[] | undefined;
}
export const DecodedNodeSchema: z.ZodType<DecodedNode> = z.lazy(() =>
  z.object({
    label: z.string(),
    value: z.string().optional(),
    offset: z.number().int().nonnegative().optional(),
    length: z.number().int().nonnegative().optional(),
    collapsed: z.boolean().optional(),
    children: z.array(DecodedNodeSchema).optional(),
  }),
);

/** One MMS PDU of an IED's association, as the traffic tap recorded it. */
export const TrafficRecordSchema = z.object({
  seq: z.number().int().nonnegative(),
  direction: z.enum(['sent', 'received']),
  time: z.string(),
  summary: z.string(),
  /** The confirmed service's invoke id; absent for reports, initiate and conclude. */
  invokeId: z.number().int().nonnegative().optional(),
  /** The frame on the wire when captured (TPKT to MMS), else the MMS PDU; possibly truncated; hex. */
  hex: z.string(),
  /** Whether `hex` is the whole frame (true) or the MMS PDU only. */
  framed: z.boolean(),
  /** Octets on the wire (or of the PDU) before the tap truncated them. */
  length: z.number().int().nonnegative(),
  /** Why the PDU could not be used, when it could not (undecodable, a report its subscriber refused). */
  problem: z.string().optional(),
  tree: z.array(DecodedNodeSchema),
});
export type TrafficRecordDto = z.infer<typeof TrafficRecordSchema>;
