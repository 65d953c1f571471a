import { z } from 'zod';
import { TypeNameSchema } from './project';

/**
 * What the gateway knows about one point, as the runtime cache keeps it and every output (Modbus, MQTT,
 * UI) reads it. JSON-safe. The gateway never invents: what it does not know is null.
 */
export const PointStatusSchema = z.enum(['ok', 'stale', 'disconnected', 'never', 'error']);
export type PointStatus = z.infer<typeof PointStatusSchema>;

export const ValiditySchema = z.enum(['good', 'invalid', 'reserved', 'questionable', 'unknown']);

export const PointQualitySchema = z.object({
  validity: ValiditySchema,
  /** detailQual flags that are set, in bit order (overflow, outOfRange, …, inaccurate). */
  flags: z.array(z.string()),
  source: z.enum(['process', 'substituted', 'unknown']),
  test: z.boolean().nullable(),
  operatorBlocked: z.boolean().nullable(),
  /** The 13 bits, bit 0 = the first bit of the IEC bit string (CONVENTIONS.md quality register). */
  raw: z.number().int().min(0).max(0x1fff),
  /** `good`, `invalid: oldData, failure`, `questionable | test`. */
  text: z.string(),
});
export type PointQuality = z.infer<typeof PointQualitySchema>;

/** A scalar the outputs can carry: number, boolean, text (enum/dbpos name, strings), or null when unknown. */
export const PointScalarSchema = z.union([z.number(), z.boolean(), z.string(), z.null()]);

export const PointStateSchema = z.object({
  /** `{iedId}/{pointId}`, unique in a project. */
  key: z.string(),
  ied: z.string(),
  point: z.string(),
  ref: z.string(),
  fc: z.string(),
  type: TypeNameSchema,
  /** Display value: number, boolean, or the name of a dbpos/enum (`closed`, `test/blocked`); null when unknown. */
  value: PointScalarSchema,
  /** The numeric form outputs scale from: ordinal for dbpos/enum, 0/1 for boolean; null when not numeric or unknown. */
  numeric: z.number().nullable(),
  quality: PointQualitySchema.nullable(),
  /** The device's timestamp (the FCD's `t`), ISO 8601 UTC; null when the device sent none. */
  deviceTime: z.string().nullable(),
  /** The device timestamp's clock flags, when it sent a timestamp. */
  timeQuality: z
    .object({ leapSecondsKnown: z.boolean(), clockFailure: z.boolean(), clockNotSynchronized: z.boolean(), accuracy: z.number().int() })
    .nullable(),
  /** When the gateway received the last value, ms since the epoch; null before the first. */
  localTime: z.number().nullable(),
  /** Changes counted by the gateway (value or quality), wrapping at 2^32. */
  seq: z.number().int().nonnegative(),
  source: z.enum(['report', 'poll']).nullable(),
  /**
   * True when this value came in a report from a buffered RCB (BRCB): an event the IED handed over from
   * its buffer. Outputs that can confirm delivery (MQTT at QoS 1/2) keep such changes until the receiver
   * acknowledges them instead of letting a newer value replace them. Absent means false.
   */
  buffered: z.boolean().optional(),
  status: PointStatusSchema,
  /** The point is in test: its quality has the test bit, or its LN's Beh is test or test/blocked. */
  test: z.boolean(),
  /** Why the status is not ok (the access error, the lost association, the stale timeout). */
  reason: z.string().nullable(),
});
export type PointState = z.infer<typeof PointStateSchema>;

/** Who a point is: what every state of it carries whatever is known of its value. */
export type PointIdentity = Pick<PointState, 'key' | 'ied' | 'point' | 'ref' | 'fc' | 'type'>;

/**
 * A point's state before anything has arrived: status `never`, every fact unknown. The one definition the
 * outputs start from (a Modbus image's registers, a Sparkplug BIRTH's metrics without a value yet).
 */
export function neverPointState(id: PointIdentity): PointState {
  return {
    ...id,
    value: null,
    numeric: null,
    quality: null,
    deviceTime: null,
    timeQuality: null,
    localTime: null,
    seq: 0,
    source: null,
    status: 'never',
    test: false,
    reason: null,
  };
}

/** Change batches: the only way point values travel to outputs and clients (never one callback per value). */
export const PointBatchSchema = z.object({
  /** Monotonic batch number; a client that misses one asks for a snapshot. */
  batch: z.number().int().nonnegative(),
  changes: z.array(PointStateSchema),
});
export type PointBatch = z.infer<typeof PointBatchSchema>;
