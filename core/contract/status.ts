import { z } from 'zod';

/** What the gateway runtime is doing right now. */
export const RuntimeStateSchema = z.enum(['idle', 'starting', 'running', 'stopping', 'error']);
export type RuntimeState = z.infer<typeof RuntimeStateSchema>;

/** Which face of RelayGate is serving this API. */
export const HostModeSchema = z.enum(['desktop', 'serve', 'demo', 'run']);
export type HostMode = z.infer<typeof HostModeSchema>;

export const StatusSchema = z.object({
  version: z.string(),
  mode: HostModeSchema,
  /** Wall-clock time the host started, ISO 8601 UTC. */
  startedAt: z.string(),
  uptimeMs: z.number().int().nonnegative(),
  state: RuntimeStateSchema,
  /** One line explaining `state`, e.g. the error that stopped the runtime; null when nothing to say. */
  stateDetail: z.string().nullable(),
  /** Name of the open project, or null when none is open. */
  project: z.string().nullable(),
});
export type Status = z.infer<typeof StatusSchema>;
