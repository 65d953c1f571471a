import { z } from 'zod';

/**
 * What the MQTT publisher tells the UI's MQTT page (docs/MQTT.md): the broker connection, the counters
 * and the last published messages. JSON-safe.
 */

/** The per-IED status topic `{root}/{ied}/status` (CONVENTIONS.md "MQTT"). */
export const MqttIedStatusSchema = z.enum(['connected', 'connecting', 'disconnected', 'error']);
export type MqttIedStatus = z.infer<typeof MqttIedStatusSchema>;

/**
 * The broker connection: `connecting` (an attempt is under way), `connected`, `waiting` (the last attempt
 * failed or the connection dropped and the next attempt is scheduled; or, in Sparkplug mode with a primary
 * host, connected but publishing nothing until the host's STATE says it is online: then `connectedSince`
 * is set and `sparkplug.primaryHost.online` is not true), `stopped`, `disabled` (MQTT off).
 */
export const MqttConnectionStateSchema = z.enum([
  'disabled',
  'connecting',
  'connected',
  'waiting',
  'stopped',
]);
export type MqttConnectionState = z.infer<typeof MqttConnectionStateSchema>;

const Count = z.number().int().nonnegative();

export const MqttCountersSchema = z.object({
  /** Messages the publisher made (changes, statuses, republishes, births); each ends in one of the counts below. */
  generated: Count,
  /** Messages handed to the broker connection, each counted once (a resend after an outage counts in `resent`). */
  sent: Count,
  /** QoS 1/2 messages the broker acknowledged (PUBACK, PUBCOMP). */
  acknowledged: Count,
  /** Messages waiting in the offline queue now (newest value per topic). */
  queued: Count,
  /** Queued messages replaced by a newer value of the same topic before they could be sent. */
  superseded: Count,
  /** Messages lost to a bound: the offline queue or the outbox was full. */
  dropped: Count,
  /** Buffered-report events waiting for the broker's acknowledgement now (persisted outbox). */
  outbox: Count,
  /** Outbox events sent again after a connection loss before their acknowledgement. */
  resent: Count,
  /** Publishes that failed (the connection closed before the acknowledgement, a refused message). */
  errors: Count,
});
export type MqttCounters = z.infer<typeof MqttCountersSchema>;

export const MqttRecentMessageSchema = z.object({
  /** When the message was handed to the broker connection, ISO 8601 UTC. */
  time: z.string(),
  topic: z.string(),
  /** The payload as text, cut to a few hundred characters; a Sparkplug payload is summarised. */
  payload: z.string(),
  truncated: z.boolean(),
  bytes: Count,
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  retain: z.boolean(),
});
export type MqttRecentMessage = z.infer<typeof MqttRecentMessageSchema>;

/** What the edge node knows of its Sparkplug primary host application (docs/MQTT.md "Primary host"). */
export const SparkplugPrimaryHostSchema = z.object({
  id: z.string(),
  /** The last accepted STATE's `online`; null when none arrived on this connection yet. */
  online: z.boolean().nullable(),
  /** The last accepted STATE's `timestamp`, ISO 8601 UTC; null when none was accepted yet. */
  timestamp: z.string().nullable(),
  /** One line for the UI: `waiting for primary host 'scada' (no STATE message yet)`, or `primary host 'scada' is online`. */
  text: z.string(),
});
export type SparkplugPrimaryHost = z.infer<typeof SparkplugPrimaryHostSchema>;

export const MqttStatusSchema = z.object({
  enabled: z.boolean(),
  /** The broker URL without credentials. */
  url: z.string(),
  clientId: z.string(),
  instanceId: z.string(),
  topicRoot: z.string(),
  payload: z.enum(['json', 'sparkplug']),
  connection: MqttConnectionStateSchema,
  /** The last connection or publish error, one line; null when none since the last connect. */
  lastError: z.string().nullable(),
  /** ISO 8601 UTC of the current connection; null when not connected. */
  connectedSince: z.string().nullable(),
  /** Successful connects after the first. */
  reconnects: Count,
  counters: MqttCountersSchema,
  /** Oldest first. */
  recent: z.array(MqttRecentMessageSchema),
  /** Topic collisions, sanitised segments, another gateway on the same root. */
  warnings: z.array(z.string()),
  /** Sparkplug B session numbers, in Sparkplug mode. */
  sparkplug: z
    .object({
      groupId: z.string(),
      edgeNodeId: z.string(),
      bdSeq: Count,
      seq: Count,
      /** The primary host the edge node waits for; null when none is configured. */
      primaryHost: SparkplugPrimaryHostSchema.nullable(),
    })
    .nullable(),
});
export type MqttStatus = z.infer<typeof MqttStatusSchema>;
